#!/usr/bin/env python3
"""Replay call logs across a local Dask cluster: one task per call log (a day of call records, one
tenant's log), outcomes counted per log and in total. The Config is loaded once here and shipped
to the workers (it pickles as how it was loaded); each worker simulates with simulate_many(), which
runs without the GIL, so threads of one worker simulate in parallel too.

Each log is replayed on its own: an ELIN callback row sees the emergency calls of its own log only,
as when one log is one day or one tenant.

    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/dask_replay.py \\
        bench/out/L.json day1.jsonl day2.csv [--workers 2] [--threads]
"""
import argparse
import collections
import csv
import json
import sys

import e911


def read_calls(path):
    """A call log as dicts: JSON Lines (one object a line) or CSV with a header row."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        first = f.readline()
        f.seek(0)
        if first.lstrip().startswith("{"):
            for line in f:
                if line.strip():
                    yield json.loads(line)
        else:
            for row in csv.DictReader(f):
                yield {k: v for k, v in row.items() if v}


def replay(config, path):
    """Outcome counts of one call log: outcome of each call, `callback rings` / `callback nobody`."""
    counts = collections.Counter()
    for answer in config.simulate_many(read_calls(path)):
        row = answer.to_dict()
        if row.get("kind") == "callback":
            counts["callback rings" if row.get("rings") else "callback nobody"] += 1
        else:
            counts[row.get("outcome") or "?"] += 1
    return path, dict(counts)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config")
    ap.add_argument("logs", nargs="+")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", action="store_true", help="workers as threads of this process (no pickling)")
    a = ap.parse_args(argv)
    from dask.distributed import Client, LocalCluster

    config = e911.load(a.config)
    with LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=not a.threads,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        shipped = client.scatter(config, broadcast=True)
        results = client.gather(client.map(replay, [shipped] * len(a.logs), a.logs))
    total = collections.Counter()
    for path, counts in results:
        total.update(counts)
        print(f"{path}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("total: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    return dict(total)


if __name__ == "__main__":
    main()
    sys.exit(0)
