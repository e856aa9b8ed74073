"""Batch rows reach Python as objects made in C++ from the row's JSON (json_rows.cpp), not through
json.loads: every kind of value must come out exactly as json.loads gives it."""
import json

from e911 import _e911
from conftest import reference_row

CASES = [
    '{"row":1,"kind":"call","time":null,"emergency":true,"screened":false}',
    '{"a":{"b":[1,2,{"c":[]}],"d":{}},"e":[[]]}',
    '{"neg":-42,"big":9223372036854775807,"u64":18446744073709551615,"huge":123456789012345678901234567890}',
    '{"f":1.5,"g":-0.0,"h":1e300,"i":2.5e-308,"j":0.1,"k":-1.0e-7,"l":3.0}',
    '{"s":"caf\\u00e9 \\u00fc\\u20ac \\ud83d\\ude91","t":"tab\\tnew\\nline \\"q\\" \\\\ /","u":"\u00e9\u4e2d"}',
    '{"dup":1,"dup":2}',
    '[1,"two",null]',
    '"just a string"',
    '{"":0}',
    '{"z":-0,"y":1E2,"x":-9223372036854775808,"w":1.7976931348623157e308,"v":5e-324}',
]


def test_rows_made_in_cpp_equal_json_loads():
    for text in CASES:
        got, want = _e911.row_from_json(text), json.loads(text)
        assert got == want, text
        assert json.dumps(got) == json.dumps(want), text  # same types (1 vs 1.0) and key order


def test_text_simdjson_refuses_still_parses_as_json_loads_does():
    text = '{"huge":123456789012345678901234567890}'  # past 64 bits: handed to json.loads
    assert _e911.row_from_json(text) == {"huge": 123456789012345678901234567890}


FLAT_CASES = [c for c in CASES if c.startswith("{") and '"dup"' not in c] + [
    '{"trace":[{"step":"a"}],"pidf_lo":"<x/>","inner":{"trace":"kept: skip is for top-level keys"}}',
    '{"a":{"b":{"c":[1,"two",null,true,2.5,{"k":"v","n":[1]}]}},"z":[],"e":{}}',
    '{"huge":123456789012345678901234567890,"n":{"m":[1]}}',  # past 64 bits: flattened from json.loads
]


def test_rows_flattened_in_cpp_equal_flattening_json_loads():
    """Session.flat (Record.to_row() of a batch row not yet made into objects) builds the flat row
    straight from the JSON: the same keys, order, values and types as flattening json.loads's dict."""
    skip = ("trace", "pidf_lo")
    for text in FLAT_CASES:
        got, want = _e911.flat_from_json(text, skip), reference_row(json.loads(text), skip)
        assert got == want, text
        assert list(got) == list(want), text
        assert [type(v) for v in got.values()] == [type(v) for v in want.values()], text
