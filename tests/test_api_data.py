"""Hand-written articles and their coded records, written to a real DuckDB file with the real store writer.

Shared by the export, API and web tests (``build_store``); the texts are invented for these tests. The
test at the bottom checks that every hand-set offset points at the words it claims.
"""

from __future__ import annotations

from pathlib import Path

from newsevents.models import Actor, Article, CodedArticle, Event, Place, Quote, Span

HOSTILE_TITLE = '<script>window.__xss = "title"</script>Evil <b>bold</b> title'
HOSTILE_TEXT = (
    "Rebels attacked a convoy near Aleppo on Friday. "
    '<img src=x onerror="window.__xss = \'img\'"> The report added <script>window.__xss = "text"</script> nothing.'
)


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _actor(text: str, words: str, name: str, code: str, country: str | None, sector: str | None,
           kind: str = "organization") -> Actor:
    s, e = _span(text, words)
    return Actor(entity_text=words, start=s, end=e, name=name, code=code, country=country, sector=sector, kind=kind)


def _place(text: str, words: str, lat: float, lon: float, cc: str, gid: int, feature: str = "city") -> Place:
    s, e = _span(text, words)
    return Place(text=words, start=s, end=e, name=words, geonameid=gid, lat=lat, lon=lon, feature=feature,
                 country_code=cc)


def _sentence(text: str, words: str) -> dict[str, int]:
    s, e = _span(text, words)
    return {"start": s, "end": e}


