"""Calendar words: month and weekday names, relative days and units, as date expressions use them."""

MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun"
).split()
RELATIVE_DAYS = ("yesterday", "today", "tomorrow", "tonight")
UNITS = ("day", "days", "month", "months", "year", "years")
