"""Worker memory with the whole bundle loaded (run by hand: `.venv/bin/python bench/memory.py`).

A fresh process does what a gunicorn worker does before serving (``create_app``: bundle verified, every table read
once by the readiness check, callbacks set up), then loads every table of the bundle into the data layer (as the
pages, API and downloads would over time) and the explorer's per-indicator split. Printed: resident set size (RSS)
after each step, and each table's in-memory size (pandas ``memory_usage(deep=True)``) with the types of its text
columns. Each measurement runs in its own process (``--runs``); the median is reported. Each step's RSS is read
after a pause of ``--settle`` seconds (default 1.5): Arrow's jemalloc hands freed pages back to the system after
~1 s (its decay time), as an idle worker's would be; ``--settle 0`` reads it at once. ``--repo`` measures another
checkout (e.g. main) with this script, for a before/after in the same hour.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, gc, time
import psutil
sys.path.insert(0, os.getcwd())
proc = psutil.Process()
SETTLE = float(os.environ["BENCH_SETTLE"])
def rss():
    time.sleep(SETTLE)
    return proc.memory_info().rss / 2**20
out = {"start": rss()}
from dashboard.factory import create_app
from dashboard.settings import Settings
from dashboard import store
app = create_app(Settings.from_env({"RATE_LIMITS": "off", "SNAPSHOTS": "off", "PRIME": "off"}))  # no background drawing
gc.collect()
out["app"] = rss()
b = store.bundle()
tables = {}
for fname in sorted(b.manifest["tables"]):
    if fname.endswith(".parquet"):
        name = fname[:-8]
        df = b.table(name)
        text = sorted({str(t) for t in df.dtypes if str(t) not in ("int64", "float64", "int32", "bool", "Int64",
                                                                      "float32", "int16", "int8", "boolean")})
        tables[name] = [len(df), df.memory_usage(deep=True).sum() / 2**20, text]
gc.collect()
out["tables"] = rss()
b.by_indicator
gc.collect()
out["by_indicator"] = rss()
with app.server.test_client() as c:
    for url in ["/", "/country/BIH", "/flows", "/displacement", "/trafficking", "/routes", "/missing-migrants"]:
        assert c.get(url).status_code == 200, url
gc.collect()
out["pages"] = rss()
out["sizes"] = tables
out["geo_imported"] = "geopandas" in sys.modules
print(json.dumps(out))
"""


def one(repo: Path, settle: float) -> dict:
    proc = subprocess.run([sys.executable, "-c", CHILD], cwd=repo, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "RATE_LIMITS": "off", "BENCH_SETTLE": str(settle)})
    if proc.returncode:
        raise RuntimeError(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--settle", type=float, default=1.5, help="seconds to wait before reading each step's RSS")
    ap.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure (default: this one)")
    args = ap.parse_args()
    runs = [one(args.repo.resolve(), args.settle) for _ in range(args.runs)]
    print(f"{args.repo.resolve()}: load average {os.getloadavg()[0]:.2f}; {args.runs} fresh processes, median RSS "
          f"(MiB), read {args.settle:g} s after each step; geopandas imported by the worker: "
          f"{runs[0]['geo_imported']}")
    print("| step | RSS MiB (median) | min | max |\n|---|---|---|---|")
    for step, label in (("start", "interpreter"), ("app", "create_app (bundle verified, readiness read)"),
                        ("tables", "+ every table loaded"), ("by_indicator", "+ explorer's per-indicator split"),
                        ("pages", "+ one visit to each page's first view (cards cached)")):
        vals = [r[step] for r in runs]
        print(f"| {label} | {statistics.median(vals):.0f} | {min(vals):.0f} | {max(vals):.0f} |")
    sizes = runs[0]["sizes"]
    total = sum(v[1] for v in sizes.values())
    print(f"\ntables in memory: {total:.0f} MiB (pandas deep size)")
    print("| table | rows | MiB | text column types |\n|---|---|---|---|")
    for name, (rows, mib, text) in sorted(sizes.items(), key=lambda kv: -kv[1][1])[:12]:
        print(f"| {name} | {rows:,} | {mib:.1f} | {', '.join(text)} |")


if __name__ == "__main__":
    main()
