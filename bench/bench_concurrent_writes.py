"""API writes while `rasd run` writes the same SQLite store: how many POST /api/articles fail?

    python bench/bench_concurrent_writes.py [--run-articles 200] [--clients 4] [--posts 50] [--db /tmp/cw.db]

Starts `rasd serve` on 127.0.0.1 (its own process), `rasd run` over the first --run-articles articles of the
SaudiNewsNet security subset, and --clients threads posting --posts distinct short articles each while the run goes
on. Prints the count of each HTTP status and how many posts landed while the run was still writing (issue 16: 80%
were 500 "database is locked" before the key check took the write lock).
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared/data/news/saudinewsnet/saudinewsnet_iraq_syria_security_subset.jsonl"
TEXT = "قتل {n} مدنيين في قصف على بلدة في ريف حلب الشمالي يوم الخميس، وفق مصادر محلية. رقم {n} من العميل {c}."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", default=str(DEFAULT))
    ap.add_argument("--run-articles", type=int, default=200)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--posts", type=int, default=50)
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    from rasd.api.keys import create_key
    from rasd.store.repository import Repository

    work = Path(tempfile.mkdtemp(prefix="rasd-cw-"))
    db = args.db or str(work / "cw.db")
    with Repository(db) as repo:
        key, _ = create_key(repo, "bench")
    batch = work / "run.jsonl"
    lines = Path(args.input).read_text(encoding="utf-8").splitlines()[: args.run_articles]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "rasd", "serve", "--db", db, "--host", "127.0.0.1",
                              "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        run = subprocess.Popen([sys.executable, "-m", "rasd", "run", str(batch), "--db", db, "--quiet"])
        statuses: Counter[int] = Counter()
        during = Counter()

        def client(c: int) -> None:
            with httpx.Client(base_url=base, timeout=300) as http:
                for n in range(args.posts):
                    r = http.post("/api/articles", headers={"X-API-Key": key},
                                  json={"text": TEXT.format(n=n + 2, c=c), "published": "2015-07-21"})
                    statuses[r.status_code] += 1
                    during[run.poll() is None] += 1

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(c,)) for c in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        run.wait()
        took = time.perf_counter() - started
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    with Repository(db) as repo:
        counts = repo.counts()
    print(json.dumps({"statuses": dict(statuses), "posts_while_run_wrote": during[True], "run_exit": run.returncode,
                      "seconds": round(took, 1), "articles_stored": counts["articles"]}))
    return 0 if not statuses.get(500) else 1


if __name__ == "__main__":
    sys.exit(main())
