"""Gazetteer speed: cold load time, surface-form count, resolve/s and admin_for_point/s.

    PYTHONPATH=. python bench/bench_gazetteer.py [--n 50000]

Run on demand; figures go in reports, never into tests.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time


def cold_load_seconds() -> float:
    """Load in a fresh interpreter so no cache or warmed import helps."""
    code = ("import time; t=time.perf_counter(); from rasd.kb.gazetteer import load_gazetteer; "
            "load_gazetteer(); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=50_000, help="number of resolve calls")
    args = ap.parse_args()
    loads = sorted(cold_load_seconds() for _ in range(3))
    print(f"cold load (import + load_gazetteer), median of 3: {loads[1]:.3f} s")

    from rasd.kb.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    t = time.perf_counter()
    pairs = list(gaz.surface_forms())
    print(f"surface_forms: {len(pairs)} (form, id) pairs, {len({f for f, _ in pairs})} forms, "
          f"{time.perf_counter() - t:.3f} s")
    forms = sorted({f for f, _ in pairs})
    rng = random.Random(7)
    sample = [rng.choice(forms) for _ in range(args.n)]
    t = time.perf_counter()
    for f in sample:
        gaz.resolve(f)
    dt = time.perf_counter() - t
    print(f"resolve (no context): {args.n / dt:,.0f} /s")
    t = time.perf_counter()
    for f in sample:
        gaz.resolve(f, context_iso3=("IRQ", "SYR"), context_admin1=("Al-Anbar",))
    dt = time.perf_counter() - t
    print(f"resolve (with context): {args.n / dt:,.0f} /s")
    t = time.perf_counter()
    gaz.admin_for_point(33.42, 43.30)
    print(f"admin index build (first point lookup): {time.perf_counter() - t:.3f} s")
    pts = [(rng.uniform(29.0, 37.5), rng.uniform(35.5, 48.5)) for _ in range(5000)]
    t = time.perf_counter()
    for lat, lon in pts:
        gaz.admin_for_point(lat, lon)
    dt = time.perf_counter() - t
    print(f"admin_for_point (Iraq/Syria box): {len(pts) / dt:,.0f} /s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
