"""Quotes on the seed article and on hand-written sentences: contents, speakers, media, dates, types."""

from __future__ import annotations

import pytest

from conftest import code_text

SEED_QUOTED = [
    "The Taliban refused dialogue to end the war",
    "characterized by extremism",
    "the legitimate caretaker President",
    "in absence, escape, resignation or death of the President.",
    "America and its democratic allies do not just have the fight against terrorism",
    "No matter what happens, my mujahideen fighters and I will defend Panjshir",
    "We have fought for so long to have an open society",
]


def _covering(quotes, words: str):
    return [q for q in quotes if words in q.content.text]


def test_seed_every_quoted_passage_is_a_quote_content(seed_coded):
    for words in SEED_QUOTED:
        assert _covering(seed_coded.quotes, words), words


def test_seed_content_spans_are_exact(seed_coded):
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    for q in seed_coded.quotes:
        assert text[q.content.start : q.content.end] == q.content.text
        assert text[q.cue.start : q.cue.end] == q.cue.text
        if q.speaker is not None:
            assert text[q.speaker.start : q.speaker.end] == q.speaker.entity_text


def test_seed_speakers_are_canonical(seed_coded):
    names = {q.speaker.name for q in seed_coded.quotes if q.speaker}
    assert {"Ahmad Massoud", "Amrullah Saleh", "Bismillah Khan Mohammadi"} <= names
    (told,) = _covering(seed_coded.quotes, "The Taliban refused dialogue")
    assert told.speaker.name == "Ahmad Massoud" and told.speaker.entity_text == "Massoud"
    assert told.cue.text == "told" and told.type == "direct"


def test_seed_indirect_quotes(seed_coded):
    (rejected,) = _covering(seed_coded.quotes, "The Taliban have rejected peace negotiations")
    assert rejected.type == "indirect" and rejected.speaker.name == "Ahmad Massoud"
    assert rejected.date == "2021-08-22"  # "said Sunday", published Sunday 2021-08-22
    (added,) = _covering(seed_coded.quotes, "Panjshir will not surrender to the Taliban")
    assert added.type == "indirect"
    assert added.speaker.entity_text == "he" and added.speaker.name == "Ahmad Massoud"
    assert added.cue.text == "added"
    (confirmed,) = _covering(seed_coded.quotes, "Saleh’s claim as the country’s legitimate leader")
    assert confirmed.speaker.name == "Bismillah Khan Mohammadi"


def test_seed_mixed_quote(seed_coded):
    (mixed,) = _covering(seed_coded.quotes, "resistance leaders are ready to form an inclusive government")
    assert mixed.type == "mixed"
    assert "“characterized by extremism” is unacceptable" in mixed.content.text
    assert mixed.medium == {"name": "Asharq Al-Awsat", "kind": "interview"}


def test_seed_media(seed_coded):
    by_words = {
        "The Taliban refused dialogue": {"name": "Al Arabiya", "kind": "interview"},
        "Panjshir will not surrender": {"name": "Al Arabiya", "kind": "interview"},
        "America and its democratic allies": {"name": "The Washington Post", "kind": "article"},
        "Clarity: As per d constitution": {"name": "Twitter", "kind": "post"},
    }
    for words, medium in by_words.items():
        (quote,) = _covering(seed_coded.quotes, words)
        assert quote.medium == medium, words
    media = {q.medium["name"] for q in seed_coded.quotes if q.medium}
    assert {"Al Arabiya", "Asharq Al-Awsat", "The Washington Post", "Twitter"} <= media


def test_seed_tweet_block_after_colon(seed_coded):
    (tweets,) = _covering(seed_coded.quotes, "Clarity: As per d constitution")
    assert tweets.speaker.name == "Amrullah Saleh" and tweets.cue.text == "wrote"
    assert tweets.content.text.endswith("JOIN THE RESISTANCE.")  # both tweet paragraphs
    assert "pivotal member" not in tweets.content.text  # the narrative after them is not quoted
    # the cues inside the tweets ("must prove that") belong to the quotation, not to quotes of their own
    assert _covering(seed_coded.quotes, "Afgh isn’t Vietnam") == [tweets]


def test_seed_quotes_have_ids(seed_coded):
    assert [q.id for q in seed_coded.quotes] == [f"seed-q{n}" for n in range(1, len(seed_coded.quotes) + 1)]


@pytest.mark.parametrize(
    ("text", "speaker", "words", "kind"),
    [
        ("The ministry said in a statement that the talks had failed.", "ministry", "the talks had failed",
         "indirect"),
        ("According to Reuters, the army has withdrawn from the city.", "Reuters", "the army has withdrawn",
         "indirect"),
        ("John Smith said: “We will not leave this city.”", "John Smith", "We will not leave this city",
         "direct"),
        ("“The border is closed,” Maria Lopez told reporters.", "Maria Lopez", "The border is closed", "direct"),
        ("The senator claimed the vote was “rigged from the start” by his rivals.", "senator", "rigged from the start",
         "mixed"),
        ("“We are ready,” said Ahmed Khan, the governor.", "Ahmed Khan", "We are ready", "direct"),
    ],
)
def test_hand_written_quotes(coder, text, speaker, words, kind):
    coded = code_text(coder, text)
    (quote,) = _covering(coded.quotes, words)
    assert speaker in quote.speaker.entity_text
    assert quote.type == kind
    assert text[quote.content.start : quote.content.end] == quote.content.text


