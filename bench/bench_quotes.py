"""Quote extraction on PolNeAR dev: newsevents against textacy's ``direct_quotations`` baseline.

Prints content and speaker precision/recall/F1 (``newsevents.eval.polnear``: half of each side's
characters shared, one-to-one) for both systems on the same articles, recall by gold quote type,
throughput, and whether the targets of issue 5 are met (content F1 >= 0.70, speaker F1 >= 0.60,
both above textacy). textacy is a bench-only dependency: ``pip install -e '.[bench]'``.

    .venv/bin/python bench/bench_quotes.py [../shared/data/polnear/dev] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsevents.eval import polnear as ev
from newsevents.nlp.model import DEFAULT_MODEL

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEV = DATA / "polnear" / "dev"
BBC = DATA / "bbc" / "articles.jsonl"
TARGET_CONTENT_F1 = 0.70
TARGET_SPEAKER_F1 = 0.60


def textacy_predictions(gold: list[ev.GoldArticle]) -> tuple[dict[str, list[ev.Attribution]], int]:
    """textacy's direct quotations as attributions, and how many articles it gave up on (odd quote marks)."""
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(DEFAULT_MODEL)  # the full pipeline: textacy needs the lemmatizer's lemmas
    out: dict[str, list[ev.Attribution]] = {}
    failed = 0
    for g, doc in zip(gold, nlp.pipe((g.article.text for g in gold), batch_size=16), strict=True):
        attributions = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            failed += 1  # "odd number of quotation marks": textacy yields nothing for the whole article
            triples = []
        for triple in triples:
            speaker = [(t.idx, t.idx + len(t.text)) for t in triple.speaker]
            source = [(min(s for s, _ in speaker), max(e for _, e in speaker))] if speaker else []
            attributions.append(ev.Attribution([(triple.content.start_char, triple.content.end_char)], source))
        out[g.article.id] = attributions
    return out, failed


def bbc_unbalanced(limit: int) -> str:
    """On BBC articles with an odd number of quote tokens (textacy gives up on those): what newsevents finds."""
    import json

    from newsevents.models import Article
    from newsevents.pipeline import Coder

    coder = Coder()
    articles = []
    with BBC.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            articles.append(Article(id=rec["id"], text=rec["text"], title=rec.get("title")))
            if len(articles) >= limit:
                break
    odd = [a for a in articles if sum(t.is_quote for t in coder.nlp.tokenizer(a.text)) % 2]
    t0 = time.perf_counter()
    quotes = with_quotes = last_third = 0
    for coded, article in zip(coder.code(odd), odd, strict=True):
        quotes += len(coded.quotes)
        with_quotes += bool(coded.quotes)
        last_third += any(q.content.start > 2 * len(article.text) / 3 for q in coded.quotes)
    seconds = time.perf_counter() - t0
    return (
        f"BBC, first {len(articles)} articles: {len(odd)} have an odd number of quote tokens (textacy yields "
        f"nothing for them); newsevents finds {quotes} quotes in {with_quotes} of them, in the last third of "
        f"the text in {last_third} ({len(odd) / seconds:.1f} articles/s)"
    )


def _row(name: str, scores: dict) -> str:
    c, s, lc = scores["content"], scores["speaker"], scores["lenient_content"]
    kinds = scores["recall_by_type"]
    return (
        f"{name:12}{scores['predicted']:>6}{c['precision']:>7.3f}{c['recall']:>7.3f}{c['f1']:>7.3f}"
        f"{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{lc['f1']:>8.3f}"
        f"{kinds.get('direct', 0):>8.3f}{kinds.get('mixed', 0):>7.3f}{kinds.get('indirect', 0):>9.3f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", type=Path, nargs="?", default=DEV)
    ap.add_argument("--limit", type=int, default=None, help="Only the first N articles.")
    ap.add_argument("--bbc", type=int, default=300, help="BBC articles to check for unclosed quote marks (0: skip).")
    args = ap.parse_args()
    gold = ev.load_gold(args.directory, limit=args.limit)
    chars = sum(len(g.article.text) for g in gold)

    t0 = time.perf_counter()
    ours = ev.score(gold, ev.predict(gold))
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    try:
        textacy_pred, failed = textacy_predictions(gold)
    except ImportError:
        textacy_pred, failed = None, 0
    baseline = ev.score(gold, textacy_pred) if textacy_pred is not None else None
    t_textacy = time.perf_counter() - t0

    print(f"PolNeAR {args.directory}: {len(gold)} articles, {ours['gold']} gold attributions, {chars} characters")
    print(f"{'':18}{'content':<21}{'speaker':<21}{'lenient':<8}recall by gold type")
    print(f"{'system':12}{'':>6}{'P':>7}{'R':>7}{'F1':>7}{'P':>7}{'R':>7}{'F1':>7}{'F1':>8}"
          f"{'direct':>8}{'mixed':>7}{'indirect':>9}")
    print(_row("newsevents", ours))
    print(_row("textacy", baseline) if baseline else "textacy: not installed (pip install -e '.[bench]')")
    print(f"newsevents: {t_ours:.1f} s, {len(gold) / t_ours:.1f} articles/s (whole pipeline, spaCy parse included)")
    if baseline:
        print(f"textacy: {t_textacy:.1f} s; gave up on {failed} of {len(gold)} articles (odd number of quote marks)")
    if args.bbc and BBC.exists():
        print(bbc_unbalanced(args.bbc))
    checks = [
        (f"content F1 >= {TARGET_CONTENT_F1}", ours["content"]["f1"] >= TARGET_CONTENT_F1),
        (f"speaker F1 >= {TARGET_SPEAKER_F1}", ours["speaker"]["f1"] >= TARGET_SPEAKER_F1),
        ("content F1 above textacy", ours["content"]["f1"] > baseline["content"]["f1"] if baseline else None),
        ("speaker F1 above textacy", ours["speaker"]["f1"] > baseline["speaker"]["f1"] if baseline else None),
    ]
    for label, ok in checks:
        print(f"target {label}: {'not measured' if ok is None else 'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
