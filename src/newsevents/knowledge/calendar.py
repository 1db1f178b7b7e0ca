"""Calendar words: month and weekday names, relative days and units, as date expressions use them.

Data in ``resources/lexicon/date_*.tsv``; read once, at import.
"""

from __future__ import annotations

from newsevents.knowledge.resources import word_set

MONTHS: frozenset[str] = word_set("date_months")  # "january" ... "dec", "sept"
WEEKDAYS: frozenset[str] = word_set("date_weekdays")  # "monday" ... "sun", "thurs"
RELATIVE_DAYS: frozenset[str] = word_set("date_relative_days")  # "yesterday", "today", "tomorrow", "tonight"
UNITS: frozenset[str] = word_set("date_units")  # "day", "days", "month", ...
