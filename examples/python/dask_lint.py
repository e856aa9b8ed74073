#!/usr/bin/env python3
"""Lint many tenants' configurations across a local Dask cluster, one task per tenant, and print
one line per tenant (errors, warnings, the most frequent rule). Each worker loads its tenant from
the path (nothing large travels); lint() runs without the GIL, so threads lint in parallel too.

    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/dask_lint.py \\
        tenants/*.yaml [--workers 2] [--threads]
"""
import argparse
import collections
import sys

import e911


def lint_tenant(path):
    """(path, {severity: count}, most frequent rule id or None, load error or None)."""
    try:
        findings = e911.load(path).lint()
    except e911.LoadError as err:
        return path, {}, None, f"{len(err.diagnostics)} load error(s)"
    severities = collections.Counter(f.severity for f in findings)
    rules = collections.Counter(f.rule for f in findings)
    return path, dict(severities), (rules.most_common(1)[0][0] if rules else None), None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("configs", nargs="+")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", action="store_true", help="workers as threads of this process")
    a = ap.parse_args(argv)
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=not a.threads,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        results = client.gather(client.map(lint_tenant, a.configs))
    for path, severities, top, error in results:
        if error:
            print(f"{path}: {error}")
        else:
            print(f"{path}: {severities.get('error', 0)} error(s), {severities.get('warning', 0)} warning(s)"
                  + (f", most often {top}" if top else ""))
    return results


if __name__ == "__main__":
    main()
    sys.exit(0)
