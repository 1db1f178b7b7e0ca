"""``newsevents eval articles | plover-gsr | polnear | geo | petrarch``: score against gold standards (ours in
gold/articles, the others in ../shared/data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.main import TriageOpt, app
from newsevents.nlp.model import DEFAULT_MODEL

eval_app = typer.Typer(no_args_is_help=True, help="Score newsevents against a gold standard.")
app.add_typer(eval_app, name="eval")

AsJson = Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")]


def _print(scores: dict, report: str, as_json: bool) -> None:
    typer.echo(json.dumps(scores, indent=2) if as_json else report)


@eval_app.command("articles")
def articles(
    gold: Annotated[Path, typer.Argument(help="Full-article gold JSONL (e.g. gold/articles/dev.jsonl).")],
    data: Annotated[Path | None, typer.Option("--data", help="Folder holding the gold's corpora (bbc/, polnear/); "
                                              "default ../shared/data beside the repository.")] = None,
    aside: Annotated[bool, typer.Option("--aside", help="Allow scoring an aside.jsonl (kept aside until an "
                                        "issue's closing figures).")] = False,
    model: str = DEFAULT_MODEL,
    as_json: AsJson = False,
    triage: TriageOpt = None,
) -> None:
    """Event type + sentence P/R/F1 per type, actor and recipient accuracy on matches, precision by confidence band."""
    from newsevents.errors import InputError
    from newsevents.eval import articles as ev

    if gold.name == "aside.jsonl" and not aside:
        typer.echo(f"error: {gold}: the aside third is scored only for an issue's closing figures; add --aside",
                   err=True)
        raise typer.Exit(2)
    try:
        scores = ev.evaluate(gold, data=data, model=model, triage=triage)
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    _print(scores, ev.format_report(scores), as_json)


@eval_app.command("plover-gsr")
def plover_gsr(
    file: Annotated[Path, typer.Argument(help="PLOVER GSR JSONL (e.g. ../shared/data/plover_gsr/dev.jsonl).")],
    model: str = DEFAULT_MODEL,
    as_json: AsJson = False,
    triage: TriageOpt = None,
) -> None:
    """Event type P/R/F1 (micro, macro, per type) and actor/recipient accuracy on matched events."""
    from newsevents.eval import plover_gsr as ev

    scores = ev.evaluate(file, model=model, triage=triage)
    _print(scores, ev.format_report(scores), as_json)


@eval_app.command("polnear")
def polnear(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR split folder (articles.jsonl + attributions/).")],
    model: str = DEFAULT_MODEL,
    as_json: AsJson = False,
    triage: TriageOpt = None,
) -> None:
    """Quote content P/R/F1 (>= 50% character overlap, one-to-one) and speaker F1."""
    from newsevents.eval import polnear as ev

    scores = ev.evaluate(directory, model=model, triage=triage)
    _print(scores, ev.format_report(scores), as_json)


@eval_app.command("geo")
def geo(
    file: Annotated[Path, typer.Argument(help="Geoparsing gold JSONL (e.g. ../shared/data/geo/dev.jsonl).")],
    model: str = DEFAULT_MODEL,
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
    as_json: AsJson = False,
    triage: TriageOpt = None,
) -> None:
    """Toponym detection P/R/F1 and end-to-end accuracy within 161 km."""
    from newsevents.eval import geo as ev

    scores = ev.evaluate(file, model=model, limit=limit, triage=triage)
    _print(scores, ev.format_report(scores), as_json)


@eval_app.command("petrarch")
def petrarch(
    file: Annotated[Path, typer.Argument(help="PETRARCH2 validation suite (e.g. "
                                         "../shared/data/petrarch/PETR.UnitTest.records.xml).")],
    model: str = DEFAULT_MODEL,
    as_json: AsJson = False,
    triage: TriageOpt = None,
) -> None:
    """PLOVER type P/R/F1, CAMEO root and source/target agreement on PETRARCH2's validation suite."""
    from newsevents.eval import petrarch as ev

    scores = ev.evaluate(file, model=model, triage=triage)
    _print(scores, ev.format_report(scores), as_json)
