"""Extraction stage: events, quotes, places, dates and actor mentions from a parsed article."""
