"""Sentence triage: the dev scores with and without it, in one process, and the share of text it parses.

Usage: python bench/bench_triage.py [--skip gsr,polnear,geo,share] [--geo-limit N]

Prints PLOVER GSR dev, PolNeAR dev and geoparsing dev scores with ``--no-triage`` (the baseline) and
``--triage``, their differences, and on the first 300 BBC articles the share of tokens in the sentences
triage keeps for the parser. The speed effect is in ``bench/bench_throughput.py`` (its triage step).
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _gsr(triage: bool) -> dict[str, float]:
    from newsevents.eval import plover_gsr

    s = plover_gsr.evaluate(DATA / "plover_gsr" / "dev.jsonl", triage=triage)
    return {"micro F1": s["micro"]["f1"], "macro F1": s["macro"]["f1"], "actor": s["actor_accuracy"],
            "recipient": s["recipient_accuracy"]}


def _polnear(triage: bool) -> dict[str, float]:
    from newsevents.eval import polnear

    s = polnear.evaluate(DATA / "polnear" / "dev", triage=triage)
    return {"content F1": s["content"]["f1"], "speaker F1": s["speaker"]["f1"]}


def _geo(triage: bool, limit: int | None) -> dict[str, float]:
    from newsevents.eval import geo

    s = geo.evaluate(DATA / "geo" / "dev.jsonl", limit=limit, triage=triage)["all"]
    return {"precision": s["precision"], "recall": s["recall"], "acc@161": s["acc_161"]}


def _share(limit: int = 300) -> tuple[int, float, float]:
    from newsevents.knowledge.actor_kb import ActorKB
    from newsevents.nlp import load_model
    from newsevents.nlp.triage import Triage
    from newsevents.pipeline import triage_words

    with (DATA / "bbc" / "articles.jsonl").open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in itertools.islice(fh, limit)]
    return Triage(load_model(), triage_words(ActorKB.load())).shares(texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip", default="", help="comma-separated: gsr,polnear,geo,share")
    ap.add_argument("--geo-limit", type=int, default=None, help="score only the first N geo articles")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    runs = {"gsr": ("PLOVER GSR dev", _gsr), "polnear": ("PolNeAR dev", _polnear),
            "geo": ("geo dev", lambda t: _geo(t, args.geo_limit))}
    for key, (label, run) in runs.items():
        if key in skip:
            continue
        off, on = run(False), run(True)
        figures = "; ".join(f"{k} {off[k]:.3f} -> {on[k]:.3f} ({on[k] - off[k]:+.3f})" for k in off)
        print(f"{label}, no triage -> triage: {figures}")
    if "share" not in skip:
        tokens, parsed, named = _share()
        print(f"BBC, first 300 articles ({tokens} tokens): the parser reads {100 * parsed:.1f}% of the tokens, "
              f"NER {100 * named:.1f}%")


if __name__ == "__main__":
    main()