def articles() -> list[tuple[Article, CodedArticle]]:
    """Four coded articles: an arrest in Kenya with a quote, a Franco-German agreement, an attack, a hostile page."""
    out = []

    t1 = ("Kenyan police arrested forty protesters in Nairobi on Monday. "
          "\"We will not allow violence on our streets,\" the interior minister Jane Mwangi said on Tuesday.")
    police = _actor(t1, "Kenyan police", "Kenya Police", "KENCOP", "KEN", "COP")
    protesters = _actor(t1, "forty protesters", "protesters", "KENCVL", "KEN", "CVL", "group")
    nairobi = _place(t1, "Nairobi", -1.28333, 36.81667, "KE", 184745)
    minister = _actor(t1, "Jane Mwangi", "Jane Mwangi", "KENGOV", "KEN", "GOV", "person")
    quote = Quote(speaker=minister, cue=Span("said", *_span(t1, "said")),
                  content=Span("We will not allow violence on our streets,",
                               *_span(t1, "We will not allow violence on our streets,")),
                  type="direct", medium=None, date="2024-03-05", id="ke1-q1")
    ev1 = Event(id="ke1-e1", event="COERCE", mode="arrest", context=["repression"], cameo="173", quad_code=4,
                goldstein=-5.0, event_text="arrested",
                text_info=_sentence(t1, "Kenyan police arrested forty protesters in Nairobi on Monday."),
                actor=[police], recipient=[protesters], date="2024-03-04", date_granularity="day",
                event_loc=nairobi, confidence=0.9, trigger=dict(zip(("start", "end"), _span(t1, "arrested"),
                                                                      strict=True)), why="test fixture")
    ev2 = Event(id="ke1-e2", event="THREATEN", mode="violence", cameo="138", quad_code=3, goldstein=-7.0,
                event_text="will not allow",
                text_info=_sentence(t1, "\"We will not allow violence on our streets,\" the interior minister "
                                        "Jane Mwangi said on Tuesday."),
                actor=[minister], recipient=[], date="2024-03-05", date_granularity="day", event_loc=nairobi,
                aux=["future", "negated"], attributed_to=minister, confidence=0.6, quote_id="ke1-q1",
                trigger=dict(zip(("start", "end"), _span(t1, "will not allow"), strict=True)))
    a1 = Article(id="ke1", text=t1, title="Police arrest protesters in Nairobi", date="2024-03-05",
                 url="https://news.example/ke1", source="Example Wire")
    out.append((a1, CodedArticle("ke1", a1.title, a1.date, [ev1, ev2], [quote], [nairobi],
                                 [police, protesters, minister], [], a1.url, a1.source)))

    t2 = "France and Germany signed a trade agreement in Paris on Wednesday.\n\nThe deal covers steel."
    france = _actor(t2, "France", "France", "FRA", "FRA", None, "country")
    germany = _actor(t2, "Germany", "Germany", "DEU", "DEU", None, "country")
    paris = _place(t2, "Paris", 48.85341, 2.3488, "FR", 2988507)
    ev3 = Event(id="fr1-e1", event="AGREE", mode=None, context=["economic"], cameo="057", quad_code=1, goldstein=8.0,
                event_text="signed", text_info=_sentence(t2, "France and Germany signed a trade agreement in Paris "
                                                              "on Wednesday."),
                actor=[france, germany], recipient=[], date="2024-03-06", date_granularity="day", event_loc=paris,
                confidence=0.8, trigger=dict(zip(("start", "end"), _span(t2, "signed"), strict=True)))
    a2 = Article(id="fr1", text=t2, title="France and Germany sign a trade deal", date="2024-03-06",
                 url="https://news.example/fr1", source="Example Wire")
    out.append((a2, CodedArticle("fr1", a2.title, a2.date, [ev3], [], [paris], [france, germany], [],
                                 a2.url, a2.source)))

    t3 = "The United Nations sent food aid to Sudan on Thursday."
    un = _actor(t3, "The United Nations", "United Nations", "IGOUNO", None, "IGO")
    sudan = _actor(t3, "Sudan", "Sudan", "SDN", "SDN", None, "country")
    sudan_place = _place(t3, "Sudan", 15.5, 30.0, "SD", 366755, "country")
    ev4 = Event(id="sd1-e1", event="AID", mode=None, cameo="0233", quad_code=2, goldstein=7.4, event_text="sent",
                text_info=_sentence(t3, t3), actor=[un], recipient=[sudan], date="2024-02-29",
                date_granularity="day", event_loc=sudan_place, confidence=0.7,
                trigger=dict(zip(("start", "end"), _span(t3, "sent"), strict=True)))
    a3 = Article(id="sd1", text=t3, title="UN aid reaches Sudan", date="2024-03-01")
    out.append((a3, CodedArticle("sd1", a3.title, a3.date, [ev4], [], [sudan_place], [un, sudan], [])))

    t4 = HOSTILE_TEXT
    rebels = _actor(t4, "Rebels", "rebels", "SYRREB", "SYR", "REB", "group")
    aleppo = _place(t4, "Aleppo", 36.20124, 37.16117, "SY", 170063)
    ev5 = Event(id="x1-e1", event="ASSAULT", mode="firearms", cameo="190", quad_code=4, goldstein=-10.0,
                event_text="attacked", text_info=_sentence(t4, "Rebels attacked a convoy near Aleppo on Friday."),
                actor=[rebels], recipient=[], date="2024-03-08", date_granularity="day", event_loc=aleppo,
                confidence=0.75, trigger=dict(zip(("start", "end"), _span(t4, "attacked"), strict=True)))
    ev6 = Event(id="x1-e2", event="ACCUSE", cameo="112", quad_code=3, goldstein=-2.0,
                event_text='<img src=x onerror="window.__xss = \'img\'">',
                text_info=_sentence(t4, '<img src=x onerror="window.__xss = \'img\'"> The report added'),
                actor=[rebels], date="2024-03-08", date_granularity="day", event_loc=aleppo, confidence=0.3,
                trigger=dict(zip(("start", "end"), _span(t4, "<img"), strict=True)))
    a4 = Article(id="x1", text=t4, title=HOSTILE_TITLE, date="2024-03-08", url="javascript:alert(1)",
                 source='<img src=y onerror="window.__xss = \'source\'">')
    out.append((a4, CodedArticle("x1", a4.title, a4.date, [ev5, ev6], [], [aleppo], [rebels], [],
                                 a4.url, a4.source)))
    return out


def build_store(path: Path) -> Path:
    """Write the fixture articles into a new DuckDB store at ``path`` with the real store writer."""
    from newsevents.store.db import Store

    with Store(path) as store:
        store.write_batch(articles())
    return path


def test_fixture_offsets_point_at_their_words(tmp_path: Path) -> None:
    for article, coded in articles():
        for ev in coded.events:
            assert article.text[ev.trigger["start"]:ev.trigger["end"]] in ev.event_text or ev.event_text.startswith(
                article.text[ev.trigger["start"]:ev.trigger["end"]])
            for a in ev.actor + ev.recipient:
                assert article.text[a.start:a.end] == a.entity_text
    db = build_store(tmp_path / "f.duckdb")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 6
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    con.close()
