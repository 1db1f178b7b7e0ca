"""``python -m newsevents`` runs the CLI."""

from newsevents.cli.main import main

main()
