import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(os.environ.get("E911_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
CLI = os.environ.get("E911_CLI", str(ROOT / "build" / "cli" / "e911"))
EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.y*ml")) + sorted(str(p) for p in (ROOT / "examples").glob("*.json"))


def run_cli(*args, check_codes=(0, 1)):
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    assert r.returncode in check_codes, r.stderr
    return r


def cli_json(*args):
    return json.loads(run_cli(*args).stdout)


@pytest.fixture
def root():
    return ROOT


@pytest.fixture
def campus():
    import e911
    return e911.load(ROOT / "examples" / "campus.yaml")


def reference_row(data, skip=("trace", "pidf_lo")):
    """The rules, written plainly: nested keys joined with '.', list items joined with ' ' (a dict item
    as its JSON), other values as they are; `skip` applies to top-level keys only."""
    out = {}

    def walk(prefix, d, skipped):
        for k, v in d.items():
            if k in skipped:
                continue
            if isinstance(v, dict):
                walk(f"{prefix}{k}.", v, ())
            elif isinstance(v, list):
                out[prefix + k] = " ".join(json.dumps(x) if isinstance(x, dict) else str(x) for x in v)
            else:
                out[prefix + k] = v

    walk("", data, skip)
    return out
