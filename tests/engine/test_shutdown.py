"""`rasd run` ends its process without the interpreter's teardown (rasd.cli.shutdown): nothing may be lost by it.
The store is complete and closed, stdout and stderr are flushed, atexit callbacks ran, and the exit status is the
one a normal exit gives."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from rasd.cli.shutdown import exit_status

from .conftest import serial_store, store_contents

ROOT = Path(__file__).resolve().parents[2]

# The console entry point, with an atexit callback that says it ran (registered first, so it runs last), a
# last line written without a newline to stdout's buffer by another callback (flushed only if the streams are), and
# an object that says when it is freed (by the interpreter's teardown, which `rasd run` skips).
DRIVER = '''
import atexit, sys
class Held:
    def __del__(self):
        print("freed at teardown", file=sys.stderr)
held = Held()
atexit.register(lambda: print("atexit ran", file=sys.stderr))
atexit.register(lambda: sys.stdout.write("unflushed tail"))
from rasd.cli import main
main(sys.argv[1:])
'''


def _rasd(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DRIVER, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_run_ends_without_teardown_and_loses_nothing(tmp_path, few_articles):
    inputs = tmp_path / "twelve.jsonl"
    inputs.write_text("".join(few_articles.read_text(encoding="utf-8").splitlines(keepends=True)[:12]),
                      encoding="utf-8")
    db = tmp_path / "run.db"
    done = _rasd("run", str(inputs), "--db", str(db), "--workers", "2", "--json")
    assert done.returncode == 0, done.stderr
    counts_line, tail = done.stdout.rsplit("\n", 1)
    assert tail == "unflushed tail"
    assert json.loads(counts_line)["processed"] == 12
    assert "atexit ran" in done.stderr and "12 article(s) processed" in done.stderr
    assert "freed at teardown" not in done.stderr
    assert not Path(f"{db}-wal").exists()  # every connection closed: SQLite folded its log back into the file
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store_contents(db) == serial_store(tmp_path / "serial.db", [str(inputs)])


def test_run_keeps_its_exit_status(tmp_path):
    done = _rasd("run", str(tmp_path / "missing.jsonl"), "--db", str(tmp_path / "x.db"))
    assert done.returncode == 1
    assert "atexit ran" in done.stderr


def test_exit_status_is_the_interpreters():
    assert exit_status(None) == 0
    assert exit_status(3) == 3
    assert exit_status("a message") == 1
