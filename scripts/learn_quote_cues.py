"""Learn which verbs report what someone said, believes or does, from PolNeAR train.

For every verb of the training articles, its lemma and frame (``quote_cues.verb_frame``: how it
takes its complement) are counted, and so is how often the verb is a gold cue whose attribution's
content the complement matches (half of each side shared, the scorer's rule). The counts go to
``src/newsevents/resources/quotes/learned_cues.tsv``; the extractor takes a (lemma, frame) as a cue
when it matched often enough (``QuoteLexicon.learned_cue``). Only lemma statistics are written, no
text of the corpus.

    .venv/bin/python scripts/learn_quote_cues.py ../shared/data/polnear/train [--exclude IDS.txt]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from newsevents.eval.polnear import load_gold
from newsevents.extract.quote_cues import complement_range, trim, verb_frame
from newsevents.extract.quote_lexicon import load_lexicon
from newsevents.extract.quote_marks import find_quoted_passages
from newsevents.nlp import load_model
from newsevents.nlp.model import lemma_of

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "resources" / "quotes" / "learned_cues.tsv"


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
    gold = [g for g, _ in pairs]
    total: Counter[tuple[str, str]] = Counter()
    cue: Counter[tuple[str, str]] = Counter()
    matched: Counter[tuple[str, str]] = Counter()
    for g, doc in pairs:
        cues = _cue_ranges(args.split / "attributions" / f"{g.article.id}_{g.annotator}.ann")
        text = doc.text
        quoted = [p for p in find_quoted_passages(text) if p.closed]
        for tok in doc:
            if not tok.tag_.startswith("VB") or any(p.start < tok.idx < p.end for p in quoted):
                continue  # the extractor never takes a cue inside a quotation
            frame, comps = verb_frame(tok)
            key = (lemma_of(tok), frame)
            total[key] += 1
            owner = next(
                (n for n, rs in enumerate(cues) if any(s <= tok.idx < e for s, e in rs)), None
            )
            if owner is None:
                continue
            cue[key] += 1
            if not comps:
                continue
            first, last = complement_range(comps, lex)
            start, end = trim(text, first.idx, last.idx + len(last.text))
            gold_content = g.attributions[owner].content
            shared = sum(max(0, min(end, e) - max(start, s)) for s, e in gold_content)
            glen = sum(e - s for s, e in gold_content)
            if shared * 2 >= glen and shared * 2 >= end - start > 0:
                matched[key] += 1
    with args.output.open("w", encoding="utf-8") as fh:
        fh.write("# lemma\tframe\tverbs\tcues\tmatched   (learned from PolNeAR train by scripts/learn_quote_cues.py)\n")
        for key in sorted(total, key=lambda k: (-cue[k], k)):
            if cue[key]:
                fh.write(f"{key[0]}\t{key[1]}\t{total[key]}\t{cue[key]}\t{matched[key]}\n")
    print(f"{len(gold)} articles, {sum(total.values())} verbs, {sum(cue.values())} cue verbs -> {args.output}")


if __name__ == "__main__":
    main()
