"""Scale-out benchmark (issue 17): `rasd run` on 1 and N workers, `rasd extract`, the writer alone, peak memory.

    python bench/bench_parallel.py                       # subset: rasd run --workers 1 and 2, same run; ids compared
    python bench/bench_parallel.py --extract             # ... and rasd extract on the same input
    python bench/bench_parallel.py --repeat 3 --timeline # 1 and 2 workers in turn (1, 2 / 2, 1 / 1, 2), 3 times:
                                                         # each round's ratio, the median; where each run's time
                                                         # went (bench/timeline.py)
    python bench/bench_parallel.py --write-only [--db postgresql+psycopg://...]   # writer throughput, no extraction
    python bench/bench_parallel.py --corpus --workers 2  # the 31k-article SaudiNewsNet corpus: articles/s, peak memory (PSS)

Every `rasd run` is the real command in a subprocess, into a fresh SQLite store; its wall time and CPU seconds are
printed, with the CPU seconds the machine's other programs used meanwhile (from /proc/stat: a 2-worker run needs
both cores, a serial one leaves one free, so a busy neighbour slows the first alone; a round whose figure is high
says so). Peak memory of the whole process tree (client and workers: proportional set sizes summed, so pages the
forked workers share count once; sampled every 0.2 s) is measured in one more run per worker count, not in the
timed runs: sampling it costs ~10-20 ms of CPU a sample, which a 2-worker run pays and a serial one does not. The
order of the runs alternates from round to round. The event ids and
report links of the runs are compared: a parallel run must store exactly what the serial one stores. The write-only
figure extracts the input once in this process, then times `rasd.engine.writer.write_batch` alone into a fresh store
(SQLite, or the PostgreSQL database given with --db, whose tables are dropped first): what one writer sustains.
Figures go in the issue notes; nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet"
SUBSET = NEWS / "saudinewsnet_iraq_syria_security_subset.jsonl"
RASD = [sys.executable, "-m", "rasd"]


def corpus_jsonl(out: Path) -> Path:
    """The SaudiNewsNet day files (zips of JSON lists) as one JSON-lines file, in day order."""
    with out.open("w", encoding="utf-8") as fh:
        for zpath in sorted((NEWS / "zips").glob("*.zip")):
            with zipfile.ZipFile(zpath) as zf:
                for name in sorted(zf.namelist()):
                    for rec in json.loads(zf.read(name)):
                        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out


def _pss(proc: psutil.Process) -> int:
    """Proportional set size: a page shared by the forked workers counts once over the tree, not once each."""
    try:
        return proc.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):  # no PSS on this platform: resident size
        return proc.memory_info().rss


#: Seconds between samples of the run's CPU times (cheap: /proc/PID/stat), and between samples of its memory, where
#: asked for (PSS: the kernel walks every page table of every process of the tree, ~10-20 ms of this process's CPU a
#: sample for a ~750 MiB tree).
CPU_EVERY = 0.2
#: Seconds between refreshes of the run's process tree (psutil scans every process of the machine for its parent).
TREE_EVERY = 1.0


def _busy_seconds() -> tuple[float, float]:
    """(CPU seconds every core of this machine spent busy, CPU seconds stolen by the hypervisor) since boot, from
    /proc/stat; (0, 0) where there is none."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0, 0.0
    tick = 100.0  # USER_HZ: /proc/stat counts in it whatever the kernel's own tick
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / tick, steal / tick


def _own_cpu() -> float:
    """CPU seconds of this process (not of its children: a reaped run's would be counted twice)."""
    times = psutil.Process().cpu_times()
    return times.user + times.system


