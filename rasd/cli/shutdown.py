"""Ending a `rasd run` process without the interpreter's teardown.

A process that loaded the knowledge base holds millions of Python objects (the gazetteer, the mention automaton's
payloads, the NER word classes). At a normal exit the interpreter frees them one by one: 0.55-0.8 s of wall time
on an idle 2-core machine after the work is done and everything is written (0.35-0.45 CPU s measured after the
atexit callbacks of a loaded one), ~4% of a 2-worker run on the 1,310-article subset, on one core while the other
idles. Nothing in that teardown matters to the user once
the command has closed its store and its files, so a command that loads the KB may ask `main` to end the process
with `os._exit` instead, after doing by hand what the interpreter's exit does that does matter: wait for the
threads that are not daemons, run the atexit callbacks (logging's flush among them), flush stdout and stderr, and
turn the SystemExit's code into the exit status the same way.

Only `main` (the console entry point, a process of its own) acts on the request; a command invoked in-process
(click's test runner, `cli.main(standalone_mode=False)`) returns as before.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

#: Set by `skip_teardown`: `main` ends the process at once when the command is over.
_requested = False


def skip_teardown() -> None:
    """Ask `main` to end this process without freeing its objects once the command returns or exits. The command
    must close what it wrote (stores, files) in `with` blocks or `finally` clauses, which all run before `main`
    sees the command's end."""
    global _requested
    _requested = True


def teardown_skipped() -> bool:
    """Whether the running command asked for `skip_teardown`."""
    return _requested


def exit_status(code: object) -> int:
    """The exit status the interpreter gives a SystemExit with `code`: None is 0, an int is itself, anything else
    is printed on stderr and gives 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def end_now(code: object) -> NoReturn:
    """End the process as `sys.exit(code)` would, without the interpreter's teardown (see the module's doc)."""
    status = exit_status(code)
    current = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not current and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: the interpreter's own exit gives 120 when stdout cannot flush
            status = status or 120
    os._exit(status)
