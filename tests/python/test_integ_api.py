"""Python arguments that do not mislead: one string is one rule id or category, diff takes paths,
simulate_many rows are the CLI's batch rows, wrong types raise TypeError naming the parameter."""
import json
import subprocess

import pytest

import e911
from conftest import CLI, ROOT

CAMPUS = str(ROOT / "examples" / "campus.yaml")


def test_lint_select_takes_one_string_as_one_id_or_category():
    cfg = e911.load(ROOT / "examples" / "multi-psap.yaml")
    psap = [f.rule for f in cfg.lint(select="psap")]
    assert psap and set(psap) <= {"psap-mismatch", "psap-relay", "psap-unknown"}
    assert [f.rule for f in cfg.lint(select="psap-mismatch")] == ["psap-mismatch"]
    assert cfg.lint(select="psap,numbers") == cfg.lint(select=["psap", "numbers"])
    bern = e911.load(ROOT / "examples" / "bern.yaml")
    numbers = {r.id for r in e911.rules() if r.category == "numbers"}
    assert bern.lint(select="numbers") == bern.lint(select=["numbers"])
    assert {f.rule for f in bern.lint(select="numbers")} <= numbers
    assert "psap-mismatch" not in [f.rule for f in cfg.lint(ignore="psap-mismatch")]
    with pytest.raises(TypeError, match="`select`"):
        cfg.lint(select=7)
    with pytest.raises(TypeError, match="`ignore`"):
        cfg.lint(ignore=[b"psap"])


def test_diff_takes_paths_or_configs():
    old, new = ROOT / "examples" / "multi-psap.yaml", str(ROOT / "examples" / "multi-psap-fixed.yaml")
    by_path = e911.diff(old, new)
    assert by_path == e911.diff(e911.load(old), e911.load(new))
    assert not by_path.worse and e911.diff(new, old).worse
    with pytest.raises(TypeError, match=r"diff\(\): `new` must be a path"):
        e911.diff(old, 3)


def test_simulate_many_rows_equal_the_cli_batch_rows(tmp_path):
    calls = [{"dialed": "911", "ip": "10.10.1.5/24", "user": "alice@contoso.edu", "time": "2026-11-21T10:00:00Z"},
             {"dialed": "9911", "ip": "10.20.3.4/20", "bssid": "f0:6e:0b:c2:21:aa", "time": 1795255300, "duration": 60},
             {"kind": "callback", "elin": "+12175550101", "time": "2026-11-21T10:20:00Z"}]
    log = tmp_path / "calls.jsonl"
    log.write_text("".join(json.dumps(c) + "\n" for c in calls))
    out = subprocess.run([CLI, "simulate", CAMPUS, "--calls", str(log)], capture_output=True, text=True, check=True)
    cli_rows = [json.loads(line) for line in out.stdout.splitlines()]
    py_rows = [r.to_dict() for r in e911.load(CAMPUS).simulate_many(calls)]
    assert py_rows == cli_rows
    assert [r["row"] for r in py_rows] == [1, 2, 3] and py_rows[2]["kind"] == "callback"


def test_no_trace_rows_are_the_full_rows_without_their_trace(tmp_path):
    calls = [{"dialed": "911", "ip": "10.10.1.5/24", "user": "alice@contoso.edu", "time": "2026-11-21T10:00:00Z"},
             {"dialed": "911", "ip": "10.99.0.1/24"},
             {"kind": "callback", "elin": "+12175550101", "time": "2026-11-21T10:20:00Z"}]
    log = tmp_path / "calls.jsonl"
    log.write_text("".join(json.dumps(c) + "\n" for c in calls))

    def cli(*extra):
        out = subprocess.run([CLI, "simulate", CAMPUS, "--calls", str(log), *extra], capture_output=True, text=True, check=True)
        return [json.loads(line) for line in out.stdout.splitlines()]

    full, brief = cli(), cli("--no-trace")
    assert full[0]["trace"] and full[0]["psap_reason"]
    assert brief == [{k: v for k, v in row.items() if k != "trace"} for row in full]
    assert [r.to_dict() for r in e911.load(CAMPUS).simulate_many(calls, trace=False)] == brief
    with pytest.raises(TypeError, match="`trace`"):
        list(e911.load(CAMPUS).simulate_many(calls, trace="no"))
    one = subprocess.run([CLI, "simulate", CAMPUS, "--dial", "911", "--no-trace"], capture_output=True, text=True)
    assert one.returncode == 2 and "--no-trace is for --calls" in one.stderr


