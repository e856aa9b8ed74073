#!/usr/bin/env python3
"""Batch through Python: rows/s of Config.simulate_many() into Trace rows, load excluded.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bench/py_batch.py [--size L] [--calls N] [--reps 3]

Reads bench/out/SIZE.json and the first N calls of SIZE-calls.csv (from bench/gen; the log is repeated
when N is larger), loads the configuration once, then times `list(cfg.simulate_many(calls))` (every
row a Trace or CallbackAnswer, as a caller gets them), the same with one attribute of each row read
(`outcome`: a row's nested objects are made on first use, so this is the cost of using them), and
`to_row()` of each row (the flat dict a table or DataFrame takes), with and without the step-by-step
trace (trace=False), in CPU time of the process (simulate_many runs on the calling thread). Prints
medians with [min-max] ranges.
"""
import argparse
import csv
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def calls_of(out, size, n):
    with open(os.path.join(out, f"{size}-calls.csv"), newline="") as f:
        rows = [{k: v for k, v in row.items() if v} for _, row in zip(range(n), csv.DictReader(f))]
    return [rows[i % len(rows)] for i in range(n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="L")
    ap.add_argument("--calls", type=int, default=100_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    a = ap.parse_args()
    import e911

    t = time.perf_counter()
    cfg = e911.load(os.path.join(a.out, f"{a.size}.json"))
    print(f"{a.size}: load {time.perf_counter() - t:.2f} s", flush=True)
    calls = calls_of(a.out, a.size, a.calls)
    for label, use, trace in (("objects", None, True), ("+ .outcome", "attribute", True), ("+ to_row()", "row", True),
                              ("trace=False", None, False), ("+ .outcome", "attribute", False),
                              ("+ to_row()", "row", False)):
        rates = []
        rows = None  # the previous mode's rows, freed: else the cycle collector visits them during this mode
        for _ in range(a.reps):
            t = time.process_time()  # CPU time of this process: steadier than the wall clock on a loaded machine
            if use == "row":
                for r in cfg.simulate_many(calls, trace=trace):
                    r.to_row()
            else:
                rows = None  # the last rep's rows go before these are made, not after
                rows = list(cfg.simulate_many(calls, trace=trace))
                assert len(rows) == len(calls)
                if use == "attribute":
                    assert all(getattr(r, "outcome", "callback") for r in rows)
            rates.append(len(calls) / (time.process_time() - t))
        print(f"  simulate_many {label:13} {statistics.median(rates):>10,.0f}  [{min(rates):,.0f}-{max(rates):,.0f}] rows/s",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
