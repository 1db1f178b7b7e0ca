"""spaCy stage: load the English pipeline once and parse articles in batches."""

from newsevents.nlp.lemmas import coarse_pos, lemma_of
from newsevents.nlp.model import load_model, parse_articles

__all__ = ["coarse_pos", "lemma_of", "load_model", "parse_articles"]
