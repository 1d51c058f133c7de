"""Where a parallel `rasd run`'s wall time went, from its timeline (`rasd run ... --timeline FILE`).

    python bench/timeline.py FILE [--cores 2] [--width 100]

Prints, from the spans of rasd.engine.timeline: the serial start (process start to the first partition on a
worker), each worker's busy time, CPU and idle gaps, what the client did (reading, waiting, writing, alerts), the
tail (the last partition's end to the run's end), and the ideal wall time on an idle machine with that much work:
serial start + (everyone's CPU after the start) / cores + the tail's own CPU. When the workers came from a fork
server that loaded the KB while the client prepared the rest (rasd.engine.zygote), the start is the later of the
two. Then a chart, one row per process,
one column per time slice, each cell the letter of what took most of that slice (E extract, W write, w wait,
r read, a alerts, k warm-up, p prepare, z closing the pool, . nothing recorded). On a loaded machine wall spans stretch but CPU seconds do not;
compare runs by the CPU columns and the shape, not by wall seconds alone.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

LETTER = {"extract": "E", "write": "W", "wait": "w", "read": "r", "alerts": "a", "warm": "k", "start workers": "f",
          "stored": "s", "submit": "u", "open store": "o", "counts": "c",
          "after write": "A", "close": "z", "prepare": "p", "start server": "S"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def summarise(spans: list[dict], cores: int) -> dict:
    """The figures of a timeline (seconds, relative to the process start)."""
    proc = next(s for s in spans if s["what"] == "process")
    t_start = proc["t0"]
    end = max(s["t1"] for s in spans)
    workers = defaultdict(list)
    for s in spans:
        if s["what"] == "extract":
            workers[s["who"]].append(s)
    first_extract = min((s["t0"] for ss in workers.values() for s in ss), default=end)
    last_extract = max((s["t1"] for ss in workers.values() for s in ss), default=end)
    client: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for s in spans:
        if s["who"] == "client" and s["what"] not in ("process", "end"):
            c = client[s["what"]]
            c[0] += s["t1"] - s["t0"]
            c[1] += s["cpu"]
            c[2] += 1
    per_worker = {}
    for who, ss in sorted(workers.items()):
        ss.sort(key=lambda s: s["t0"])
        busy = sum(s["t1"] - s["t0"] for s in ss)
        gaps = [b["t0"] - a["t1"] for a, b in zip(ss, ss[1:], strict=False)]
        per_worker[who] = {**_sched_split(ss), "partitions": len(ss), "articles": sum(s.get("n", 0) for s in ss),
                           "first": ss[0]["t0"] - t_start, "last": ss[-1]["t1"] - t_start, "busy": busy,
                           "cpu": sum(s["cpu"] for s in ss), "idle_between": sum(gaps),
                           "longest_gap": max(gaps, default=0.0),
                           "first_partition": (ss[0]["t1"] - ss[0]["t0"], ss[0]["cpu"])}
    client_cpu_before = proc["cpu"]  # the interpreter's start-up and imports, up to the first client span
    client_cpu_before += sum(s["cpu"] for s in spans
                             if s["who"] == "client" and s["what"] != "process" and s["t1"] <= first_extract)
    # The workers' fork server (rasd.engine.zygote) loads the KB while the client prepares the rest: on an idle
    # machine the first partition starts when the later of the two is done.
    server = [s for s in spans if s["who"] == "server"]
    server_cpu = sum(s["cpu"] for s in server)
    start_cpu = client_cpu_before
    if server:
        until_server = proc["cpu"] + sum(s["cpu"] for s in spans if s["who"] == "client" and s["what"] != "process"
                                         and s["t1"] <= server[0]["t0"])
        start_cpu = max(client_cpu_before, until_server + server_cpu)
    tail_cpu = sum(s["cpu"] for s in spans if s["who"] == "client" and s["t0"] >= last_extract)
    client_cpu = proc["cpu"] + sum(c[1] for c in client.values())
    last = next((s for s in spans if s["what"] == "end"), None)
    # The pool's threads (feeding the workers, unpickling results), and the main thread outside any span.
    other_threads = last["process_cpu"] - last["main_thread_cpu"] if last else 0.0
    unspanned = last["main_thread_cpu"] - client_cpu if last else 0.0
    client_cpu += other_threads + unspanned
    worker_cpu = sum(w["cpu"] for w in per_worker.values())
    parallel_cpu = client_cpu - client_cpu_before - tail_cpu + worker_cpu  # the other threads' too
    serial_start = first_extract - t_start
    ideal = serial_start + parallel_cpu / cores + tail_cpu
    # The same from CPU seconds alone: what an idle machine would take, where wall spans stretch with the load.
    idle = start_cpu + parallel_cpu / cores + tail_cpu
    return {"wall": end - t_start, "serial_start": serial_start, "client_cpu_before_workers": client_cpu_before,
            "server_cpu": server_cpu, "start_cpu": start_cpu,
            "extraction": last_extract - first_extract, "tail": end - last_extract, "tail_cpu": tail_cpu,
            "client": dict(client), "client_cpu": client_cpu, "other_threads": other_threads, "unspanned": unspanned,
            "workers": per_worker, "worker_cpu": worker_cpu,
            "ideal": ideal, "idle": idle, "t_start": t_start, "end": end}


def _sched_split(ss: list[dict]) -> dict:
    """A worker's time split by its scheduler clocks (rasd.engine.timeline.sched_clock), where the spans carry them:
    inside its partitions, the seconds runnable but waiting for a core ("runq_in"); between them, the seconds it ran
    (pickling results, reading the next partition: "gap_run"), waited for a core ("gap_runq") and was blocked
    ("gap_blocked": no work to take, or a full pipe), which last is wall time no idle machine gives back. Also the
    seconds its garbage collector ran in partitions ("gc")."""
    if not all(s.get("sched0") and s.get("sched1") for s in ss):
        return {}
    runq_in = sum(s["sched1"][1] - s["sched0"][1] for s in ss)
    gap_wall = gap_run = gap_runq = 0.0
    for a, b in zip(ss, ss[1:], strict=False):
        gap_wall += b["t0"] - a["t1"]
        gap_run += b["sched0"][0] - a["sched1"][0]
        gap_runq += b["sched0"][1] - a["sched1"][1]
    # Summed before the subtraction: the wall clock and the scheduler's are read a few microseconds apart and a
    # wait is booked when it ends, so one gap's difference can be off by a time slice either way; the sum is not.
    gap_blocked = max(0.0, gap_wall - gap_run - gap_runq)
    return {"runq_in": runq_in, "gap_run": gap_run, "gap_runq": gap_runq, "gap_blocked": gap_blocked,
            "gc": sum(s.get("gc", 0.0) for s in ss)}


def chart(spans: list[dict], t_start: float, end: float, width: int) -> list[str]:
    """One row per process: in each of `width` slices, the letter of the span that covers most of it."""
    step = (end - t_start) / width
    rows: dict[str, list[dict[str, float]]] = {}
    for s in spans:
        if s["what"] in ("process", "end"):
            continue
        who = s["who"]
        cells = rows.setdefault(who, [defaultdict(float) for _ in range(width)])
        a, b = s["t0"] - t_start, s["t1"] - t_start
        for i in range(max(0, int(a / step)), min(width, int(b / step) + 1)):
            overlap = min(b, (i + 1) * step) - max(a, i * step)
            if overlap > 0:
                cells[i][s["what"]] += overlap
    out = [f"{'':>14} |{'':<{width}}| one column = {step:.2f} s"]
    for who, cells in sorted(rows.items(), key=lambda kv: (kv[0] != "client", kv[0] != "server", kv[0])):
        line = "".join(LETTER.get(max(c, key=c.get), "?") if c and max(c.values()) > step / 4 else "." for c in cells)
        out.append(f"{who:>14} |{line}|")
    return out


def report(spans: list[dict], cores: int, width: int) -> str:
    s = summarise(spans, cores)
    lines = [f"wall {s['wall']:.2f} s = serial start {s['serial_start']:.2f} s (client CPU "
             f"{s['client_cpu_before_workers']:.2f} s) + extraction {s['extraction']:.2f} s + tail {s['tail']:.2f} s "
             f"(CPU {s['tail_cpu']:.2f} s)"
             + (f"; the workers' fork server loaded the KB in {s['server_cpu']:.2f} CPU s meanwhile, so the start "
                f"takes {s['start_cpu']:.2f} CPU s" if s["server_cpu"] else ""),
             f"ideal on an idle {cores}-core machine: {s['ideal']:.2f} s (serial start + CPU after it / {cores} + "
             f"tail CPU); lost {s['wall'] - s['ideal']:.2f} s; from CPU seconds alone (serial start at its CPU "
             f"time): {s['idle']:.2f} s",
             f"CPU: client {s['client_cpu']:.2f} s (its other threads {s['other_threads']:.2f} s, its main thread "
             f"outside spans {s['unspanned']:.2f} s), workers "
             f"{s['worker_cpu']:.2f} s (extraction only, not their pickling)"]
    end = next((x for x in spans if x["what"] == "end"), {})
    if end.get("gc") is not None:
        lines.append(f"  client: garbage collector {end['gc']:.2f} CPU s in {end['gc_runs']} collections (full: "
                     f"{end.get('gc_full', 0.0):.2f} s in {end.get('gc_full_runs', 0)})"
                     + (f"; main thread runnable but waiting for a core {end['sched'][1]:.2f} s in all"
                        if end.get("sched") else ""))
    for who, w in s["workers"].items():
        lines.append(f"  {who}: {w['partitions']} partitions, {w['articles']} articles, {w['first']:.2f}-"
                     f"{w['last']:.2f} s, busy {w['busy']:.2f} s, CPU {w['cpu']:.2f} s, idle between partitions "
                     f"{w['idle_between']:.2f} s (longest {w['longest_gap']:.2f}), first partition "
                     f"{w['first_partition'][0]:.2f} s wall / {w['first_partition'][1]:.2f} CPU")
        if "gap_blocked" in w:
            lines.append(f"    between partitions: ran {w['gap_run']:.2f} s, waited for a core {w['gap_runq']:.2f} s, "
                         f"blocked {w['gap_blocked']:.2f} s; in partitions: waited for a core {w['runq_in']:.2f} s, "
                         f"garbage collector {w['gc']:.2f} CPU s")
    for what, (wall, cpu, n) in sorted(s["client"].items(), key=lambda kv: -kv[1][0]):
        lines.append(f"  client {what}: {n} x, {wall:.2f} s wall, {cpu:.2f} s CPU")
    lines.extend(chart(spans, s["t_start"], s["end"], width))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("timeline", type=Path)
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--width", type=int, default=100)
    args = ap.parse_args()
    print(report(load(args.timeline), args.cores, args.width))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
