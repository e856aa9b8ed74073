"""The HTML report from Python: the same page as `e911 report`, and the diff page through render()."""
import json
import re

import pytest

import e911
from conftest import ROOT, run_cli


def page_data(page):
    m = re.search(r'<script type="application/json" id="e911-data">(.*?)</script>', page, re.S)
    assert m, "no data element"
    return json.loads(m.group(1))


def test_report_html_equals_cli(tmp_path):
    path = str(ROOT / "examples" / "multi-psap.yaml")
    page = e911.load(path).report_html(today="2026-11-21")
    out = tmp_path / "r.html"
    run_cli("report", path, "--today", "2026-11-21", "-o", str(out), check_codes=(0,))
    assert out.read_text(encoding="utf-8") == page
    data = page_data(page)
    assert len(data["cells"]) == 5 * len(e911.load(path).matrix())


def test_report_function_takes_paths_and_writes(tmp_path):
    out = tmp_path / "report.html"
    page = e911.report(ROOT / "examples" / "campus.yaml", output=out)
    assert out.read_text(encoding="utf-8") == page
    assert page_data(page)["kind"] == "report"
    with pytest.raises(TypeError, match="config"):
        e911.report(42)


def test_diff_renders_html():
    d = e911.diff(ROOT / "examples" / "multi-psap-fixed.yaml", ROOT / "examples" / "multi-psap.yaml")
    data = page_data(d.render("html"))
    assert data["kind"] == "diff" and data["summary"]["worse"] > 0
    assert "html" in e911.FORMATS
