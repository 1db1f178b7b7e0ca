"""Write docs/cli.md from the CLI itself, so the reference can never drift from the commands.

Usage: python scripts/gen_cli_docs.py [--check]   (--check exits 1 when docs/cli.md is out of date)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main

from newsevents.cli import app

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def _commands(group: Any, prefix: str) -> list[tuple[str, Any]]:
    """(full name, command) for every leaf command; typer vendors click, so groups are duck-typed."""
    out: list[tuple[str, Any]] = []
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        if hasattr(cmd, "commands"):
            out.extend(_commands(cmd, full))
        else:
            out.append((full, cmd))
    return out


def render() -> str:
    root = typer.main.get_command(app)
    lines = [
        "# Command-line reference",
        "",
        "Generated from the commands by `scripts/gen_cli_docs.py`; a test fails when it is out of date.",
        "",
    ]
    for full, cmd in _commands(root, "newsevents"):
        args = " ".join(
            p.name.upper() + ("..." if p.nargs == -1 else "") for p in cmd.params if p.param_type_name == "argument"
        )
        lines += [f"## `{full}{' ' + args if args else ''}`", "", (cmd.help or "").strip(), ""]
        opts = [p for p in cmd.params if p.param_type_name == "option" and p.name != "help"]
        if opts:
            lines += ["| option | default | meaning |", "|---|---|---|"]
            for p in opts:
                names = ", ".join(f"`{o}`" for o in [*p.opts, *p.secondary_opts])
                default = "" if p.default in (None, False, ()) or callable(p.default) else f"`{p.default}`"
                lines.append(f"| {names} | {default} | {(p.help or '').replace('|', '/')} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if DOC.exists() and DOC.read_text(encoding="utf-8") == text else 1)
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
