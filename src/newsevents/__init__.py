"""newsevents: news articles to coded political event data (PLOVER 2.0 and CAMEO), offline on a CPU."""

from newsevents.models import Actor, Article, CodedArticle, Event, Place, Quote

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "CodedArticle", "Event", "Place", "Quote", "__version__"]
