"""Check the hand-written event-model corpus (training/events/*.jsonl): every label well formed, every
trigger in its sentence, modes from the type's table; prints counts per type, negative reason and desk.

    python scripts/check_event_corpus.py [FILES...]
"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLOVER = json.loads((ROOT / "src/newsevents/resources/ontology/plover.json").read_text(encoding="utf-8"))
MODES = {t: set(v["modes"]) for t, v in PLOVER["types"].items()}
AUX = {"negated", "future", "hypothetical", "historical"}
REASONS = {"opinion", "prediction", "aim", "rhetoric", "denial", "routine", "warning", "figurative", "sport",
           "business", "culture", "tech", "disaster", "crime", "passing", "statement", "other"}
DESKS = {"wire", "conflict", "diplomacy", "domestic", "local", "election", "business", "economy", "sport",
         "culture", "tech", "science", "oped", "comment", "transcript", "feature", "regional", "court",
         "health", "environment", "headline", "liveblog", "other"}


def occurs(words: str, text: str, n: int) -> bool:
    return len(re.findall(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text)) >= n


def check_line(item: dict, where: str) -> list[str]:
    errs: list[str] = []
    text = item.get("text")
    if not isinstance(text, str) or len(text.split()) < 3:
        return [f"{where}: no 'text' (a sentence of three words or more)"]
    if item.get("desk") not in DESKS:
        errs.append(f"{where}: desk '{item.get('desk')}' is not one of {sorted(DESKS)}")
    for ev in item.get("events", []):
        t = ev.get("type")
        if t not in MODES:
            errs.append(f"{where}: type '{t}' is not a PLOVER type")
            continue
        if ev.get("mode") and ev["mode"] not in MODES[t]:
            errs.append(f"{where}: mode '{ev['mode']}' is not a mode of {t} ({sorted(MODES[t])})")
        if set(ev.get("aux", [])) - AUX:
            errs.append(f"{where}: aux {ev.get('aux')} outside {sorted(AUX)}")
        if not occurs(ev.get("trigger", "\0"), text, ev.get("trigger_n", 1)):
            errs.append(f"{where}: trigger '{ev.get('trigger')}' is not in the text")
    for neg in item.get("negatives", []):
        if neg.get("why") not in REASONS:
            errs.append(f"{where}: negative reason '{neg.get('why')}' is not one of {sorted(REASONS)}")
        if not occurs(neg.get("trigger", "\0"), text, neg.get("trigger_n", 1)):
            errs.append(f"{where}: negative trigger '{neg.get('trigger')}' is not in the text")
    if not item.get("events") and not item.get("negatives"):
        errs.append(f"{where}: neither events nor negatives")
    return errs


def main() -> None:
    files = [Path(f) for f in sys.argv[1:]] or sorted((ROOT / "training" / "events").glob("*.jsonl"))
    types: collections.Counter[str] = collections.Counter()
    reasons: collections.Counter[str] = collections.Counter()
    desks: collections.Counter[str] = collections.Counter()
    aux: collections.Counter[str] = collections.Counter()
    texts: collections.Counter[str] = collections.Counter()
    errors = 0
    for path in files:
        for n, line in enumerate(path.open(encoding="utf-8"), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{where}: not JSON ({exc})")
                errors += 1
                continue
            errs = check_line(item, where)
            for e in errs:
                print(e)
            errors += len(errs)
            texts[item.get("text", "")] += 1
            desks[item.get("desk", "?")] += 1
            for ev in item.get("events", []):
                types[ev.get("type", "?")] += 1
                for x in ev.get("aux", []):
                    aux[x] += 1
            for neg in item.get("negatives", []):
                reasons[neg.get("why", "?")] += 1
    pos, neg = sum(types.values()), sum(reasons.values())
    print(f"sentences {sum(texts.values())} (repeated texts {sum(c - 1 for c in texts.values() if c > 1)}), "
          f"labelled clauses {pos + neg}: events {pos}, negatives {neg} ({neg / max(1, pos + neg):.0%})")
    print("types:", ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    print("aux:", ", ".join(f"{k} {v}" for k, v in sorted(aux.items())))
    print("negatives:", ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))
    print("desks:", ", ".join(f"{k} {v}" for k, v in sorted(desks.items())))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
