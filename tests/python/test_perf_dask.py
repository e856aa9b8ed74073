"""A Config pickles (Dask ships it to workers that way); the Dask examples run at small size; the
batch's progress display never writes into a pipe."""
import collections
import importlib.util
import json
import os
import pickle
import subprocess
import threading

import pytest

import e911
from conftest import CLI, ROOT


def _example(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "examples" / "python" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _calls(tmp_path, name, n):
    path = tmp_path / name
    dials = ["911", "933", "+12175550100", "9911"]
    with open(path, "w") as f:
        for i in range(n):
            f.write(json.dumps({"ip": f"10.10.{1 + i % 4}.20/24", "dialed": dials[i % 4], "time": 1795255200 + 60 * i}) + "\n")
    return str(path)


def test_config_pickles_by_its_source(campus):
    again = pickle.loads(pickle.dumps(campus))
    assert again.lint().to_dict() == campus.lint().to_dict()
    from_text = e911.loads((ROOT / "examples" / "campus.yaml").read_text(), name="campus.yaml")
    assert [s.id for s in pickle.loads(pickle.dumps(from_text)).sites] == [s.id for s in from_text.sites]


def test_simulate_many_and_lint_run_in_threads_at_once(campus):
    # They release the GIL: several threads finish with the answers one thread gets.
    calls = [{"ip": "10.10.1.20/24", "dialed": "911"}] * 200
    want = [t.to_dict() for t in campus.simulate_many(calls)]
    got = []

    def work():
        got.append([t.to_dict() for t in campus.simulate_many(calls)])
        campus.lint()

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [want] * 3


def test_dask_examples_at_small_size(tmp_path):
    pytest.importorskip("dask.distributed", reason="Debian's python3-distributed is not installed")
    replay = _example("dask_replay")
    logs = [_calls(tmp_path, f"day{i}.jsonl", 40) for i in range(3)]
    config = str(ROOT / "examples" / "campus.yaml")
    total = replay.main([config, *logs, "--workers", "1", "--threads"])
    assert sum(total.values()) == 120
    lint = _example("dask_lint")
    results = lint.main([config, config, "--workers", "1", "--threads"])
    assert [r[0] for r in results] == [config, config]
    assert results[0][1] == dict(collections.Counter(f.severity for f in e911.load(config).lint()))


def test_batch_progress_never_goes_into_a_pipe(tmp_path):
    calls = _calls(tmp_path, "calls.jsonl", 50)
    env = dict(os.environ, E911_PROGRESS_AFTER="0")
    r = subprocess.run([CLI, "simulate", str(ROOT / "examples" / "campus.yaml"), "--calls", calls, "--format", "csv"],
                       capture_output=True, text=True, env=env)
    assert r.returncode in (0, 1), r.stderr
    assert "calls simulated" not in r.stderr
    assert len(r.stdout.splitlines()) == 51
