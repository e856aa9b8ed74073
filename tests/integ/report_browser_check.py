"""Loads the HTML report and the HTML diff in headless Chromium: the page must render one heat-map
square per matrix row, raise no script error, keep a hostile site name as text, and screenshot.
Exit 77 (skipped) when Chromium is not installed. Usage: report_browser_check.py SOURCE_DIR CLI WORK_DIR
"""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77
HOSTILE = "</script><script>document.title='pwned'</script>"


def chromium():
    return next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)


def browse(browser, page, work, *extra):
    """Runs headless Chromium on a local file; returns its stdout (the DOM after scripts ran)."""
    args = [browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={work / 'profile'}", "--virtual-time-budget=10000", *extra, page.as_uri()]
    r = subprocess.run(args, capture_output=True, text=True, timeout=90)
    if r.returncode != 0:
        sys.exit(f"FAILED: chromium exited {r.returncode}\n{r.stderr[-3000:]}")
    return r.stdout


def check_page(dom, what):
    if 'data-ready="true"' not in dom:
        sys.exit(f"FAILED: {what}: the page's script did not finish (no data-ready)\n{dom[-3000:]}")
    errors = re.findall(r'class="script-error">([^<]*)<', dom)
    if errors:
        sys.exit(f"FAILED: {what}: script errors: {errors}")


def run(cli, *args, ok=(0,)):
    r = subprocess.run([cli, *args], capture_output=True, text=True)
    if r.returncode not in ok:
        sys.exit(f"FAILED: e911 {' '.join(args)} exited {r.returncode}\n{r.stderr}")
    return r.stdout


def main():
    source, cli, work = Path(sys.argv[1]).resolve(), sys.argv[2], Path(sys.argv[3]).resolve()
    browser = chromium()
    if not browser:
        print("SKIP: chromium is not installed (scripts/install-deps.sh installs it); the report was not checked in a browser")
        return SKIP
    work.mkdir(parents=True, exist_ok=True)

    # A configuration with a hostile site name: the page must show it as text and run no script of it.
    text = (source / "examples" / "multi-psap.yaml").read_text()
    hostile = json.dumps(HOSTILE)
    renamed = text.replace("{id: springfield, region", "{id: " + hostile + ", region")
    renamed = renamed.replace("site: springfield}", "site: " + hostile + "}")
    if renamed.count(HOSTILE.replace("'", "")) == 0 and renamed == text:
        sys.exit("FAILED: examples/multi-psap.yaml no longer has the site `springfield` this test renames")
    cfg = work / "hostile.yaml"
    cfg.write_text(renamed)
    rows = len(json.loads(run(cli, "matrix", "--format", "json", str(cfg))))
    page = work / "report.html"
    run(cli, "report", str(cfg), "-o", str(page))
    dom = browse(browser, page, work, "--dump-dom")
    check_page(dom, "report")
    cells = len(re.findall(r'class="cell o-', dom))
    if cells != rows:
        sys.exit(f"FAILED: the heat map shows {cells} squares, the matrix has {rows} rows")
    if "pwned" in re.search(r"<title>(.*?)</title>", dom, re.S).group(1):
        sys.exit("FAILED: a site name ran as script")
    if "&lt;/script&gt;&lt;script&gt;" not in dom:
        sys.exit("FAILED: the hostile site name is not shown as text")
    shot = work / "report.png"
    browse(browser, page, work, f"--screenshot={shot}", "--window-size=1400,1800", "--hide-scrollbars")
    if not shot.exists() or shot.stat().st_size < 10_000:
        sys.exit("FAILED: no screenshot of the report")

    # The diff page: what got worse first.
    diff = work / "diff.html"
    run(cli, "diff", str(source / "examples" / "multi-psap-fixed.yaml"), str(source / "examples" / "multi-psap.yaml"),
        "--format", "html", "-o", str(diff), ok=(0, 1))
    dom = browse(browser, diff, work, "--dump-dom")
    check_page(dom, "diff")
    if not re.search(r"Got worse \([1-9]", dom):
        sys.exit("FAILED: the diff page does not list what got worse")
    print(f"report: {cells} heat-map squares = {rows} matrix rows, no script errors; screenshot {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
