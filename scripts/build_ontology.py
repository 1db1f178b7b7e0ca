"""Build the event ontology data files under ``src/newsevents/resources/ontology/`` (run once; outputs committed).

Inputs (facts, read from ``../shared/data`` at build time, never copied):
- ``plover_gsr/CAMEO2PLOVER-2021.txt``: CAMEO code -> PLOVER type, mode, context (CC BY-SA 4.0, OEDA);
- ``petrarch/CAMEO.2.0.txt``: the CAMEO verb dictionary (MIT, (c) 2015 Open Event Data Alliance), from which
  ``cameo_verbs.tsv`` lists verb lemmas with the CAMEO code their block or line gives.
Facts written here by hand: the PLOVER 2.0 types, their 67 type-mode pairs and 37 contexts (PLOVER 2.0
manual), the CAMEO 01/02 code names, and the Goldstein (1992) weights of the CAMEO codes.

Outputs: ``plover.json`` (types, modes, contexts, quad classes), ``cameo.tsv`` (code, name, quad class,
Goldstein, PLOVER type/mode/context), ``cameo_verbs.tsv`` (lemma, code).
Usage: ``python scripts/build_ontology.py [--shared ../shared/data]``.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsevents" / "resources" / "ontology"

# PLOVER 2.0 manual: type -> (quad class, recipient required, PLOVER score, modes).
PLOVER_TYPES: dict[str, tuple[int, bool, float, list[str]]] = {
    "AGREE": (1, False, 6.0, []),
    "CONSULT": (1, False, 3.0, ["visit", "third-party", "multilateral", "phone"]),
    "SUPPORT": (1, False, 5.0, []),
    "CONCEDE": (1, False, 6.0, []),
    "COOPERATE": (2, True, 9.5, []),
    "AID": (2, True, 10.0, []),
    "RETREAT": (2, False, 7.0, ["withdraw", "release", "disarm", "ceasefire", "access", "resign"]),
    "REQUEST": (3, False, -1.0, ["assist", "change", "yield", "meet"]),
    "ACCUSE": (3, False, -3.0, ["disapprove", "investigate", "allege"]),
    "REJECT": (3, False, -4.0, ["assist", "change", "yield", "meet"]),
    "THREATEN": (3, False, -6.0, ["restrict", "arrest", "relations", "expel", "territory", "violence"]),
    "PROTEST": (4, False, -6.5, ["demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"]),
    "SANCTION": (4, True, -7.0, ["convict", "expel", "withdraw", "discontinue"]),
    "MOBILIZE": (4, False, -7.0, ["troops", "weapons", "police", "militia"]),
    "COERCE": (4, False, -8.0, ["seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
                                "withhold", "misinformation", "cyber"]),
    "ASSAULT": (4, False, -9.0, ["abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                                 "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                                 "crowd-control", "unconventional"]),
}

CONTEXTS = [
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights", "rights_freedoms",
    "repression", "human_security", "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic",
    "territory", "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
    "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption",
    "illegal_drugs", "trafficking",
]

# The 2021 table predates the 2.0 mode and context lists: map its older names onto 2.0 ones.
MODE_FIX = {
    ("RETREAT", "return"): "release", ("RETREAT", "ease"): "", ("THREATEN", "ban"): "restrict",
    ("THREATEN", "political"): "restrict", ("COERCE", "ban"): "restrict", ("ASSAULT", "seize"): "destroy",
    ("ASSAULT", "assassinate"): "targeted", ("ASSAULT", "pro_autocracy"): "crowd-control",
    ("ASSAULT", "cleansing"): "", ("ASSAULT", "massacre"): "",
}
CONTEXT_FIX = {"democracy": "pro_democracy", "humanitarian": "human_security"}

# CAMEO codes the 2021 table leaves out: statements (01, no PLOVER event) and appeals (02 -> REQUEST).
EXTRA_CODES: dict[str, tuple[str, str, str, str]] = {
    "01": ("Make public statement", "", "", ""),
    "010": ("Make statement", "", "", ""),
    "011": ("Decline comment", "", "", ""),
    "012": ("Make pessimistic comment", "", "", ""),
    "013": ("Make optimistic comment", "", "", ""),
    "014": ("Consider policy option", "", "", ""),
    "015": ("Acknowledge or claim responsibility", "", "", ""),
    "016": ("Deny responsibility", "", "", ""),
    "017": ("Engage in symbolic act", "", "", ""),
    "018": ("Make empathetic comment", "", "", ""),
    "019": ("Express accord", "", "", ""),
    "02": ("Appeal", "REQUEST", "", ""),
    "020": ("Make an appeal or request", "REQUEST", "", ""),
    "021": ("Appeal for material cooperation", "REQUEST", "assist", ""),
    "0211": ("Appeal for economic cooperation", "REQUEST", "assist", "economic"),
    "0212": ("Appeal for military cooperation", "REQUEST", "assist", "military"),
    "0213": ("Appeal for judicial cooperation", "REQUEST", "assist", "legal"),
    "0214": ("Appeal for intelligence", "REQUEST", "assist", "intelligence"),
    "022": ("Appeal for diplomatic cooperation", "REQUEST", "assist", "diplomatic"),
    "023": ("Appeal for aid", "REQUEST", "assist", ""),
    "0231": ("Appeal for economic aid", "REQUEST", "assist", "economic"),
    "0232": ("Appeal for military aid", "REQUEST", "assist", "military"),
    "0233": ("Appeal for humanitarian aid", "REQUEST", "assist", "human_security"),
    "0234": ("Appeal for military protection or peacekeeping", "REQUEST", "assist", "peacekeeping"),
    "024": ("Appeal for political reform", "REQUEST", "change", "political_institutions"),
    "0241": ("Appeal for change in leadership", "REQUEST", "change", "executive"),
    "0242": ("Appeal for policy change", "REQUEST", "change", "executive"),
    "0243": ("Appeal for rights", "REQUEST", "change", "rights_freedoms"),
    "0244": ("Appeal for change in institutions, regime", "REQUEST", "change", "political_institutions"),
    "025": ("Appeal to yield", "REQUEST", "yield", ""),
    "0251": ("Appeal for easing of administrative sanctions", "REQUEST", "yield", "legal"),
    "0252": ("Appeal for easing of popular dissent", "REQUEST", "yield", ""),
    "0253": ("Appeal for release of persons or property", "REQUEST", "yield", "legal"),
    "0254": ("Appeal for easing of economic sanctions, boycott, or embargo", "REQUEST", "yield", "economic"),
    "0255": ("Appeal for target to allow international involvement", "REQUEST", "yield", "diplomatic"),
    "0256": ("Appeal for de-escalation of military engagement", "REQUEST", "yield", "military"),
    "026": ("Appeal to others to meet or negotiate", "REQUEST", "meet", "diplomatic"),
    "027": ("Appeal to others to settle dispute", "REQUEST", "meet", "diplomatic"),
    "028": ("Appeal to others to engage in or accept mediation", "REQUEST", "meet", "diplomatic"),
}

# Goldstein (1992) conflict-cooperation weights as assigned to the CAMEO codes (2-3 digit; 4-digit codes
# take their parent's weight).
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "010": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0.0, "015": 0.0, "016": 3.4,
    "017": 0.0, "018": 3.4, "019": 3.4,
    "02": 3.0, "020": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3, "026": 4.0,
    "027": 4.0, "028": 4.0,
    "03": 4.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "034": 7.0, "035": 7.0, "036": 4.0,
    "037": 5.0, "038": 7.0, "039": 5.0,
    "04": 1.0, "040": 1.0, "041": 1.0, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
    "05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6.0, "055": 7.0, "056": 7.0,
    "057": 8.0,
    "06": 6.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    "07": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0,
    "08": 5.0, "080": 5.0, "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0, "086": 9.0,
    "087": 9.0,
    "09": -2.0, "090": -2.0, "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0,
    "10": -5.0, "100": -5.0, "101": -5.0, "102": -4.0, "103": -4.0, "104": -4.0, "105": -4.0, "106": -4.0,
    "107": -4.0, "108": -4.0,
    "11": -2.0, "110": -2.0, "111": -2.0, "112": -2.0, "113": -2.0, "114": -2.0, "115": -2.0, "116": -2.0,
    "12": -4.0, "120": -4.0, "121": -4.0, "122": -4.0, "123": -4.0, "124": -5.0, "125": -5.0, "126": -5.0,
    "127": -5.0, "128": -5.0, "129": -5.0,
    "13": -6.0, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8, "136": -7.0,
    "137": -7.0, "138": -7.0, "139": -7.0,
    "14": -6.5, "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5,
    "15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
    "16": -4.0, "160": -4.0, "161": -4.0, "162": -5.6, "163": -8.0, "164": -7.0, "165": -7.0, "166": -7.0,
    "17": -7.0, "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "175": -9.0,
    "18": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "183": -10.0, "184": -8.0, "185": -8.0, "186": -10.0,
    "19": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0, "195": -10.0,
    "196": -9.5,
    "20": -10.0, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
}


def quad_class(code: str) -> int:
    """CAMEO QuadClass from the root: 01-05 verbal coop, 06-08 material coop, 09-13 verbal, 14-20 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def goldstein(code: str) -> float:
    for n in (len(code), 3, 2):
        if code[:n] in GOLDSTEIN:
            return GOLDSTEIN[code[:n]]
    raise KeyError(code)


