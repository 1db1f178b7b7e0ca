"""The Python API for notebooks and scripts: code text, read a store into Arrow, pandas or polars.

Re-exported by ``newsevents`` itself (``newsevents.code``, ``newsevents.open``); docs/python.md shows it at work.
"""
