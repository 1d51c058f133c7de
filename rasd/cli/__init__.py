"""The `rasd` command: one module per command group, mirroring the Python API.

root.py     the root group and the article commands (extract, run, events, demo)
store.py    the store's contents: import (rasd JSONL, ACLED CSV), stats, export, the shared event filter options
ingest.py   watch (feeds and pages on a schedule), clusters (near-duplicate articles)
alerts.py   alerts, trends
review.py   an analyst's verdicts and corrections
api.py      serve (the REST API and dashboard), keys
eval.py     eval (scores against gold)
tools.py    ner, kb (the recogniser and the knowledge base on their own)
common.py   options, store opening and error handling shared by the commands
render.py   how results are shown to people (tables, CSV, JSON-safe views)
shutdown.py ending a process without freeing the KB object by object (`rasd run`)
"""

from rasd.cli.root import cli, main

__all__ = ["cli", "main"]