def test_wrong_argument_types_raise_type_error_naming_the_parameter():
    cfg = e911.load(CAMPUS)
    with pytest.raises(TypeError, match=r"simulate\(\): `dialed` must be a str, not int"):
        cfg.simulate(911)
    with pytest.raises(TypeError, match="`ip`"):
        cfg.simulate("911", ip=("10.10.1.5", 24))
    with pytest.raises(TypeError, match=r"calls\[1\]"):
        list(cfg.simulate_many([{"dialed": "911"}, "911"]))
    with pytest.raises(TypeError, match=r"simulate_many\(\): `calls\[0\]\['time'\]` must be a str or int, not float"):
        list(cfg.simulate_many([{"dialed": "911", "time": 1.5}]))
    # Checked in C++ (Session.run), worded as before; the index counts across chunks.
    calls = [{"dialed": "911", "user": "alice@contoso.edu", "ip": "10.10.1.5/24"}] * 3
    with pytest.raises(TypeError, match=r"`calls\[4\]\['emergency'\]` must be a str or int, not bool"):
        list(cfg.simulate_many(calls + [{"dialed": "911"}, {"dialed": "911", "emergency": True}], chunk=2))
    with pytest.raises(TypeError, match=r"`calls\[0\]\[7\]` must be a str or int, not str"):
        list(cfg.simulate_many([{7: "911"}]))
    with pytest.raises(TypeError, match=r"`calls\[0\]\['ip'\]` must be a str or a list of str, not list"):
        list(cfg.simulate_many([{"dialed": "911", "ip": ["10.10.1.5/24", 5]}]))
    with pytest.raises(TypeError, match=r"`calls\[0\]\['ip'\]` must be a str or a list of str, not tuple"):
        list(cfg.simulate_many([{"dialed": "911", "ip": ()}]))
    with pytest.raises(TypeError, match=r"`calls\[0\]\['bssid'\]` must be a str or int, not list"):
        list(cfg.simulate_many([{"dialed": "911", "bssid": ["a"]}]))
    rows = list(cfg.simulate_many([{"dialed": 911, "user": "alice@contoso.edu", "ip": "10.10.1.5/24", "bssid": None}]))
    assert rows[0].to_dict()["dialed"] == "911"  # an int is its digits; None is no value
    with pytest.raises(TypeError, match=r"load\(\): `path`"):
        e911.load(42)
    with pytest.raises(TypeError, match=r"loads\(\): `text`"):
        e911.loads(b"version: 1")


def test_simulate_many_of_a_configuration_past_the_look_ahead_line_answers_as_single_calls(tmp_path):
    # 100,000 more subnets put the campus past the line where batches look ahead (prefetching the rows
    # to come); each row must still answer as that call simulated alone.
    text = (ROOT / "examples" / "campus.yaml").read_text()
    at = text.index("  subnets:\n") + len("  subnets:\n")
    extra = "".join(f"    - {{prefix: 172.{16 + (n >> 14)}.{(n >> 6) & 255}.{(n & 63) * 4}/30, site: gym}}\n"
                    for n in range(100_000))
    big = tmp_path / "big.yaml"
    big.write_text(text[:at] + extra + text[at:])
    cfg = e911.load(big)
    ips = ["10.10.1.5/24", "10.10.2.9/24", "10.20.3.4/20", "172.16.0.5", "172.17.3.9/30", "192.0.2.1"]
    calls = [{"dialed": ["911", "9911", "933"][n % 3], "ip": ips[n % len(ips)], "user": "alice@contoso.edu"}
             for n in range(300)]
    calls[7]["bssid"] = "f0:6e:0b:c2:21:aa"
    rows = list(cfg.simulate_many(calls))
    assert len(rows) == len(calls)
    for call, row in zip(calls, rows):
        alone = cfg.simulate(**call).to_dict()
        for key in ("site", "location", "address", "route", "gateways", "psap", "calling_number", "outcome"):
            assert row[key] == alone[key], (call, key)
    calls[40]["ip"] = "bad"  # a row that cannot be read, among rows being looked ahead at
    with pytest.raises(e911.UsageError, match="call 41: ip: `bad`"):
        list(cfg.simulate_many(calls))


def test_rows_dropped_as_they_come_answer_as_rows_kept(campus):
    # simulate_many fills the Trace of a row the caller has dropped again for a later row (TracePool):
    # every answer, PIDF-LO and step-by-step trace included, must be the one a fresh Trace gets, and a
    # row the caller keeps must never be filled again underneath it.
    ips = ["10.10.1.5/24", "10.10.2.9/24", "10.20.3.4/20", "192.0.2.1", "10.10.4.7/24"]
    calls = [{"dialed": ["911", "9911", "933", "5551234", "112"][n % 5], "ip": ips[(n // 5) % len(ips)]} for n in range(200)]
    for n in range(0, 200, 7):
        calls[n]["user"] = "alice@contoso.edu"
    calls[11]["bssid"] = "f0:6e:0b:c2:21:aa"
    kept = [(r.render("json"), r.to_row()) for r in list(campus.simulate_many(calls, chunk=4))]
    held, seen = {}, []
    for n, row in enumerate(campus.simulate_many(calls, chunk=4)):
        seen.append((row.render("json"), row.to_row()))
        if n % 9 == 0:
            held[n] = row  # kept while the rows after it are simulated
    assert seen == kept
    with_pidf = [bool(json.loads(text).get("pidf_lo")) for text, _ in kept]
    assert any(with_pidf) and not all(with_pidf)  # Traces go from rows with a PIDF-LO to rows without and back
    for n, row in held.items():
        assert (row.render("json"), row.to_row()) == kept[n], n
    # A traced row's JSON comes without its steps (to_row() leaves them out); they are written when
    # the row is first read whole, here after the rows between were dropped and their Traces filled
    # again: the steps must be the row's own.
    whole = [r.to_dict() for r in campus.simulate_many(calls)]
    assert all(r["trace"] for r in whole)
    for n, row in held.items():
        assert row.to_dict() == whole[n], n