def read_cameo2plover(path: Path) -> dict[str, tuple[str, str, str, str]]:
    """code -> (name, type, mode, context) from the CAMEO2PLOVER table."""
    out: dict[str, tuple[str, str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#\s*(.*))?$", line.strip())
        if not m:
            continue
        code, ptype, mode, context, name = m.groups()
        if len(code) == 2:
            continue  # the root lines only name a type; 08 is split between CONCEDE and RETREAT
        mode = (mode or "").strip()
        mode = MODE_FIX.get((ptype, mode), mode)
        if mode and mode not in PLOVER_TYPES[ptype][3]:
            raise SystemExit(f"{path}: code {code}: mode {mode!r} is not a PLOVER 2.0 mode of {ptype}")
        contexts = [CONTEXT_FIX.get(c.strip(), c.strip()) for c in (context or "").split(";") if c.strip()]
        for c in contexts:
            if c not in CONTEXTS:
                raise SystemExit(f"{path}: code {code}: context {c!r} is not a PLOVER 2.0 context")
        if code not in out:  # the table lists 175 twice with the same mapping
            out[code] = ((name or "").strip(), ptype, mode, ";".join(contexts))
    return out


ROOT_NAMES = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate", "04": "Consult",
    "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
    "08": "Yield", "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject", "13": "Threaten",
    "14": "Protest", "15": "Exhibit force posture", "16": "Reduce relations", "17": "Coerce", "18": "Assault",
    "19": "Fight", "20": "Use unconventional mass violence",
}
ROOT_TYPES = {"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "08": "CONCEDE",
              "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
              "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT",
              "20": "ASSAULT"}


def read_cameo_verbs(path: Path) -> list[tuple[str, str]]:
    """(lemma, code) pairs from the verb dictionary: a synonym line's own code, else its block's default."""
    pairs: list[tuple[str, str]] = []
    block_code = None
    in_verbs = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if "VERB PATTERNS" in raw:
            in_verbs = True
        if not in_verbs or not line.strip():
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", line)
        if m:
            block_code = m.group(2).split(":")[0]
            continue
        if line.startswith(("-", "+", "&", "~")) or not line[0].isalpha():
            continue
        m = re.match(r"^([A-Z][A-Z_\-]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?", line)
        if not m:
            continue
        word, code = m.group(1), (m.group(2) or block_code or "---").split(":")[0]
        if "_" in word or not re.fullmatch(r"\d{2,4}", code):
            continue
        pairs.append((word.lower(), code))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    plover = {
        "version": "PLOVER 2.0 (manual draft, 2021)",
        "types": {t: {"quad_class": q, "recipient_required": r, "score": s, "modes": m}
                  for t, (q, r, s, m) in PLOVER_TYPES.items()},
        "contexts": CONTEXTS,
        "aux_modes": ["negated", "future", "hypothetical", "historical"],
    }
    n_pairs = sum(len(m) for *_, m in PLOVER_TYPES.values())
    if n_pairs != 67 or len(CONTEXTS) != 37:
        raise SystemExit(f"PLOVER 2.0 has 67 type-mode pairs and 37 contexts; the tables here give {n_pairs} and "
                         f"{len(CONTEXTS)}: fix PLOVER_TYPES or CONTEXTS")
    (OUT / "plover.json").write_text(json.dumps(plover, indent=1) + "\n", encoding="utf-8")

    table = read_cameo2plover(args.shared / "plover_gsr" / "CAMEO2PLOVER-2021.txt")
    table.update({k: v for k, v in EXTRA_CODES.items() if k not in table})
    for root, name in ROOT_NAMES.items():
        table.setdefault(root, (name, ROOT_TYPES.get(root, "REQUEST" if root == "02" else ""), "", ""))
    rows = ["# code\tname\tquad_class\tgoldstein\tplover_event\tplover_mode\tplover_context",
            "# CAMEO codes with QuadClass and Goldstein weight, and their PLOVER 2.0 type/mode/context.",
            "# Built by scripts/build_ontology.py from the CAMEO2PLOVER-2021 table (OEDA, CC BY-SA 4.0).",
            "# This file is an adaptation of that table and is shared under CC BY-SA 4.0."]
    for code in sorted(table, key=lambda c: (c[:2], c)):
        name, ptype, mode, ctx = table[code]
        rows.append("\t".join([code, name, str(quad_class(code)), f"{goldstein(code):.1f}", ptype, mode, ctx]))
    (OUT / "cameo.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    verbs = read_cameo_verbs(args.shared / "petrarch" / "CAMEO.2.0.txt")
    seen: dict[str, str] = {}
    for lemma, code in verbs:
        if code[:2] in ("01", "---") or lemma in seen:
            continue
        seen[lemma] = code
    header = [
        "# lemma\tcameo  -- verb lemmas with the CAMEO code of their synonym line or block, derived by",
        "# scripts/build_ontology.py from CAMEO.2.0.txt (PETRARCH verb dictionary). Its notice:",
        "# The MIT License (MIT) Copyright (c) 2015 Open Event Data Alliance. Permission is hereby granted, free",
        "# of charge, to any person obtaining a copy of this software and associated documentation files (the",
        "# \"Software\"), to deal in the Software without restriction, including without limitation the rights to",
        "# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to",
        "# permit persons to whom the Software is furnished to do so, subject to the following conditions: The",
        "# above copyright notice and this permission notice shall be included in all copies or substantial",
        "# portions of the Software. THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND.",
    ]
    lines = header + [f"{lemma}\t{code}" for lemma, code in sorted(seen.items())]
    (OUT / "cameo_verbs.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"plover.json: {len(PLOVER_TYPES)} types, {n_pairs} type-mode pairs, {len(CONTEXTS)} contexts")
    print(f"cameo.tsv: {len(table)} codes; cameo_verbs.tsv: {len(seen)} lemmas")


if __name__ == "__main__":
    main()
