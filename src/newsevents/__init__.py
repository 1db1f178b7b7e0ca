"""newsevents: news articles to coded political event data (PLOVER 2.0 and CAMEO), offline on a CPU.

From Python (docs/python.md)::

    import newsevents
    coded = newsevents.code("Protesters marched on parliament in Nairobi on Tuesday.", date="2024-05-03")
    with newsevents.open("newsevents.duckdb") as store:
        df = store.events(type="PROTEST").to_pandas()

Importing the package is cheap: spaCy loads on the first ``code``, DuckDB on the first ``open``.
"""

from newsevents.models import Actor, Article, CodedArticle, Event, Place, Quote
from newsevents.pyapi.coding import code, code_many
from newsevents.pyapi.reader import Store, open
from newsevents.version import __version__

__all__ = [
    "Actor", "Article", "CodedArticle", "Event", "Place", "Quote", "Store", "__version__", "code", "code_many",
    "open",
]