def timed(cmd: list[str], memory: bool = False, memory_every: float = CPU_EVERY) -> dict[str, Any]:
    """Run `cmd`: its wall seconds, CPU seconds of its own process ("own_cpu") and of its child processes (the
    fork server and the workers: "children_cpu"), stderr's last lines ("tail"), the CPU seconds everything else on
    the machine used meanwhile ("others_cpu", "steal": what the hypervisor took), and with `memory` the peak
    memory in bytes of the whole process tree ("peak": PSS summed, sampled every `memory_every` s; else 0).

    Memory is sampled only when asked: reading a tree's PSS costs this process ~10-20 ms of CPU a sample (5-9% of
    a core at 5 samples a second, measured), taken from the cores the run uses. A serial run leaves a core free
    for it, a 2-worker run does not: sampling during the timed runs slowed the 2-worker run alone. CPU times are
    sampled (cheap) every CPU_EVERY s, the process tree refreshed every TREE_EVERY s."""
    busy0, steal0 = _busy_seconds()
    mine0 = _own_cpu()
    t0 = time.perf_counter()
    cpu: dict[int, float] = {}
    peak = 0
    every = min(CPU_EVERY, memory_every) if memory else CPU_EVERY
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        top = psutil.Process(proc.pid)
        tree: list[psutil.Process] = [top]
        tree_at = memory_at = 0.0
        while proc.poll() is None:
            now = time.perf_counter()
            try:
                if now - tree_at >= TREE_EVERY:
                    tree, tree_at = [top, *top.children(recursive=True)], now
                if memory and now - memory_at >= memory_every:
                    peak, memory_at = max(peak, sum(_pss(p) for p in tree if p.is_running())), now
                for p in tree:
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
            except psutil.Error:
                tree_at = 0.0  # a process of the tree ended: look again at the next sample
            try:  # the next sample, or the end at once (a sleep would add up to a sample's interval to the wall time)
                proc.wait(timeout=every)
            except subprocess.TimeoutExpired:
                pass
        wall = time.perf_counter() - t0
        err.seek(0)
        tail = "".join(err.readlines()[-4:])
    busy1, steal1 = _busy_seconds()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{tail}")
    own = cpu.pop(proc.pid, 0.0)
    children = sum(cpu.values())
    mine = _own_cpu() - mine0  # this process: its samples (the run itself is not waited for as a child here)
    others = max(0.0, (busy1 - busy0) - (steal1 - steal0) - own - children - mine)
    return {"wall": wall, "peak": peak, "tail": tail, "own_cpu": own, "children_cpu": children,
            "others_cpu": others, "steal": steal1 - steal0, "bench_cpu": mine}


def store_ids(db: Path) -> tuple[list, list]:
    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT event_id, n_reports FROM events ORDER BY 1").fetchall(),
                conn.execute("SELECT article_id, event_id, position FROM reports ORDER BY 1, 2").fetchall())


def run_store(input_path: Path, workers: int, tmp: Path, timeline: bool = False, memory: bool = False,
              memory_every: float = CPU_EVERY) -> dict:
    """One timed `rasd run` into a fresh store (with `memory`: sampling its peak memory too, so not a timed run to
    compare); what it stored and how long it took."""
    db = tmp / f"w{workers}.db"
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        path.unlink(missing_ok=True)
    spans = tmp / f"w{workers}.timeline.jsonl"
    run = timed([*RASD, "run", str(input_path), "--db", str(db), "--workers", str(workers),
                 *(["--timeline", str(spans)] if timeline else [])], memory=memory, memory_every=memory_every)
    wall, own_cpu, workers_cpu = run["wall"], run["own_cpu"], run["children_cpu"]
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    events, reports = store_ids(db)
    memory_note = f", peak memory (PSS) {run['peak'] / 2**20:.0f} MiB" if memory else ""
    print(f"rasd run --workers {workers}{' (memory sampled, not timed)' if memory else ''}: {n} articles in "
          f"{wall:.1f} s = {n / wall:.1f} articles/s, {len(events)} events, {len(reports)} reports{memory_note}; "
          f"load {_load()}", flush=True)
    # CPU seconds (sampled every 0.2 s, so the last moments are missed): on a machine shared with other work the
    # wall time says more about the neighbours than about rasd; on an idle one the run takes at least the client's
    # CPU time, the workers' CPU time spread over the workers, and everyone's CPU time spread over the cores (the
    # client shares them with the workers): a lower bound, since the client loads the KB (a few seconds) before the
    # workers start.
    cores = psutil.cpu_count() or 1
    idle = max(own_cpu, workers_cpu / workers, (own_cpu + workers_cpu) / cores) if workers > 1 else own_cpu
    print(f"   CPU: client {own_cpu:.1f} s, workers {workers_cpu:.1f} s; on this idle {cores}-core machine "
          f"at best {idle:.1f} s; meanwhile other programs used {run['others_cpu']:.1f} CPU s (the hypervisor "
          f"{run['steal']:.1f}), this bench {run['bench_cpu']:.2f}", flush=True)
    print("   " + run["tail"].strip().replace("\n", "\n   "), flush=True)
    if timeline:
        from timeline import load, report, summarise  # bench/timeline.py, beside this script

        print("   " + report(load(spans), cores, 100).replace("\n", "\n   "), flush=True)
        if workers > 1:  # the timeline's model: the serial start, everyone's CPU after it over the cores, the tail
            idle = summarise(load(spans), cores)["idle"]
    return {"workers": workers, "wall": wall, "articles": n, "peak": run["peak"], "events": events,
            "reports": reports, "idle": idle, "others": run["others_cpu"]}


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _server_cpu(repo: Any) -> float:
    """CPU seconds used so far by the PostgreSQL backend serving `repo`'s connection (0 on SQLite, or when the
    server is not on this machine): the store's own share of a write, which the writer's process time leaves out.
    The writer runs its batches one after another, so its pool hands it the same connection (and backend) each time.
    """
    if repo.engine.dialect.name != "postgresql":
        return 0.0
    with repo.engine.connect() as conn:
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


