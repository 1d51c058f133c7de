"""Check that a performance change leaves every rasd output unchanged: dump, then compare against a saved baseline.

    python bench/same_output.py save DIR     # on the tree before the change (or on main before merging)
    python bench/same_output.py check DIR    # on the changed tree: exits 1 and names the files that differ

Dumps (each a subprocess of this tree, so the check covers exactly what the scripts run):
  - bench/dump_events.py --limit 600 --mentions: every event and mention of bench_pipeline's 600 corpus articles;
  - scripts/eval_events.py --dump, on train+dev and on the learning sets (eval_events.LEARNING_SETS), with the model deciding and with
    the rules deciding (the dump holds each article's system events and the match detail).
`--only NAME...` runs a subset (names: corpus, td_model, td_rules, ls_model, ls_rules).
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_events import LEARNING_SETS  # noqa: E402

LEARNING = list(LEARNING_SETS)  # (the registered learning sets, whichever they are)
EVAL = [sys.executable, "scripts/eval_events.py"]
DUMPS = {
    "corpus": lambda out: [sys.executable, "bench/dump_events.py", out, "--limit", "600", "--mentions"],
    "td_model": lambda out: [*EVAL, "--dump", out],
    "td_rules": lambda out: [*EVAL, "--decide", "rules", "--dump", out],
    "ls_model": lambda out: [*EVAL, "--sets", *LEARNING, "--dump", out],
    "ls_rules": lambda out: [*EVAL, "--sets", *LEARNING, "--decide", "rules", "--dump", out],
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["save", "check"])
    ap.add_argument("dir")
    ap.add_argument("--only", nargs="+", choices=sorted(DUMPS))
    args = ap.parse_args()
    base = Path(args.dir)
    base.mkdir(parents=True, exist_ok=True)
    differ = []
    for name in args.only or DUMPS:
        target = base / f"{name}.jsonl" if args.mode == "save" else base / f"{name}.new.jsonl"
        subprocess.run(DUMPS[name](str(target)), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        if args.mode == "check":
            same = filecmp.cmp(base / f"{name}.jsonl", target, shallow=False)
            print(f"{name}: {'same' if same else 'DIFFERENT'}")
            if not same:
                differ.append(name)
        else:
            print(f"{name}: saved {target}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
