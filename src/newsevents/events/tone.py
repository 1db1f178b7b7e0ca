"""The tone of what a clause says: praise or blame, from VADER's valence lexicon (vaderSentiment).

Where criticism or praise is read into a neutral report verb ("X said the appointment was a significant
strengthening"), by the event model or the sentence detector, the act is all in what was said: content that
reads as praise is no accusation, content that reads as blame is no praise.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# The valence (VADER compound, -1 to 1) from which what was said reads as praise (and from minus it as blame).
# VADER's own "positive" line is 0.05; 0.3 leaves mixed content ("was delighted but called on the government to
# release men detained without charge", -0.34) and plain statements to the model
TONE_AT = 0.3
# the types a tone contradicts: criticism by praise (+1), praise by blame (-1)
CONTRADICTED_BY = {"ACCUSE": 1, "SUPPORT": -1}
# dependents of a report verb that are not what was said: its speaker
SPEAKER_DEPS = ("nsubj", "nsubjpass", "agent", "expl")


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def said_content(verb: Token, sent: Span) -> str:
    """The words of ``sent`` that are what ``verb`` reports: the sentence without the verb and its speaker."""
    speaker = {w.i for c in verb.children if c.dep_ in SPEAKER_DEPS for w in c.subtree}
    return " ".join(w.text for w in sent if w.i not in speaker and w.i != verb.i)


def tone(text: str) -> float:
    """VADER's compound valence of ``text``, from -1 (blame) to 1 (praise); 0 for neutral or mixed text."""
    return float(_analyzer().polarity_scores(text)["compound"])


def contradicts(event: str, verb: Token, sent: Span) -> float | None:
    """The tone of what ``verb`` reports when it contradicts ``event`` (ACCUSE said with praise, SUPPORT with
    blame), else None."""
    sign = CONTRADICTED_BY.get(event)
    if sign is None:
        return None
    value = tone(said_content(verb, sent))
    return value if value * sign >= TONE_AT else None
