"""Mentions: the names, places and dates an article holds, found in the parse before anything is resolved."""
