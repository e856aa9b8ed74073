#!/usr/bin/env python3
"""Per-site emergency-calling audit: one line per site and emergency number with the route, PSAP,
whether that PSAP is right, and who is notified. Exits 1 when lint finds active errors or a call
reaches the wrong PSAP or no route, so it can gate a CI job as it is.

    PYTHONPATH=build/bindings/python /usr/bin/python3 examples/python/audit.py examples/campus.yaml
"""
import sys

import e911


def main(argv):
    if len(argv) < 2:
        print(f"usage: {argv[0]} CONFIG [CONFIG...]", file=sys.stderr)
        return 2
    try:
        cfg = e911.load(argv[1:])
    except e911.LoadError as err:
        for d in err.diagnostics:
            print(f"{d.file}:{d.line}:{d.column}: {d.severity} [{d.id}] {d.message}", file=sys.stderr)
        return 2

    # One row per (site, dialled string, platform); several LIS locations collapse into the worst case.
    table = {}
    for row in cfg.matrix():
        key = (row.site or f"(no site: {row.user})", row.dialed, row.platform)
        correct = "relay" if row.psap_relay else {True: "yes", False: "NO", None: "?"}[row.psap_correct]
        seen = table.get(key)
        if seen is None or (correct == "NO" and seen[3] != "NO") or (row.outcome != "routed" and seen[0] == "routed"):
            table[key] = (row.outcome, row.route or "-", row.psap or "-", correct, row.notified)

    header = ("SITE", "DIALED", "PLATFORM", "OUTCOME", "ROUTE", "PSAP", "CORRECT", "NOTIFIED")
    lines = [header] + [(k[0], k[1], k[2], *v) for k, v in sorted(table.items())]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip())

    errors = [f for f in cfg.lint() if f.severity == "error" and not f.waived and not f.baselined]
    for f in errors:
        print(f"{f.file}:{f.line}: error [{f.rule}] {f.message}", file=sys.stderr)
    bad_calls = [v for v in table.values() if v[3] == "NO" or v[0] == "no_route"]
    print(f"\n{len(table)} site/number rows, {len(bad_calls)} wrong or unrouted, {len(errors)} lint error(s)")
    return 1 if errors or bad_calls else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
