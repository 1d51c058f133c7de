"""Where the Event's fields are spelled out: the files (and, in Python, the classes and functions) that name a large
share of `rasd.model.EVENT_FIELDS` themselves, instead of reading the one declaration.

    python scripts/event_spellings.py [--share 0.4]

Issue 18 counts these places before and after a change ("the Event is spelled out in ~10 places"). A place counts
when it names at least `--share` of the fields as whole words (identifiers, keys, quoted strings, JS properties),
or `admin1` with `geo_precision` and `fatalities` in a block of a GeoJSON/CSV builder. Python is counted per
top-level class or function, other files (JS, SQL migrations) per file; tests and this script are left out.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _named(text: str, fields: tuple[str, ...]) -> set[str]:
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    return {f for f in fields if f in words}


def places(root: Path, fields: tuple[str, ...], share: float) -> list[tuple[str, int]]:
    """(place, number of Event fields it names) for every place naming at least `share` of them."""
    least = max(1, round(share * len(fields)))
    out = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".py", ".js", ".ts") or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root.parent).as_posix()
        if path.suffix != ".py":
            n = len(_named(text, fields))
            if n >= least:
                out.append((rel, n))
            continue
        for node in ast.parse(text).body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef, ast.Assign, ast.AnnAssign)):
                n = len(_named(ast.get_source_segment(text, node) or "", fields))
                if n >= least:
                    name = getattr(node, "name", None) or ast.unparse(
                        node.targets[0] if isinstance(node, ast.Assign) else node.target)
                    out.append((f"{rel}:{name}", n))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--share", type=float, default=0.4, help="share of the Event's fields a place must name")
    args = ap.parse_args()
    from rasd.model import EVENT_FIELDS

    found = places(ROOT / "rasd", EVENT_FIELDS, args.share)
    for place, n in found:
        print(f"{n:3d}/{len(EVENT_FIELDS)}  {place}")
    print(f"{len(found)} place(s) name at least {args.share:.0%} of the Event's {len(EVENT_FIELDS)} fields")
    return 0


if __name__ == "__main__":
    sys.exit(main())
