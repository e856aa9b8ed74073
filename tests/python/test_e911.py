"""The Python module: same answers as the CLI, errors as typed exceptions, model access."""
import subprocess
import sys
import threading

import pytest

import e911
from conftest import EXAMPLES, ROOT, cli_json, run_cli


def test_version_matches_cli():
    assert e911.__version__ == run_cli("--version").stdout.split()[-1]


def test_load_single_and_many_paths(campus):
    assert campus.name == "Contoso University"
    cfg = e911.load([str(ROOT / "examples" / "bern.yaml")])
    assert cfg.defaults.platform == "sfb"


def test_load_error_carries_diagnostics(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text("version: 1\nnetwork:\n  subnet: []\n")
    with pytest.raises(e911.LoadError) as err:
        e911.load(p)
    d = err.value.diagnostics[0]
    assert (d.id, d.line, d.column) == ("unknown-key", 3, 3)
    assert "did you mean `subnets`" in d.message
    assert isinstance(err.value, e911.Error)
    with pytest.raises(e911.LoadError) as missing:
        e911.load(tmp_path / "nope.yaml")
    assert missing.value.diagnostics[0].id == "unreadable-file"


def test_loads_yaml_and_json():
    text = (ROOT / "examples" / "multi-psap.json").read_text()
    cfg = e911.loads(text, format="json")
    assert [s.id for s in cfg.sites] == ["springfield", "peoria"]
    with pytest.raises(e911.UsageError):
        e911.loads("version: 1", format="toml")
    with pytest.raises(e911.LoadError):
        e911.loads("version: [", format="yaml")


def test_model_access_with_positions(campus):
    site = campus.sites[0]
    assert site.id == "hall-a"
    assert site.emergency_calling_policy == "notify-hall-a"
    assert site.file.endswith("campus.yaml") and site.line > 0
    assert campus.subnets[4].prefix == "10.20.0.0/20"
    assert campus.wireless_access_points[0].bssid == "F0-6E-0B-C2-01-*"
    assert campus.trusted_ips == ["203.0.113.0/28"]
    assert "us-emergency" in campus.pstn_usages
    assert campus.gateways[0].emergency_routing == "elin"
    with pytest.raises(AttributeError):
        campus.sites[0].nonexistent
    with pytest.raises(AttributeError):
        campus.sites[0].id = "x"


def test_lint_select_ignore_and_errors(campus):
    findings = campus.lint(today="2026-11-21")
    assert [f.rule for f in findings] == ["kari-notification-building"]
    f = findings[0]
    assert f.waived.approved_by == "risk-committee@contoso.edu"
    assert f.target == "site/campus-wifi"
    assert campus.lint(ignore=["notification"]) == []
    with pytest.raises(e911.UsageError):
        campus.lint(select=["no-such-rule"])


def test_simulate(campus):
    t = campus.simulate("911", ip="10.10.2.9/24", user="alice@contoso.edu")
    assert t.outcome == "routed"
    assert t.site == "hall-b" and t.location == "hall-b-fl1"
    assert t.calling_number == "+12175550111"
    assert t.psap == "sangamon-ecc" and t.psap_correct is True
    assert t.notifications.group == ["security-hall-b@contoso.edu"]
    assert t.trace[0].step == "trusted_ip"
    assert "<ca:civicAddress" in t.pidf_lo
    off = campus.simulate("911", public_ip="198.51.100.1", ip="10.10.2.9/24", user="alice@contoso.edu")
    assert off.trusted is False and off.site is None
    with pytest.raises(e911.UsageError):
        campus.simulate("911", ip="10.10.2")
    with pytest.raises(ValueError):  # UsageError is a ValueError too
        campus.simulate("911", user="mallory")


def test_simulate_many_with_callbacks(campus):
    calls = [
        {"dialed": "911", "ip": "10.10.1.5/24", "user": "alice@contoso.edu", "time": "2026-11-21T10:00:00Z"},
        {"kind": "callback", "elin": "+12175550101", "time": "2026-11-21T10:20:00Z"},
        {"kind": "callback", "elin": "+12175550101", "time": "2026-11-21T11:00:00Z"},
    ]
    out = list(campus.simulate_many(calls))
    assert isinstance(out[0], e911.Trace) and out[0].calling_number == "+12175550101"
    assert isinstance(out[1], e911.CallbackAnswer) and out[1].rings == "alice@contoso.edu"
    assert out[2].rings is None and "window" in out[2].because
    with pytest.raises(e911.UsageError, match="call 1"):
        list(campus.simulate_many([{"dialed": "911", "ip": "bad"}]))
    many = list(campus.simulate_many(({"dialed": "911", "ip": f"10.10.{1 + i % 4}.9/24"} for i in range(2500)), chunk=700))
    assert len(many) == 2500 and all(t.outcome == "routed" for t in many)


def test_matrix_and_rows(campus):
    rows = campus.matrix()
    assert {r.site for r in rows} >= {"hall-a", "hall-b", "library", "gym", "campus-wifi"}
    flat = e911.rows(rows)
    assert flat[0]["platform"] == "teams" and isinstance(flat[0]["gateways"], str)


def test_diff_and_exit_semantics():
    old = e911.load(ROOT / "examples" / "multi-psap-fixed.yaml")
    new = e911.load(ROOT / "examples" / "multi-psap.yaml")
    d = e911.diff(old, new, today="2026-11-21")
    assert d.worse is True
    assert any(o.worse for o in d.outcomes)
    assert [f.rule for f in d.findings_added] == ["psap-mismatch"]
    assert e911.diff(new, old).worse is False


def test_pidf(campus):
    x = campus.pidf("hall-a-fl2", elin_in_nam=True)
    assert "<ca:NAM>+12175550102</ca:NAM>" in x
    with pytest.raises(e911.UsageError):
        campus.pidf("nowhere")


def test_rules_docs_schema():
    ids = [r.id for r in e911.rules()]
    assert "kari-direct-dial" in ids
    assert e911.rule_doc("kari-direct-dial") == (ROOT / "docs" / "rules" / "kari-direct-dial.md").read_text()
    assert e911.schema()["$schema"].startswith("http://json-schema.org/draft-07")


def test_threads_share_a_config(campus):
    """The GIL is released during simulation; concurrent callers get consistent answers."""
    results = []

    def work():
        results.extend(t.outcome for t in campus.simulate_many({"dialed": "911", "ip": "10.10.3.3/24"} for _ in range(300)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["routed"] * 1200


@pytest.mark.parametrize("path", EXAMPLES)
def test_python_equals_cli_json(path):
    cfg = e911.load(path)
    today = "2026-11-21"
    assert [f.to_dict() for f in cfg.lint(today=today)] == cli_json("lint", "--format", "json", "--today", today, path)["findings"]
    assert [r.to_dict() for r in cfg.matrix()] == cli_json("matrix", "--format", "json", path)
    for site in cfg.subnets[:3]:
        ip = site.prefix.rsplit(".", 1)[0] + ".9" if "." in site.prefix else site.prefix.split("/")[0] + "9"
        want = cli_json("simulate", path, "--dial", "911", "--ip", ip, "--format", "json")
        assert cfg.simulate("911", ip=ip).to_dict() == want


@pytest.mark.parametrize("junk", ["", "\x00\x01", "version: 1\n" + "[" * 3000, "{\"version\": 1, \"users\": 7}", "- a\n- b"])
def test_hostile_input_raises_load_error(junk):
    with pytest.raises(e911.LoadError):
        e911.loads(junk, format="auto")


def test_audit_example_is_a_ci_gate():
    import os
    import subprocess
    import sys
    env = dict(os.environ)
    script = str(ROOT / "examples" / "python" / "audit.py")
    ok = subprocess.run([sys.executable, script, str(ROOT / "examples" / "campus.yaml")], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert "campus-wifi" in ok.stdout and "sangamon-ecc" in ok.stdout
    bad = subprocess.run([sys.executable, script, str(ROOT / "examples" / "multi-psap.yaml")], capture_output=True, text=True, env=env)
    assert bad.returncode == 1
    assert "NO" in bad.stdout and "psap-mismatch" in bad.stderr


def test_pidf_is_well_formed_xml_with_the_civic_namespace(campus):
    import xml.etree.ElementTree as ET
    ns = {"p": "urn:ietf:params:xml:ns:pidf", "dm": "urn:ietf:params:xml:ns:pidf:data-model",
          "gp": "urn:ietf:params:xml:ns:pidf:geopriv10", "ca": "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"}
    for location in ("hall-a-fl1", "library-fl1"):
        root = ET.fromstring(campus.pidf(location, elin_in_nam=True))
        civic = root.find("dm:device/gp:geopriv/gp:location-info/ca:civicAddress", ns)
        assert civic is not None
        assert civic.find("ca:country", ns).text == "US"
        assert civic.find("ca:A1", ns).text == "IL"
        assert civic.find("ca:NAM", ns).text.startswith("+1217555")
    t = campus.simulate("911", ip="10.10.1.9/24")
    assert ET.fromstring(t.pidf_lo).tag == "{urn:ietf:params:xml:ns:pidf}presence"
    assert t.notifications.muted is True


def test_trace_says_when_a_country_emergency_number_is_not_in_the_policy():
    cfg = e911.load(ROOT / "examples" / "multi-psap.yaml")
    # 933 is in Microsoft's Teams list for US (112 is not, so a US Teams policy without it is complete)
    text = (ROOT / "examples" / "multi-psap.yaml").read_text().replace(
        '      - {dial_string: "933", dial_masks: ["9933"], pstn_usage: us-emergency}\n', '')
    cfg = e911.loads(text)
    t = cfg.simulate("933", ip="10.1.0.9/16")
    assert t.emergency is False
    assert any("neither dials nor masks" in s.because for s in t.trace)


def test_simulate_pstn_field(root):
    """Calling Plan users: routed by Microsoft, no route; the same `pstn` field as the CLI and the batch rows."""
    text = (root / "examples" / "campus.yaml").read_text(encoding="utf-8")
    text = text.replace("    routing_policy: campus-users\n    dial_plan: springfield\n",
                        "    routing_policy: campus-users\n    dial_plan: springfield\n    pstn: calling_plan\n", 1)
    cfg = e911.loads(text, name=str(root / "examples" / "campus.yaml"))
    t = cfg.simulate("911", ip="10.10.2.9/24", user="alice@contoso.edu")
    assert t.pstn == "calling_plan" and t.outcome == "routed" and t.route is None
    rows = list(cfg.simulate_many([{"dialed": "911", "ip": "10.10.2.9/24", "user": "alice@contoso.edu"}]))
    assert rows[0].pstn == "calling_plan"
    assert cfg.simulate("911", ip="10.10.2.9/24", user="bob@contoso.edu").pstn == "direct_routing"


def _without_positions(v):
    if isinstance(v, dict):
        return {k: _without_positions(x) for k, x in v.items() if k not in ("file", "line", "column")}
    if isinstance(v, list):
        return [_without_positions(x) for x in v]
    return v


def test_a_large_yaml_file_read_in_parts_loads_as_its_json(tmp_path):
    # From 1 MB a YAML text is cut at its top-level keys and the parts read on several threads: the
    # model is the JSON file's, and objects read in the last part keep their lines in the file.
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen"), "5000", "--calls", "1", "--out", str(tmp_path)],
                   check=True, capture_output=True)
    path = tmp_path / "5000.yaml"
    text = path.read_text()
    assert len(text.encode()) > 1 << 20
    as_yaml, as_json = e911.load(str(path)), e911.load(str(tmp_path / "5000.json"))
    assert _without_positions(as_yaml._m()) == _without_positions(as_json._m())
    lines = text.split("\n")
    for psap in as_yaml.psaps:
        assert f'id: "{psap.id}"' in lines[psap.line - 1]
        assert lines[psap.line - 1][psap.column - 1] == "{"
    user = as_yaml.users[-1]
    assert user.line > lines.index("users:") + 1
    assert f'"{user.id}"' in lines[user.line - 1]
