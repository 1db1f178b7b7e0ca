"""The version of newsevents (one place, read by the package, the CLI, the API and the exports)."""

__version__ = "0.1.0"
