"""Tools for the full-article gold set: choose the articles, show them sentence by sentence, build the gold file.

The gold set stores offsets and labels only; the article text is read from ``../shared/data`` whenever it is
needed. Annotators write a draft per article (sentence numbers from ``show`` and the words as they appear),
and ``build`` turns the drafts into the offset form that ``newsevents eval articles`` reads, checking that
every quoted word is really in its sentence.

    python scripts/gold_articles.py select                 # writes gold/articles/manifest.tsv (once)
    python scripts/gold_articles.py show bbc-politics-012  # numbered sentences with offsets
    python scripts/gold_articles.py build                  # gold/articles/drafts/*.json -> dev.jsonl, aside.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
GOLD = ROOT / "gold" / "articles"
MANIFEST = GOLD / "manifest.tsv"
DRAFTS = GOLD / "drafts"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
AUX = ("negated", "future", "hypothetical", "historical")

# a sentence ends at . ! ? (and a closing quote) before a capital, a digit or an opening quote; not after these
ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Prof|Rev|Jr|Sr|No|Nos|vs|Jan|Feb|Mar|"
                    r"Apr|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Ltd|Co|Corp|U\.S|U\.N|U\.K|E\.U|a\.m|p\.m|i\.e|e\.g)|\b[A-Z])\.$")
BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def sources() -> dict[str, dict]:
    """Every article the gold set may use, by id: BBC (all sections) and PolNeAR train and dev."""
    out: dict[str, dict] = {}
    for line in (SHARED / "bbc" / "articles.jsonl").open(encoding="utf-8"):
        a = json.loads(line)
        out[a["id"]] = {"corpus": "bbc", "section": a["section"], "title": a.get("title"), "text": a["text"],
                        "date": a.get("date"), "source": "bbc"}
    for split in ("train", "dev"):
        for line in (SHARED / "polnear" / split / "articles.jsonl").open(encoding="utf-8"):
            a = json.loads(line)
            out[a["id"]] = {"corpus": f"polnear-{split}", "section": "us-politics", "title": a.get("title"),
                            "text": a["text"], "date": a.get("date"), "source": a.get("source")}
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: paragraphs (line breaks) cut at sentence-final punctuation, abbreviations kept whole."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        body = para.group()
        cut = 0
        for m in BOUNDARY.finditer(body):
            if ABBREV.search(body[cut:m.start() + 1]):
                continue
            end = m.start() + len(m.group().rstrip())
            if body[cut:end].strip():
                spans.append((start + cut, start + end))
            cut = m.end()
        tail = body[cut:]
        if tail.strip():
            lead = len(tail) - len(tail.lstrip())
            spans.append((start + cut + lead, start + len(body.rstrip())))
    return spans


def select(args: argparse.Namespace) -> None:
    """Choose the articles once: a fixed random draw per section, no repeated texts, one third set aside."""
    if MANIFEST.exists() and not args.force:
        sys.exit(f"{MANIFEST} exists; the choice is made once (--force to redo it)")
    arts = sources()
    rng = random.Random(20261202)
    seen_texts: set[str] = set()
    plan = [("bbc", "politics", 20), ("bbc", "business", 8), ("bbc", "sport", 4), ("bbc", "entertainment", 4),
            ("bbc", "tech", 4), ("polnear-train", "us-politics", 18), ("polnear-dev", "us-politics", 6)]
    rows: list[tuple[str, str, str]] = []
    for corpus, section, n in plan:
        pool = sorted(i for i, a in arts.items() if a["corpus"] == corpus and a["section"] == section
                      and 600 <= len(a["text"]) <= 6000)
        rng.shuffle(pool)
        picked = 0
        for i in pool:
            key = arts[i]["text"][:300]
            if key in seen_texts:
                continue
            seen_texts.add(key)
            rows.append((i, corpus, section))
            picked += 1
            if picked == n:
                break
    order = list(range(len(rows)))
    rng.shuffle(order)
    aside = set(order[: len(rows) // 3])
    GOLD.mkdir(parents=True, exist_ok=True)
    with MANIFEST.open("w", encoding="utf-8") as f:
        f.write("id\tcorpus\tsection\tsplit\n")
        for n, (i, corpus, section) in enumerate(rows):
            f.write(f"{i}\t{corpus}\t{section}\t{'aside' if n in aside else 'dev'}\n")
    print(f"{len(rows)} articles, {len(aside)} aside -> {MANIFEST}")


def manifest() -> list[dict[str, str]]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


def show(args: argparse.Namespace) -> None:
    arts = sources()
    for doc_id in args.ids:
        a = arts[doc_id]
        print(f"# {doc_id}  corpus={a['corpus']} section={a['section']} source={a['source']} date={a['date']}")
        for n, (s, e) in enumerate(sentences(a["text"]), 1):
            print(f"[{n}] ({s}-{e}) {a['text'][s:e]}")
        print()


def _locate(words: str, text: str, span: tuple[int, int], nth: int, where: str) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``words`` inside ``span`` of ``text`` (whole-word match)."""
    seg = text[span[0]:span[1]]
    hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(words) + r"(?!\w)", seg)]
    if len(hits) < nth:
        raise ValueError(f"{where}: '{words}' is not in the sentence (or has fewer than {nth} occurrences)")
    s = span[0] + hits[nth - 1]
    return s, s + len(words)


