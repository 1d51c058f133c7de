"""Same-run speed ratio of this tree against another checkout: alternating rounds of bench_pipeline.py.

    python bench/alternate.py /work/wt-base [--rounds 5] [--limit 600] [--python /work/main/.venv/bin/python]

Each round runs bench/bench_pipeline.py --limit N in the other tree, then in this one (each in its own process, with
its own tree on PYTHONPATH), and takes the ratio of their CPU articles/s; the machine is shared, so only the median
of the per-round ratios means anything (never a figure from another run). Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rate(tree: Path, python: str, limit: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([python, "bench/bench_pipeline.py", "--limit", str(limit)], cwd=tree, env=env,
                         check=True, capture_output=True, text=True).stdout
    return float(re.search(r"articles/s\(cpu\)=([\d.]+)", out).group(1))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("other", help="the checkout to compare with (e.g. the session-start tree)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=600)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()
    ratios = []
    for r in range(args.rounds):
        base = rate(Path(args.other), args.python, args.limit)
        mine = rate(ROOT, args.python, args.limit)
        ratios.append(mine / base)
        print(f"round {r + 1}: other {base:.1f} art/s (cpu), this {mine:.1f}, ratio {mine / base:.3f}", flush=True)
    print(f"median ratio {statistics.median(ratios):.3f} over {len(ratios)} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
