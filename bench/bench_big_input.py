"""Peak memory and time of `rasd extract` on one huge input: a 50 MB text file and a JSONL file whose one record
holds 5 MB of text (issue 16: neither finished, 2.3 GB RSS).

    python bench/bench_big_input.py [--mb 50] [--line-mb 5] [--dir /tmp]

The text is real news (the SaudiNewsNet security subset, articles joined and repeated up to the size). Each input
runs in a child process; its peak RSS comes from getrusage(RUSAGE_CHILDREN) after it ends.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"


def news_text(source: Path, size_bytes: int) -> str:
    """Real articles joined (repeated when the subset is smaller) to `size_bytes` bytes of UTF-8."""
    bodies = []
    for line in source.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        bodies.append(((rec.get("title") or "") + "\n\n" + (rec.get("content") or "")).strip())
    block = "\n\n".join(bodies)
    repeats = size_bytes // len(block.encode("utf-8")) + 1
    return (("\n\n" + block) * repeats).encode("utf-8")[:size_bytes].decode("utf-8", "ignore")


def run(path: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "rasd", "extract", str(path), "--published", "2015-07-21"],
                          capture_output=True, text=True)
    took = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"input": path.name, "mb": round(path.stat().st_size / 2**20, 1), "exit": proc.returncode,
            "events": proc.stdout.count("\n"), "seconds": round(took, 1),
            "peak_rss_mb": round(max(peak_kb, before) / 1024), "warnings": proc.stderr.strip().splitlines()[-2:]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default=str(DEFAULT))
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--line-mb", type=int, default=5)
    ap.add_argument("--dir", default=None)
    args = ap.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="rasd-big-"))
    big = work / "rasd-bench-big.txt"
    big.write_text(news_text(Path(args.input), args.mb * 2**20), encoding="utf-8")
    line = work / "rasd-bench-one-line.jsonl"
    line.write_text(json.dumps({"title": "خبر طويل", "content": news_text(Path(args.input), args.line_mb * 2**20)},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    # the one-line file runs first: RUSAGE_CHILDREN keeps the largest child so far, so the smaller input comes first
    for path in (line, big):
        print(json.dumps(run(path), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
