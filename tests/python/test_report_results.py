"""Typed results without drift: generated classes, mypy --strict, and every CLI format from Python."""
import os
import pathlib
import subprocess
import sys

import pytest

import e911
from conftest import ROOT, run_cli

TODAY = "2026-11-21"


def _ended(text):
    """As the CLI writes a document: JSON and SARIF get a final newline."""
    return text if not text or text.endswith("\n") else text + "\n"


def _generator():
    sys.path.insert(0, str(ROOT / "bindings" / "python"))
    try:
        import gen_results
    finally:
        sys.path.pop(0)
    return gen_results


def test_committed_result_classes_match_the_cpp_tables():
    gen = _generator()
    want = gen.generate(e911._e911.table_schemas())
    have = (ROOT / "bindings" / "python" / "e911" / "_results.py").read_text()
    assert have == want, "regenerate: python3 bindings/python/gen_results.py bindings/python/e911/_results.py"


def test_result_classes_have_no_dynamic_attributes(campus):
    t = campus.simulate("911", ip="10.10.1.9/24")
    assert t.psap_reason is not None and "psap_reason" in t.to_dict()
    with pytest.raises(AttributeError):
        t.psap_reasn  # noqa: B018  (a typo is an error, not a silent None)
    # Record's __getattr__ (making a batch row's objects on first use) is hidden from type checkers:
    # the mypy test below holds that a misspelled attribute is still an error there.
    assert isinstance(t.policies, e911.EffectivePolicies) and isinstance(t.trace[0], e911.TraceStep)


def _mypy(tmp_path, name, body):
    script = tmp_path / name
    script.write_text(body)
    env = dict(os.environ, MYPYPATH=str(pathlib.Path(e911.__file__).parent.parent))
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(script)],
                          capture_output=True, text=True, env=env)


GOOD = '''import e911

cfg = e911.load("campus.yaml")
t = cfg.simulate("911", ip="10.10.1.9/24")
reason: str | None = t.psap_reason
steps: list[str] = [s.because for s in t.trace]
n = t.notifications
muted: bool | None = n.muted if n is not None else None
findings = cfg.lint(today="2026-11-21")
rules: list[str] = [f.rule for f in findings if f.waived is None]
sarif: str = findings.render("sarif")
rows = cfg.matrix()
correct: list[bool | None] = [r.psap_correct for r in rows]
d = e911.diff(cfg, cfg)
worse: bool = d.worse or any(o.worse for o in d.outcomes)
'''


def test_mypy_strict_accepts_correct_use_and_rejects_a_misspelled_attribute(tmp_path):
    ok = _mypy(tmp_path, "good.py", GOOD)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = _mypy(tmp_path, "bad.py", GOOD + "oops = t.psap_reasn\nline: str = findings[0].line\n")
    assert bad.returncode == 1
    assert '"Trace" has no attribute "psap_reasn"' in bad.stdout
    assert "Incompatible types in assignment" in bad.stdout


@pytest.mark.parametrize("fmt", e911.FORMATS)
def test_lint_renders_every_cli_format(campus, fmt):
    findings = campus.lint(today=TODAY)
    if fmt == "csv":  # the CLI's lint has no CSV; Python gets the findings table as CSV
        assert findings.render("csv").splitlines()[0].startswith("rule,severity,message")
        return
    if fmt == "html":  # findings in HTML are part of the whole report (e911 report, Config.report_html)
        with pytest.raises(e911.UsageError, match="cannot be written as html"):
            findings.render(fmt)
        return
    path = str(ROOT / "examples" / "campus.yaml")
    want = run_cli("lint", "--format", fmt, "--today", TODAY, path).stdout
    assert _ended(findings.render(fmt)) == want


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_write_puts_the_cli_report_in_a_file(campus, tmp_path, fmt):
    findings = campus.lint(today=TODAY)
    out = tmp_path / f"report.{fmt}"
    out.write_text("old")
    findings.write(out, fmt)
    path = str(ROOT / "examples" / "campus.yaml")
    run_cli("lint", "--format", fmt, "--today", TODAY, "-o", str(tmp_path / "cli"), path)
    assert out.read_text() == (tmp_path / "cli").read_text() == findings.render(fmt)
    campus.matrix().write(str(tmp_path / "matrix.csv"), "csv")
    assert (tmp_path / "matrix.csv").read_text() == campus.matrix().render("csv")
    with pytest.raises(e911.Error, match="cannot write .*no-such-dir"):
        findings.write(tmp_path / "no-such-dir" / "r.txt")
    with pytest.raises(e911.UsageError, match="format `pdf`"):
        findings.write(out, "pdf")
    assert out.read_text() == findings.render(fmt)  # a refused write leaves the file


def test_matrix_diff_trace_rules_render_as_the_cli_does(campus):
    path = str(ROOT / "examples" / "campus.yaml")
    rows = campus.matrix()
    for fmt in ("text", "json", "csv"):
        out = run_cli("matrix", "--format", fmt, path).stdout
        assert _ended(rows.render(fmt)) == out
    old, new = ROOT / "examples" / "multi-psap-fixed.yaml", ROOT / "examples" / "multi-psap.yaml"
    d = e911.diff(e911.load(old), e911.load(new), today=TODAY)
    assert d.render("text") == run_cli("diff", str(old), str(new), "--today", TODAY).stdout
    assert d.render("json") + "\n" == run_cli("diff", str(old), str(new), "--today", TODAY, "--format", "json").stdout
    assert d.to_dict() == e911._record._json.loads(d.render("json"))
    assert isinstance(d.outcomes[0], e911.OutcomeChange) and d.outcomes[0].before is not None
    t = campus.simulate("911", ip="10.10.1.57/24")
    assert t.render("text") == run_cli("simulate", path, "--dial", "911", "--ip", "10.10.1.57/24").stdout
    assert e911.rules().render("text") == run_cli("rules").stdout
    assert all(r.summary for r in e911.rules())
    with pytest.raises(e911.UsageError, match="use text, json or html"):
        d.render("sarif")
    with pytest.raises(e911.UsageError, match="format `pdf`"):
        rows.render("pdf")
    with pytest.raises(e911.UsageError, match="a matrix cannot be written as html"):
        rows.render("html")


def test_answers_to_dict_equals_the_cli_document(campus):
    path = str(ROOT / "examples" / "campus.yaml")
    findings = campus.lint(today=TODAY)
    import json
    assert findings.to_dict() == json.loads(run_cli("lint", "--format", "json", "--today", TODAY, path).stdout)
    assert [f.to_dict() for f in findings] == findings.to_dict()["findings"]
