"""Quotes: quoted and reported speech, its cue, speaker, medium and date."""
