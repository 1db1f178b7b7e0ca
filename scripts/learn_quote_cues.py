"""Learn which verbs and nouns report what someone said, believes or does, from PolNeAR train.

Every verb and noun of the training articles with a frame (``quote_cues.cue_frame``: how it takes its
complement) outside quotation marks is a candidate; it is a positive example when it lies in a gold
cue and its complement (``quote_cues.complement_range``) matches that attribution's content by the
scorer's rule (half of each side shared). A logistic model over ``quote_model.candidate_features``
is fitted and written to ``src/newsevents/resources/quotes/cue_model.tsv`` (feature names and
weights only, no text of the corpus).

    .venv/bin/python scripts/learn_quote_cues.py ../shared/data/polnear/train [--exclude IDS.txt] [--cache F]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from spacy.tokens import DocBin

from newsevents.eval.polnear import load_gold
from newsevents.nlp import load_model
from newsevents.quotes.cues import complement_range, cue_frame, trim
from newsevents.quotes.lexicon import load_lexicon
from newsevents.quotes.marks import find_quoted_passages
from newsevents.quotes.model import candidate_features, train_logistic

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "resources" / "quotes" / "cue_model.tsv"


def _cue_ranges(ann: Path) -> list[list[tuple[int, int]]]:
    """Cue ranges of each attribution of a brat file, in the order ``parse_ann`` gives attributions."""
    spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [tuple(map(int, p.split())) for p in offsets.split(";")]  # type: ignore[misc]
        elif line.startswith("E") and len(parts) >= 2:
            args = [a.split(":", 1) for a in parts[1].split() if ":" in a]
            if any(role.startswith("Content") and ref in spans for role, ref in args):
                out.append([r for role, ref in args if role.startswith("Cue") and ref in spans for r in spans[ref]])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", type=Path)
    ap.add_argument("--exclude", type=Path, help="File of article ids to leave out (held out for a check).")
    ap.add_argument("--output", type=Path, default=OUT)
    ap.add_argument("--cache", type=Path, help="DocBin of the split's parses: read if it exists, else written.")
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    excluded = set(args.exclude.read_text().split()) if args.exclude else set()
    every = load_gold(args.split)
    nlp = load_model()
    lex = load_lexicon()
    if args.cache and args.cache.exists():
        parsed = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe((g.article.text for g in every), batch_size=32))
        if args.cache:
            DocBin(docs=parsed).to_disk(args.cache)
    pairs = [(g, d) for g, d in zip(every, parsed, strict=True) if g.article.id not in excluded]
    examples: list[list[str]] = []
    labels: list[int] = []
    for g, doc in pairs:
        cues = _cue_ranges(args.split / "attributions" / f"{g.article.id}_{g.annotator}.ann")
        text = g.article.text
        quoted = [p for p in find_quoted_passages(text) if p.closed]
        for tok in doc:
            found = cue_frame(tok)
            if found is None or not found[1] or any(p.start < tok.idx < p.end for p in quoted):
                continue  # the extractor never takes a cue inside a quotation, nor one without a complement
            frame, comps = found
            label = 0
            owner = next((n for n, rs in enumerate(cues) if any(s <= tok.idx < e for s, e in rs)), None)
            if owner is not None:
                first, last = complement_range(comps, lex)
                start, end = trim(text, first.idx, last.idx + len(last.text))
                gold = g.attributions[owner].content
                shared = sum(max(0, min(end, e) - max(start, s)) for s, e in gold)
                label = int(shared * 2 >= sum(e - s for s, e in gold) and shared * 2 >= end - start > 0)
            examples.append(candidate_features(tok, frame, comps))
            labels.append(label)
    model = train_logistic(examples, labels, l2=args.l2)
    header = (
        f"cue model learned from {len(pairs)} PolNeAR train articles ({len(examples)} candidates, "
        f"{sum(labels)} positive) by scripts/learn_quote_cues.py"
    )
    model.save(args.output, header)
    print(f"{header} -> {args.output}")


if __name__ == "__main__":
    main()
