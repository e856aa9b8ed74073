"""Record.to_row(): the flat dict for tables and DataFrames. The flattening is compiled (_e911.flatten);
these tests hold its rules in Python and check the two agree on every kind of answer."""
import json

import pytest

import e911
from e911 import _e911
from conftest import ROOT, reference_row

MULTI_PSAP = ROOT / "examples" / "multi-psap.yaml"


def test_rows_of_every_answer_follow_the_rules():
    cfg = e911.load(MULTI_PSAP)
    records = list(cfg.lint()) + list(cfg.matrix())
    calls = [{"user": u.id, "dialed": "911"} for u in cfg.users] + [{"dialed": "911", "ip": "10.99.0.5/24"}]
    for trace in (True, False):
        records += list(cfg.simulate_many(calls, trace=trace))
    assert len(records) > 10
    with_nested = 0
    for r in records:
        row = r.to_row()
        assert row == reference_row(r.to_dict())
        assert list(row) == list(reference_row(r.to_dict()))  # the same column order
        assert "trace" not in row and "pidf_lo" not in row
        with_nested += any("." in k for k in row)
    assert with_nested  # nested objects were flattened, not only flat rows compared


@pytest.mark.parametrize("data", [
    {},
    {"a": 1, "b": None, "c": True, "d": 2.5, "e": "x"},
    {"a": {"b": {"c": [1, "two", None]}}, "z": []},
    {"related": [{"target": "site/x", "line": 3}, "plain", 4], "é": {"ü": "ß"}},
    {"trace": {"kept": "no"}, "inner": {"trace": "kept: skip is for top-level keys"}},
])
def test_edge_cases_follow_the_rules(data):
    out = {}
    _e911.flatten(out, "", data, ("trace", "pidf_lo"))
    assert out == reference_row(data)
    assert list(out) == list(reference_row(data))


def test_flatten_refuses_what_is_not_a_dict():
    with pytest.raises(TypeError):
        _e911.flatten({}, "", [1, 2], ())


def test_batch_rows_are_made_into_objects_on_first_use():
    """simulate_many() rows start as their JSON: to_row() flattens it directly, and the objects are
    made once, on first use, equal to what the row would have been made with at once."""
    cfg = e911.load(MULTI_PSAP)
    calls = [{"user": u.id, "dialed": "911"} for u in cfg.users]
    for trace in (True, False):
        fresh = list(cfg.simulate_many(calls, trace=trace))
        used = list(cfg.simulate_many(calls, trace=trace))
        assert len(fresh) == len(calls) > 1
        for a, b in zip(fresh, used):
            assert b.to_dict()  # b's objects are made here, a's are not yet
            assert a.to_row() == b.to_row() and list(a.to_row()) == list(b.to_row())
            assert a.to_row() == reference_row(b.to_dict())
            assert a == b and a.outcome == b.outcome  # a's objects are made now
            assert a["policies"] is a["policies"]  # made once, then kept
            with pytest.raises(AttributeError, match="has no attribute 'outcom'"):
                a.outcom  # noqa: B018  (a typo is an error on a row made lazily too)
            assert a.render("json") == b.render("json")


def test_rows_read_from_finalizers_in_the_middle_of_a_row():
    """Making a row's objects can start a collection, and a finalizer can read another row of the same
    session in the middle of it: each must still come out whole (a reader is not entered twice)."""
    import gc

    cfg = e911.load(MULTI_PSAP)
    calls = [{"user": u.id, "dialed": "911"} for u in cfg.users] * 10
    want = [r.to_dict() for r in cfg.simulate_many(calls)]
    seen = []

    class Reader:
        def __init__(self, row, flat):
            self.row, self.flat, self.me = row, flat, self  # a cycle: only the collector frees it

        def __del__(self):
            seen.append(self.row.to_row() if self.flat else self.row.to_dict())

    old = gc.get_threshold()
    for threshold in (1, 2, 3, 5):  # collections at different points of a row's making
        rows = list(cfg.simulate_many(calls))
        seen.clear()
        try:
            gc.set_threshold(threshold)
            got = []
            for i in range(0, len(rows) - 1, 2):
                Reader(rows[i + 1], i % 4 == 0)  # freed by the next collection, likely while rows[i] is made
                got.append(rows[i].to_dict())
        finally:
            gc.set_threshold(*old)
        gc.collect()
        assert got == want[0:len(rows) - 1:2]
        assert len(seen) == len(got)
        for n, d in enumerate(seen):
            w = want[2 * n + 1]
            assert d == (reference_row(w) if n % 2 == 0 else w)