def test_pronoun_speaker_keeps_its_own_offsets(coder):
    text = "Ahmed Khan, the governor, arrived on Monday.\n\nThe city will be rebuilt, he said."
    (quote,) = _covering(code_text(coder, text).quotes, "The city will be rebuilt")
    assert quote.speaker.name == "Ahmed Khan"
    assert text[quote.speaker.start : quote.speaker.end] == "he"


def test_description_resolves_to_the_named_person(coder):
    text = (
        "Ahmed Khan, the governor of the province, visited the camp.\n\n"
        "The governor said the camp would stay open until spring."
    )
    (quote,) = _covering(code_text(coder, text).quotes, "the camp would stay open")
    assert quote.speaker.name == "Ahmed Khan" and quote.speaker.entity_text == "The governor"


def test_multi_paragraph_quote_is_one_content(coder):
    text = (
        "The minister spoke at length.\n\n"
        "“We will rebuild the roads,” said Sara Ali, the minister. “We will open the schools.\n\n"
        "“And we will pay the teachers on time.”\n\n"
        "The opposition was not convinced."
    )
    quotes = code_text(coder, text).quotes
    (last,) = _covering(quotes, "pay the teachers")
    assert "We will open the schools." in last.content.text  # the paragraphs open without closing
    assert last.speaker.name == "Sara Ali"
    assert not _covering(quotes, "opposition was not convinced")


def test_unbalanced_quote_marks_do_not_swallow_the_article(coder):
    text = (
        "The mayor called the plan “a disaster and walked out.\n\n"
        "Later, Sara Ali said the council would vote again next week.\n\n"
        "“We have the numbers,” said John Smith."
    )
    quotes = code_text(coder, text).quotes
    assert _covering(quotes, "the council would vote again next week")[0].speaker.name == "Sara Ali"
    assert _covering(quotes, "We have the numbers")[0].speaker.name == "John Smith"


@pytest.mark.parametrize(
    ("text", "medium"),
    [
        ("The president said at a press conference that the troops would stay.",
         {"name": "press conference", "kind": "press conference"}),
        ("The army said in a statement that the attack had been repelled.",
         {"name": "statement", "kind": "statement"}),
        ("“We will win,” John Smith told CNN.", {"name": "CNN", "kind": "interview"}),
        ("In a series of tweets, John Smith wrote that the deal was dead.", {"name": "Twitter", "kind": "post"}),
        ("In an interview with the Guardian newspaper, John Smith said the deal was dead.",
         {"name": "Guardian", "kind": "interview"}),
    ],
)
def test_media(coder, text, medium):
    (quote,) = code_text(coder, text).quotes
    assert quote.medium == medium


def test_relative_date_needs_a_publication_date(coder):
    text = "The minister said Sunday that the talks had failed."
    (dated,) = code_text(coder, text, date="2024-03-13").quotes  # a Wednesday
    assert dated.date == "2024-03-10"
    (undated,) = code_text(coder, text, date=None).quotes
    assert undated.date is None


def test_no_quotes_in_plain_narrative(coder):
    assert code_text(coder, "The river flooded the valley in spring. Farmers planted rice.").quotes == []


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Donald Trump issued the following statement:\n\n“Our prayers are with the victims.”\n\nThe end.",
         "Our prayers are with the victims", "Donald Trump"),
        ("Asked about the wall, John Smith said,\n\n“We will build it next year.”\n\nHe left.",
         "We will build it next year", "John Smith"),
        ("As Dana Milbank puts it, “Senate Republicans are unmoved.”", "Senate Republicans are unmoved",
         "Dana Milbank"),
    ],
)
def test_quotation_after_the_cue_clause(coder, text, words, speaker):
    (quote,) = _covering(code_text(coder, text).quotes, words)
    assert quote.speaker.name == speaker and quote.type == "direct"


def test_name_between_quotation_and_cue(coder):
    text = "“We were wrong not to confront him,” Ramos, 58, told AFP in an interview on Monday."
    (quote,) = code_text(coder, text, date="2016-01-06").quotes
    assert quote.speaker.entity_text == "Ramos" and quote.type == "direct"
    assert quote.medium == {"name": "AFP", "kind": "interview"}
    assert quote.date == "2016-01-04"  # "58" is an age, not a date


def test_reporting_verb_with_an_object_when_no_quotation_is_next_to_it(coder):
    text = 'Donald Trump also noted the "senseless, tragic deaths" of black men in recent police shootings.'
    (quote,) = code_text(coder, text).quotes
    assert quote.type == "mixed" and quote.cue.text == "noted"
    assert quote.content.text == 'the "senseless, tragic deaths" of black men in recent police shootings'


def test_participle_after_a_quotation_borrows_the_speaker(coder):
    text = "Saleh declared himself “the legitimate caretaker President,” citing the constitution of Afghanistan."
    speakers = {q.cue.text: q.speaker.entity_text for q in code_text(coder, text).quotes}
    assert speakers.get("declared") == "Saleh"
    assert speakers.get("citing", "Saleh") == "Saleh"  # not "the constitution", the object after the quotation
