"""Load test of GET /api/events on loopback: a store of N synthetic events, `rasd serve` in its own process, and a
lean keep-alive client (bench/loadgen.py) sending a bounded number of requests at a fixed concurrency. Prints
requests/s, latency percentiles, errors, and the CPU the server and the client each spent per request. Run on demand
(not in CI):

    PYTHONPATH=. python bench/bench_api.py                       # 100,000 events, 2,000 requests, 50 concurrent
    PYTHONPATH=. python bench/bench_api.py --events 20000 --requests 500 --concurrency 20 --db /tmp/b.db --keep
    PYTHONPATH=. python bench/bench_api.py --db /tmp/b.db --reuse --workers 1   # one server process
    PYTHONPATH=. python bench/bench_api.py --db /tmp/b.db --reuse --client httpx --clients 3  # the old client
    PYTHONPATH=. python bench/bench_api.py --db /tmp/old.db --reuse --serve /other/checkout/.venv/bin/python \
        -m rasd serve --db {db} --port {port} -q --log-level warning    # another version's server (its own venv)

Only 127.0.0.1 is ever contacted; the run stops after --requests requests or --max-seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import loadgen  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from rasd.api.timing import TIMING_ENV  # noqa: E402
from rasd.export import geojson_feature_text  # noqa: E402
from rasd.model import Event, Span  # noqa: E402
from rasd.store.names import index_events  # noqa: E402
from rasd.store.repository import Repository  # noqa: E402
from rasd.store.schema import EventActorRow, EventRow  # noqa: E402

PLACES = [("Iraq", "IRQ", "Al-Anbar", 33.4, 42.0), ("Iraq", "IRQ", "Baghdad", 33.3, 44.4),
          ("Iraq", "IRQ", "Ninewa", 36.3, 43.1), ("Iraq", "IRQ", "Diyala", 33.8, 45.0),
          ("Iraq", "IRQ", "Salah Al-Din", 34.6, 43.7), ("Iraq", "IRQ", "Kirkuk", 35.5, 44.4),
          ("Syria", "SYR", "Aleppo", 36.2, 37.2), ("Syria", "SYR", "Deir ez-Zor", 35.3, 40.1),
          ("Syria", "SYR", "Idlib", 35.9, 36.6), ("Turkey", "TUR", None, 37.9, 40.2)]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Violence against civilians", "Attack"),
         ("Protests", "Peaceful protest"), ("Strategic developments", "Arrests")]
ACTORS = ["Islamic State", "Military Forces of Iraq", "Popular Mobilization Forces", "Military Forces of Syria",
          "Military Forces of Turkey", "PKK: Kurdistan Workers Party", "Civilians (Iraq)", "Civilians (Syria)",
          "Unidentified Armed Group (Iraq)", "Global Coalition Against Daesh"]
TEXT = "هاجم مسلحون من تنظيم داعش نقطة للجيش العراقي قرب الرطبة فقتلوا جنديين وأصابوا أربعة آخرين."


def synthetic_rows(n: int, seed: int = 7) -> list[dict]:
    """n events spread over 2014-2020 and ten regions, each with the full contract object and evidence spans."""
    rng = random.Random(seed)
    start = date(2014, 1, 1)
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for i in range(n):
        country, iso3, admin1, lat, lon = rng.choice(PLACES)
        event_type, sub = rng.choice(TYPES)
        a1, a2 = rng.sample(ACTORS, 2)
        ev = Event(event_id=f"syn-{i:07d}", article_ids=[f"{i:064x}"], sources=["synthetic"],
                   event_date=start + timedelta(days=rng.randrange(7 * 365)), time_precision=1,
                   disorder_type="Political violence", event_type=event_type, sub_event_type=sub, actor1=a1,
                   actor2=a2, country=country, iso3=iso3, admin1=admin1, location=admin1 or country,
                   latitude=round(lat + rng.uniform(-0.8, 0.8), 4), longitude=round(lon + rng.uniform(-0.8, 0.8), 4),
                   geo_precision=2, fatalities=rng.choice([0, 0, 0, 1, 2, 3, 5, 12]), weapon="small arms",
                   notes=f"Synthetic event {i}.", confidence=0.5,
                   evidence={"actor1": Span.of(TEXT, 15, 25), "location": Span.of(TEXT, 49, 55),
                             "fatalities": Span.of(TEXT, 57, 69)})
        rows.append({"event_id": ev.event_id, "event_date": ev.event_date, "time_precision": 1,
                     "disorder_type": ev.disorder_type, "event_type": event_type, "sub_event_type": sub,
                     "actor1": a1, "actor2": a2, "civilian_targeting": False, "country": country, "iso3": iso3,
                     "admin1": admin1, "location": ev.location, "latitude": ev.latitude, "longitude": ev.longitude,
                     "geo_precision": 2, "fatalities": ev.fatalities, "weapon": ev.weapon, "modality": "occurred",
                     "background": False, "confidence": 0.5, "data": ev.to_dict(),
                     "feature": geojson_feature_text(ev.to_dict()), "created_at": now,
                     "updated_at": now})
    return rows


def build_store(path: str, n: int) -> float:
    """A store holding exactly n synthetic events (bulk insert, chunked); the seconds it took."""
    t0 = time.perf_counter()
    with Repository(path) as repo, repo.engine.begin() as conn:
        conn.execute(EventActorRow.__table__.delete())
        conn.execute(EventRow.__table__.delete())
        rows = synthetic_rows(n)
        for i in range(0, n, 5000):
            conn.execute(insert(EventRow), rows[i:i + 5000])
            index_events(conn, rows[i:i + 5000])  # search names and actor links: what the filters look up
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request_mix(n: int, seed: int = 11) -> list[dict]:
    """What a dashboard and API clients ask: first pages, filtered pages, deeper pages, GeoJSON."""
    rng = random.Random(seed)
    mix = []
    for _ in range(n):
        params: dict = {"limit": rng.choice([50, 100, 100, 200])}
        kind = rng.random()
        if kind < 0.25:
            params["country"] = rng.choice(["Iraq", "SYR"])
        elif kind < 0.45:
            params["admin1"] = rng.choice([p[2] for p in PLACES if p[2]])
        elif kind < 0.6:
            params["type"] = rng.choice(TYPES)[0]
        elif kind < 0.75:
            y = rng.randrange(2014, 2021)
            params.update(since=f"{y}-01-01", until=f"{y}-06-30")
        elif kind < 0.85:
            params["actor"] = rng.choice(["islamic", "military forces", "pkk"])
        if rng.random() < 0.2:
            params["offset"] = rng.randrange(0, 5000)
        if rng.random() < 0.1:
            params["format"] = "geojson"
        mix.append(params)
    return mix


async def load_httpx(base: str, mix: list[dict], concurrency: int,
                     max_seconds: float) -> tuple[list[float], list[str], float]:
    """The old client (httpx, answers parsed as JSON): kept to compare with, `--client httpx`."""
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue = asyncio.Queue()
    for params in mix:
        queue.put_nowait(params)
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, timeout=30.0, limits=limits) as client:
        async def worker() -> None:
            while not queue.empty() and time.perf_counter() < deadline:
                params = queue.get_nowait()
                t = time.perf_counter()
                try:
                    r = await client.get("/api/events", params=params)
                    if r.status_code != 200:
                        errors.append(f"HTTP {r.status_code}: {r.text[:120]}")
                    else:
                        r.json()
                except httpx.HTTPError as exc:
                    errors.append(f"{type(exc).__name__}: {exc}")
                latencies.append(time.perf_counter() - t)

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    return latencies, errors, elapsed


def _client_process(job: tuple[str, str, list[dict], int, float, int]) -> tuple[list[float], list[str], float,
                                                                               float, list[int]]:
    """One client process: its share of the requests at its share of the concurrency, the CPU it spent, and which
    request of its share each latency is of (the lean client only; the httpx one gives none)."""
    kind, base, mix, concurrency, max_seconds, verify_every = job
    if kind == "httpx":
        cpu = time.process_time()
        latencies, errors, elapsed = asyncio.run(load_httpx(base, mix, concurrency, max_seconds))
        return latencies, errors, elapsed, time.process_time() - cpu, []
    host, port = base.rsplit("/", 1)[1].split(":")
    result = loadgen.run(host, int(port), loadgen.encode_requests(host, "/api/events", mix), concurrency,
                         max_seconds, verify_every)
    return result.latencies, result.errors, result.elapsed_s, result.cpu_s, result.order


def run_clients(kind: str, base: str, mix: list[dict], concurrency: int, max_seconds: float, clients: int,
                verify_every: int) -> tuple[list[float], list[str], float, float, list[int]]:
    """The load from `clients` processes (the requests dealt round-robin, the concurrency split):
    (latencies, errors, elapsed seconds, client CPU seconds, the index in `mix` of each latency's request)."""
    if clients <= 1:
        return _client_process((kind, base, mix, concurrency, max_seconds, verify_every))
    from concurrent.futures import ProcessPoolExecutor

    jobs = [(kind, base, mix[i::clients], max(1, concurrency // clients), max_seconds, verify_every)
            for i in range(clients)]
    with ProcessPoolExecutor(clients) as pool:
        parts = list(pool.map(_client_process, jobs))
    return ([x for p in parts for x in p[0]], [x for p in parts for x in p[1]], max(p[2] for p in parts),
            sum(p[3] for p in parts), [i + k * clients for i, p in enumerate(parts) for k in p[4]])


def request_class(params: dict) -> str:
    """What kind of request this is, for the per-class latencies: its filter, GeoJSON or not, first page or not."""
    kind = next((k for k in ("country", "admin1", "type", "since", "actor") if k in params), "none")
    return kind + (":geojson" if params.get("format") == "geojson" else "") + (":offset" if "offset" in params else "")


def percentiles(values: list[float]) -> dict[str, float]:
    """n, p50, p95, p99 and max of seconds, in milliseconds."""
    if not values:
        return {"n": 0}
    q = statistics.quantiles(values, n=100) if len(values) > 1 else [values[0]] * 99
    return {"n": len(values), "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1),
            "p99_ms": round(q[98] * 1000, 1), "max_ms": round(max(values) * 1000, 1)}


def client_classes(mix: list[dict], latencies: list[float], order: list[int]) -> dict[str, dict]:
    """Client latencies per request class, and of the slowest 5% how many fell in each class."""
    by: dict[str, list[float]] = {}
    for latency, i in zip(latencies, order, strict=True):
        by.setdefault(request_class(mix[i]), []).append(latency)
    cut = sorted(latencies)[int(len(latencies) * 0.95)] if latencies else 0.0
    slow: dict[str, int] = {}
    for latency, i in zip(latencies, order, strict=True):
        if latency >= cut:
            slow[request_class(mix[i])] = slow.get(request_class(mix[i]), 0) + 1
    return {c: {**percentiles(v), "in_slowest_5pct": slow.get(c, 0)} for c, v in sorted(by.items())}


def server_timing(folder: Path) -> dict:
    """The server's own time per request (rasd.api.timing lines of every worker) by what the caches did: hits (of
    the process's own raw answers, or of those another worker shared), renders (on the event loop, or on a render
    thread), renders that also counted the filter's totals, and requests that waited for another's render."""
    lines = [json.loads(line) for f in folder.glob("timing-*.jsonl") for line in f.read_text().splitlines()]
    lines = [x for x in lines if x["path"] == "/api/events"]
    by: dict[str, list[float]] = {}
    render_s: list[float] = []
    for x in lines:
        outcome = ("shared-hit" if x.get("shared-hit") else "response-hit" if x.get("response-hit")
                   else "index-miss" if x.get("index-miss")
                   else ("render-thread" if "thread-start" in x else "render") if "render-s" in x
                   else "waited-for-render" if x.get("render") else "page-hit")
        by.setdefault(outcome, []).append(x["s"])
        if "render-s" in x:
            render_s.append(x["render-s"])
    cut = sorted(x["s"] for x in lines)[int(len(lines) * 0.95)] if lines else 0.0
    return {"requests": len(lines), "processes": len({x["pid"] for x in lines}),
            "by_outcome": {k: {**percentiles(v), "sum_s": round(sum(v), 2)} for k, v in sorted(by.items())},
            "render_thread_s": {**percentiles(render_s), "sum_s": round(sum(render_s), 2)},
            "slowest_5pct_by_outcome": {k: sum(1 for s in v if s >= cut) for k, v in sorted(by.items())}}


def wait_healthy(port: int, proc: subprocess.Popen, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with code {proc.returncode}")
        try:
            if asyncio.run(loadgen.get_once("127.0.0.1", port, "/api/health"))[0] == 200:
                return
        except (TimeoutError, OSError, asyncio.IncompleteReadError, loadgen.HttpError):
            pass
        time.sleep(0.3)
    raise SystemExit("server did not become healthy")


def wait_settled(pid: int, timeout_s: float = 60.0, quiet_cpu_s: float = 0.03, every_s: float = 0.5) -> None:
    """Wait until the server (every worker) has used less than `quiet_cpu_s` of CPU for `every_s`: each worker loads
    the KB's names and the store's rollup before it accepts connections, and a worker still starting when the load
    begins gets none of the fifty keep-alive connections opened at once (a split of 11/39 between two workers, which
    then lasted the whole run: one worker queued three times the other's requests). Where /proc is missing, or the
    server never settles (a busy machine), it gives up after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    before = process_cpu_s(pid, digits=3)
    while before is not None and time.monotonic() < deadline:
        time.sleep(every_s)
        now = process_cpu_s(pid, digits=3)
        if now is None or now - before < quiet_cpu_s:
            return
        before = now


def process_cpu_s(pid: int, digits: int = 1) -> float | None:
    """CPU seconds (user + system) of a process and its live children (uvicorn's workers), from /proc; None
    where there is no /proc."""
    def own(p: int) -> float:
        fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    try:
        total = own(pid)
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    total += own(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        return round(total, digits)
    except (OSError, ValueError, IndexError):
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=50)
    ap.add_argument("--max-seconds", type=float, default=300.0)
    ap.add_argument("--db", default=None, help="Store to build (default: a temporary file)")
    ap.add_argument("--reuse", action="store_true", help="Reuse --db as it is (no rebuild)")
    ap.add_argument("--keep", action="store_true", help="Keep the store afterwards")
    ap.add_argument("--workers", type=int, default=None,
                    help="Server processes (`rasd serve --workers`; default: its own default, one per core)")
    ap.add_argument("--clients", type=int, default=1, help="Client processes sharing --concurrency")
    ap.add_argument("--client", choices=["lean", "httpx"], default="lean",
                    help="lean: raw asyncio keep-alive client (bench/loadgen.py); httpx: the old client, for comparison")
    ap.add_argument("--verify-every", type=int, default=10,
                    help="lean client: parse every Nth answer in full as JSON (all are checked for status and shape)")
    ap.add_argument("--timing", default=None, metavar="DIR",
                    help="Have the server log its time per request and what its caches did (rasd.api.timing) into "
                         "DIR, and report it by outcome beside the client's latencies per request class")
    ap.add_argument("--serve", nargs=argparse.REMAINDER, default=None,
                    help="Another server command to measure instead of this checkout's `rasd serve` (e.g. another "
                         "worktree's python -m rasd serve); {db} and {port} are filled in")
    args = ap.parse_args()

    tmp = None
    if args.db is None:
        tmp = tempfile.mkdtemp(prefix="rasd-bench-api-")
        args.db = os.path.join(tmp, "bench.db")
    build_s = 0.0 if args.reuse else build_store(args.db, args.events)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    if args.timing:
        for old in Path(args.timing).glob("timing-*.jsonl"):
            old.unlink()
        env[TIMING_ENV] = args.timing
    if args.serve:
        command = [part.format(db=os.path.abspath(args.db), port=port) for part in args.serve]
        env = dict(os.environ)
    else:
        command = [sys.executable, "-m", "rasd", "serve", "--db", args.db, "--host", "127.0.0.1", "--port",
                   str(port), "--log-level", "warning", "-q",
                   *(["--workers", str(args.workers)] if args.workers else [])]
    # Another version's server starts in a neutral folder: `python -m rasd` puts its working folder first on the
    # import path, so started from this checkout it would import this checkout's rasd, not its own venv's (the
    # "main / this branch" pairs measured before 2026-12-06 11:40 were this branch against itself).
    proc = subprocess.Popen(command, env=env, cwd=tempfile.gettempdir() if args.serve else None)
    try:
        wait_healthy(port, proc)
        wait_settled(proc.pid)  # every worker up and warmed, listening
        server_cpu0 = process_cpu_s(proc.pid)
        load0 = os.getloadavg()[0]
        mix = request_mix(args.requests)
        latencies, errors, elapsed, client_cpu, order = run_clients(args.client, base, mix, args.concurrency,
                                                                    args.max_seconds, args.clients,
                                                                    args.verify_every)
        server_cpu1 = process_cpu_s(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if tmp and not args.keep:
            for f in Path(tmp).glob("*"):
                f.unlink()
            os.rmdir(tmp)
    server_cpu = (round(server_cpu1 - server_cpu0, 1)
                  if server_cpu0 is not None and server_cpu1 is not None else None)
    n = len(latencies)
    q = statistics.quantiles(latencies, n=100) if n > 1 else [latencies[0]] * 99
    report = {
        "events_in_store": args.events, "store_build_s": round(build_s, 1), "requests": n,
        "concurrency": args.concurrency, "workers": args.workers or "default", "client": args.client,
        "clients": args.clients, "elapsed_s": round(elapsed, 2), "requests_per_s": round(n / elapsed, 1),
        "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1), "p99_ms": round(q[98] * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1), "errors": len(errors), "first_errors": errors[:3],
        "cpu_count": os.cpu_count(), "load_average_1m_before": round(load0, 1),
        "load_average_1m_after": round(os.getloadavg()[0], 1),
        # CPU the client and the server (every worker) spent during the load only: on a shared machine both compete
        # with other jobs for the same cores, so CPU per request is the figure that does not depend on the neighbours.
        "client_cpu_s": round(client_cpu, 2), "server_cpu_s": server_cpu,
        "client_cpu_ms_per_request": round(client_cpu * 1000 / n, 2),
        "server_cpu_ms_per_request": round(server_cpu * 1000 / n, 2) if server_cpu is not None else None,
    }
    if args.timing:
        report["client_by_class"] = client_classes(mix, latencies, order) if order else None
        report["server_timing"] = server_timing(Path(args.timing))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
