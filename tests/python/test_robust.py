"""Regression tests for hostile input through the Python API: e911.Error (never TypeError or a
crash) for text that cannot be UTF-8, includes confined by default, bounds that can be raised."""
import os
import subprocess
import sys

import pytest

import e911


def test_lone_surrogate_is_e911_error_not_type_error():
    with pytest.raises(e911.Error, match="lone surrogate"):
        e911.loads("version: 1\nname: \ud800\n")


def test_lone_surrogate_in_a_call_is_e911_error(campus):
    with pytest.raises(e911.Error, match="lone surrogate"):
        campus.simulate("911", user="\udcff")
    with pytest.raises(e911.Error, match="lone surrogate"):
        list(campus.simulate_many([{"dialed": "911", "ip": "\ud800"}]))


def test_simulate_many_checks_dial_strings_like_the_cli(campus):
    with pytest.raises(e911.UsageError, match="use digits"):
        list(campus.simulate_many([{"dialed": "abc"}]))


def test_loads_cannot_read_absolute_paths_by_default(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("version: 1\nname: other\n")
    with pytest.raises(e911.LoadError, match="absolute path"):
        e911.loads(f"version: 1\ninclude: [{other}]\n")
    with pytest.raises(e911.LoadError, match="absolute path"):
        e911.loads("version: 1\ninclude: [/etc/passwd]\n")
    assert e911.loads(f"version: 1\ninclude: [{other}]\n", allow_include_outside=True).name == "other"


def test_load_confines_includes_and_bounds_file_size(tmp_path):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "outside.yaml").write_text("version: 1\nname: outside\n")
    root = tmp_path / "cfg" / "root.yaml"
    root.write_text("version: 1\ninclude: [../outside.yaml]\n")
    with pytest.raises(e911.LoadError, match="outside"):
        e911.load(root)
    assert e911.load(root, allow_include_outside=True).name == "outside"
    with pytest.raises(e911.LoadError, match="more than the limit of 10"):
        e911.load(root, max_file_size=10)


def test_deep_include_chain_does_not_crash_the_interpreter(tmp_path):
    for i in range(3000):
        (tmp_path / f"c{i}.yaml").write_text(f"version: 1\ninclude: [c{i + 1}.yaml]\n")
    (tmp_path / "c3000.yaml").write_text("version: 1\n")
    code = f"import e911\ntry:\n    e911.load({str(tmp_path / 'c0.yaml')!r})\nexcept e911.LoadError as e:\n    print('LoadError', e)\n"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
    assert r.returncode == 0, r.stderr
    assert "include chain deeper than" in r.stdout


def test_device_is_refused(tmp_path):
    with pytest.raises(e911.LoadError, match="character device"):
        e911.load("/dev/zero")