def write_only(input_path: Path, db: str | None, tmp: Path, limit: int) -> None:
    """Extract once here, then time the writer alone into a fresh store."""
    from itertools import islice

    from sqlalchemy import MetaData, create_engine

    from rasd.engine.work import extract_partition
    from rasd.engine.writer import WRITE_BATCH, write_batch
    from rasd.ingest.sources import iter_articles
    from rasd.store.repository import Repository

    articles = [a for a in islice(iter_articles([str(input_path)]), limit) if not isinstance(a, Exception)]
    t0, c0 = time.perf_counter(), time.process_time()
    prepared = [r for r in extract_partition(articles) if not hasattr(r, "message")]
    extract_s, extract_cpu = time.perf_counter() - t0, time.process_time() - c0
    location = db or str(tmp / "write_only.db")
    if db:  # a clean PostgreSQL database: drop what an earlier run left
        engine = create_engine(db)
        meta = MetaData()
        meta.reflect(engine)
        meta.drop_all(engine)
        engine.dispose()
    n_reports = sum(len(p.reports) for p in prepared)
    with Repository(location) as repo:
        server0 = _server_cpu(repo)
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(0, len(prepared), WRITE_BATCH):
            write_batch(repo, prepared[i:i + WRITE_BATCH])
        write_s, write_cpu = time.perf_counter() - t0, time.process_time() - c0
        server_cpu = _server_cpu(repo) - server0
        totals = repo.counts()
    kind = "PostgreSQL" if db else "SQLite"
    print(f"extract (this process, one core): {len(prepared)} articles in {extract_s:.1f} s = "
          f"{len(prepared) / extract_s:.1f} articles/s ({len(prepared) / extract_cpu:.1f} per CPU second)")
    print(f"write-only ({kind}, batches of {WRITE_BATCH}, dedup on): {len(prepared)} articles, {n_reports} reports "
          f"in {write_s:.1f} s = {len(prepared) / write_s:.1f} articles/s, {n_reports / write_s:.0f} reports/s "
          f"({len(prepared) / write_cpu:.1f} articles per CPU second of this process; the database server's time "
          f"is not in it) = {extract_cpu / write_cpu:.1f} one-core extractors' output by CPU time; store: "
          f"{totals['articles']} articles, {totals['events']} events")
    if db and server_cpu:
        print(f"   the PostgreSQL backend used {server_cpu:.1f} CPU s meanwhile: "
              f"{len(prepared) / (write_cpu + server_cpu):.1f} articles per CPU second of writer and server together")


