"""Countries that a person's title itself states: US office titles ("Rep. Adam Schiff", "Florida Rep. X").

The American press writes "Rep." for a member of the US House (``actor_title_countries.tsv``), and a US state
before a US office title ("Florida Rep.", "Texas Gov.", "Ohio Senator": ``actor_us_states.tsv``,
``actor_us_state_titles.tsv``) makes its holder American, whatever town abroad shares the state's name (the
place table ranks the Cuban town Florida above the state) and whatever country the story is about (issue 13:
a congressman in a story about Russia was coded RUS).
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsevents.knowledge.resources import lexicon_path, read_tsv, word_map, word_set

TITLE_COUNTRIES = word_map("actor_title_countries")
US_STATE_TITLES = word_set("actor_us_state_titles")


def _state_names() -> frozenset[tuple[str, ...]]:
    names: set[tuple[str, ...]] = set()
    for row in read_tsv(lexicon_path("actor_us_states"), columns=2):
        names.add(tuple(row.cols[0].lower().split()))
        for abbr in row.cols[1].split("|"):
            if abbr != "-":
                names.add((abbr.lower(),))
    return frozenset(names)


US_STATES = _state_names()
_LONGEST_STATE = max(len(n) for n in US_STATES)


def us_state_before(doc: Doc, i: int) -> bool:
    """Whether the words right before token ``i`` are a capitalised US state name or abbreviation."""
    for n in range(1, _LONGEST_STATE + 1):
        if i - n < 0:
            break
        words = doc[i - n : i]
        if not words[0].text[:1].isupper():
            continue
        if tuple(t.lower_ for t in words) in US_STATES:
            return True
    return False


def title_countries(doc: Doc, title_words: tuple[str, ...], title_start: int, found: list[str]) -> list[str]:
    """The countries of a title, given those its phrase names (``found``): USA alone for a US office after a
    state's name ("Florida Rep.": the state, not the Cuban town of that name), the country of a title only one
    country uses ("Rep.") where the phrase names none, else ``found`` unchanged."""
    phrase = " ".join(title_words)
    if phrase in US_STATE_TITLES and us_state_before(doc, title_start):
        return ["USA"]
    if not found and phrase in TITLE_COUNTRIES:
        return [TITLE_COUNTRIES[phrase]]
    return found
