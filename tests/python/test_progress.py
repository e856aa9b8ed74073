"""Progress on stderr (issue 13): a long load, lint or batch shows one line when stderr is a terminal,
never into a pipe, never with --quiet. E911_PROGRESS_AFTER=0 stands in for "took over two seconds"."""
import json
import os
import pty
import subprocess

from conftest import CLI, ROOT

CAMPUS = str(ROOT / "examples" / "campus.yaml")


def _on_terminal(args):
    """Runs the CLI with stderr on a pseudo-terminal; returns (exit code, what the terminal showed)."""
    leader, follower = pty.openpty()
    env = dict(os.environ, E911_PROGRESS_AFTER="0")
    p = subprocess.Popen([CLI, *args], stdout=subprocess.DEVNULL, stderr=follower, env=env)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return p.wait(), shown.decode("utf-8", "replace")


def test_lint_shows_loading_and_linting_on_a_terminal():
    rc, shown = _on_terminal(["lint", CAMPUS])
    assert rc in (0, 1)
    assert "e911: reading:" in shown
    assert "e911: linting:" in shown and " rules" in shown
    assert shown.endswith("\r\x1b[K"), "the line is erased when the work is done"


def test_quiet_silences_it():
    rc, shown = _on_terminal(["--quiet", "lint", CAMPUS])
    assert rc in (0, 1)
    assert "e911:" not in shown


def test_batch_shows_calls_simulated_and_its_quiet_silences_the_load_too(tmp_path):
    calls = tmp_path / "calls.jsonl"
    calls.write_text("".join(json.dumps({"ip": "10.10.1.20/24", "dialed": "911"}) + "\n" for _ in range(20000)))
    rc, shown = _on_terminal(["simulate", CAMPUS, "--calls", str(calls), "--format", "csv"])
    assert rc in (0, 1)
    assert "calls simulated" in shown
    rc, shown = _on_terminal(["simulate", CAMPUS, "--calls", str(calls), "--format", "csv", "--quiet"])
    assert "e911:" not in shown


def test_never_into_a_pipe():
    env = dict(os.environ, E911_PROGRESS_AFTER="0")
    r = subprocess.run([CLI, "lint", CAMPUS], capture_output=True, text=True, env=env)
    assert r.returncode in (0, 1)
    assert "e911: reading" not in r.stderr and "linting" not in r.stderr
