"""Count the regular expressions written with Arabic letters in Python sources (issue 18: rules belong in data).

A "literal" is one call of `re.compile` / `re.search` / `re.match` / `re.fullmatch` / `re.sub` / `re.split` /
`re.finditer` / `re.findall` whose pattern argument contains an Arabic letter (not mere Arabic punctuation) anywhere in its expression (string
constants, f-strings, concatenations and `fold(...)` wrappers included), so a regex assembled from Arabic pieces
counts once. Also reported: Arabic letters in string constants (docstrings excluded: examples there are
documentation, not rules) and the ad-hoc clitic classes (`[وف]?` ...).

    python scripts/count_arabic_regex.py [FILES...]     # default: rasd/events/*.py
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARABIC = re.compile(r"[\u0621-\u064A]")  # letters: punctuation such as ، ؟ makes no word pattern
CLITIC_CLASS = re.compile(r"\[[\u0621-\u064A]{1,5}\]\?")
RE_FUNCS = {"compile", "search", "match", "fullmatch", "sub", "subn", "split", "finditer", "findall"}


def _strings(node: ast.AST) -> list[str]:
    """Every string constant inside an expression."""
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def count_file(path: Path) -> tuple[int, int, int]:
    """(Arabic regex literals, Arabic letters in string constants other than docstrings, ad-hoc clitic classes) of
    one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    regexes = 0
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_FUNCS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                and any(ARABIC.search(s) for s in _strings(node.args[0]))):
            regexes += 1
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    consts = [n.value for n in ast.walk(tree)
              if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]
    letters = sum(len(ARABIC.findall(s)) for s in consts)
    clitics = sum(len(CLITIC_CLASS.findall(s)) for s in consts)
    return regexes, letters, clitics


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((ROOT / "rasd/events").glob("*.py"))
    totals = [0, 0, 0]
    print(f"{'file':40} {'regexes':>8} {'letters':>8} {'clitics':>8}")
    for path in files:
        row = count_file(path)
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        if any(row):
            print(f"{'/'.join(path.parts[-3:]):40} {row[0]:8} {row[1]:8} {row[2]:8}")
    print(f"{'total':40} {totals[0]:8} {totals[1]:8} {totals[2]:8}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