def prime_warm_cache(input_path: Path, tmp: Path) -> None:
    """Untimed `rasd run`s before the timed ones: the first run after a change to the package writes the warm cache
    (rasd.engine.warm_cache, ~0.5 s more than a run that reads it), and no timed run should pay for that; one run
    of each kind (in this process, and two local workers, which use the fork server's and the pool's modules and a
    resource tracker the serial run does not), so the first timed run of either kind finds the same warm file cache
    as the later ones. Before them, the package's bytecode is written (`compileall`), as `pip install` does for an
    installed package: an editable install run with PYTHONDONTWRITEBYTECODE set (as on the project's machines)
    otherwise compiles every module it imports in every run, ~0.2 CPU s, most of it before the workers start."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "rasd")], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    few = tmp / "prime.jsonl"
    with input_path.open(encoding="utf-8") as fh:  # three partitions: enough for the runner to start a pool
        few.write_text("".join(line for _, line in zip(range(48), fh, strict=False)), encoding="utf-8")
    for workers in (1, 2):
        subprocess.run([*RASD, "run", str(few), "--db", str(tmp / f"prime{workers}.db"), "--workers", str(workers),
                        "-q"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, default=SUBSET)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--extract", action="store_true", help="also time `rasd extract` on the same input")
    ap.add_argument("--corpus", action="store_true", help="the whole 31k-article corpus (long: once)")
    ap.add_argument("--write-only", action="store_true", help="time the writer alone on pre-extracted results")
    ap.add_argument("--db", default=None, help="PostgreSQL URL for --write-only (default: a SQLite file)")
    ap.add_argument("--limit", type=int, default=1310, help="articles for --write-only")
    ap.add_argument("--repeat", type=int, default=1, help="run the --workers list this many times, in turn")
    ap.add_argument("--timeline", action="store_true", help="record and summarise where each run's time went")
    ap.add_argument("--no-memory", action="store_true", help="no extra runs to sample peak memory")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rasd-bench-parallel-") as name:
        tmp = Path(name)
        if args.write_only:
            write_only(args.input, args.db, tmp, args.limit)
            return 0
        input_path = corpus_jsonl(tmp / "corpus.jsonl") if args.corpus else args.input
        prime_warm_cache(input_path, tmp)
        if args.extract:
            extract = timed([*RASD, "extract", str(input_path), "-q"])
            wall, extract_cpu = extract["wall"], extract["own_cpu"]
            print(f"rasd extract: {wall:.1f} s, CPU {extract_cpu:.1f} s; meanwhile other programs used "
                  f"{extract['others_cpu']:.1f} CPU s; load {_load()}", flush=True)
        if args.corpus:  # one long run: memory sampled in it, once a second (~1% of a core)
            for w in args.workers:
                run_store(input_path, w, tmp, args.timeline, memory=True, memory_every=1.0)
            return 0
        # Round by round, the order of the runs alternates (1, 2, then 2, 1, ...): a run that always came first
        # (after `rasd extract`, or after the other) would always meet the same state of the machine (the file
        # cache, the neighbours' phase).
        rounds: list[dict[int, dict]] = []
        for i in range(args.repeat):
            order = args.workers if i % 2 == 0 else args.workers[::-1]
            rounds.append({w: run_store(input_path, w, tmp, args.timeline) for w in order})
        if not args.no_memory:  # peak memory in runs of their own, not the timed ones (see `timed`)
            for w in args.workers:
                run_store(input_path, w, tmp, memory=True)
        base_w = args.workers[0]
        if args.extract and base_w == 1:
            one = rounds[0][1]
            print(f"rasd run --workers 1 / rasd extract: {one['wall'] / wall:.2f}x wall, "
                  f"{one['idle'] / extract_cpu:.2f}x CPU")
        for other_w in args.workers[1:]:
            same = all((r[other_w]["events"], r[other_w]["reports"]) == (r[base_w]["events"], r[base_w]["reports"])
                       and r[base_w]["events"] == rounds[0][base_w]["events"] for r in rounds)
            ratios = [r[base_w]["wall"] / r[other_w]["wall"] for r in rounds]
            estimates = [r[base_w]["idle"] / r[other_w]["idle"] for r in rounds]
            others = [r[base_w]["others"] + r[other_w]["others"] for r in rounds]
            print(f"--workers {base_w} / --workers {other_w}, round by round: wall ratio "
                  f"{' '.join(f'{x:.2f}' for x in ratios)} (other programs' CPU s during the round's two runs: "
                  f"{' '.join(f'{x:.1f}' for x in others)}); median {statistics.median(ratios):.2f}; idle-machine "
                  f"estimate from CPU times {' '.join(f'{x:.2f}' for x in estimates)}, median "
                  f"{statistics.median(estimates):.2f}; identical event ids and reports: {same}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