def _argument(raw: dict, text: str, sent: tuple[int, int], whole: tuple[int, int], where: str) -> dict:
    """An actor or recipient: the words in the sentence (or, for an antecedent, elsewhere in the article)."""
    words = raw["text"]
    span = sent if words and re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text[sent[0]:sent[1]]) else whole
    s, e = _locate(words, text, span, raw.get("n", 1), where)
    out = {"text": words, "start": s, "end": e, "name": raw.get("name") or words}
    for key in ("country", "sector", "kind"):
        if raw.get(key):
            out[key] = raw[key]
    return out


def build_article(draft: dict, arts: dict[str, dict]) -> dict:
    doc_id = draft["id"]
    a = arts[doc_id]
    text = a["text"]
    spans = sentences(text)
    events = []
    for k, ev in enumerate(draft.get("events", []), 1):
        where = f"{doc_id} event {k} (sentence {ev.get('s')})"
        if ev["type"] not in TYPES:
            raise ValueError(f"{where}: type '{ev['type']}' is not a PLOVER type")
        for x in ev.get("aux", []):
            if x not in AUX:
                raise ValueError(f"{where}: aux '{x}' is not one of {AUX}")
        sent = spans[ev["s"] - 1]
        ts, te = _locate(ev["trigger"], text, sent, ev.get("trigger_n", 1), where)
        out = {"sentence": [sent[0], sent[1]], "s": ev["s"], "trigger": [ts, te], "trigger_text": ev["trigger"],
               "type": ev["type"], "mode": ev.get("mode"),
               "actor": [_argument(x, text, sent, (0, len(text)), where + " actor") for x in ev.get("actor", [])],
               "recipient": [_argument(x, text, sent, (0, len(text)), where + " recipient")
                             for x in ev.get("recipient", [])],
               "aux": ev.get("aux", []), "optional": bool(ev.get("optional", False))}
        for alt in ev.get("alt", []):
            if alt not in TYPES:
                raise ValueError(f"{where}: alt type '{alt}' is not a PLOVER type")
        for key in ("alt", "place", "date_text", "date", "note"):
            if key in ev:
                out[key] = ev[key]
        events.append(out)
    return {"id": doc_id, "corpus": a["corpus"], "section": a["section"], "date": a["date"],
            "sentences": len(spans), "annotator": draft.get("annotator"), "events": events}


def build(args: argparse.Namespace) -> None:
    arts = sources()
    rows = manifest()
    out: dict[str, list[dict]] = {"dev": [], "aside": []}
    missing, errors = [], 0
    for row in rows:
        path = DRAFTS / f"{row['id']}.json"
        if not path.exists():
            missing.append(row["id"])
            continue
        try:
            out[row["split"]].append(build_article(json.loads(path.read_text(encoding="utf-8")), arts))
        except (ValueError, KeyError, IndexError, json.JSONDecodeError) as exc:
            errors += 1
            print(f"{path}: {exc}", file=sys.stderr)
    for split, items in out.items():
        with (GOLD / f"{split}.jsonl").open("w", encoding="utf-8") as f:
            for item in items:
                f.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{split}: {len(items)} articles, {sum(len(i['events']) for i in items)} events")
    if missing:
        print(f"not yet annotated: {len(missing)}", file=sys.stderr)
    if errors:
        sys.exit(1)


def check(args: argparse.Namespace) -> None:
    """Validate drafts without writing anything (for annotators, after each article)."""
    arts = sources()
    bad = 0
    for name in args.ids:
        path = DRAFTS / f"{name}.json" if not name.endswith(".json") else Path(name)
        try:
            art = build_article(json.loads(path.read_text(encoding="utf-8")), arts)
            print(f"{path.name}: ok, {len(art['events'])} events")
        except (ValueError, KeyError, IndexError, json.JSONDecodeError) as exc:
            bad += 1
            print(f"{path}: {exc}")
    sys.exit(1 if bad else 0)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("select")
    s.add_argument("--force", action="store_true")
    s.set_defaults(fn=select)
    s = sub.add_parser("show")
    s.add_argument("ids", nargs="+")
    s.set_defaults(fn=show)
    s = sub.add_parser("check")
    s.add_argument("ids", nargs="+")
    s.set_defaults(fn=check)
    s = sub.add_parser("build")
    s.set_defaults(fn=build)
    args = p.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
