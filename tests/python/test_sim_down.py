"""Gateways that are down (issue 10 item 15): Python's ``down=`` gives the CLI's ``--down`` answers."""
import pytest

import e911
from conftest import ROOT, cli_json, run_cli

EXAMPLE = str(ROOT / "examples" / "us-canada.yaml")
SBC = "sbc-chi.northwind.com"


def test_simulate_down_equals_cli():
    cfg = e911.load(EXAMPLE)
    args = ["--dial", "911", "--user", "carol@northwind.com", "--ip", "10.1.0.9", "--public-ip", "198.51.100.10"]
    t = cfg.simulate("911", user="carol@northwind.com", ip="10.1.0.9", public_ip="198.51.100.10", down=[SBC])
    assert t.to_dict() == cli_json("simulate", EXAMPLE, *args, "--down", SBC, "--format", "json")
    assert t.gateways_down == [SBC]
    assert t.route == "us-emergency-backup"
    assert cfg.simulate("911", user="carol@northwind.com", ip="10.1.0.9", public_ip="198.51.100.10").gateways_down == []


def test_simulate_many_down_and_row_column():
    cfg = e911.load(EXAMPLE)
    call = {"dialed": "911", "user": "carol@northwind.com", "ip": "10.1.0.9", "public_ip": "198.51.100.10"}
    [t] = list(cfg.simulate_many([call], down=SBC))
    assert t.gateways_down == [SBC] and t.route == "us-emergency-backup"
    [own] = list(cfg.simulate_many([dict(call, down="sbc-tor.northwind.com")], down=SBC))  # the row's own wins
    assert own.gateways_down == [] and own.route == "us-emergency"  # sbc-tor is not on the route taken


def test_matrix_and_diff_down_equal_cli():
    cfg = e911.load(EXAMPLE)
    rows = cfg.matrix(down=[SBC])
    assert [r.to_dict() for r in rows] == cli_json("matrix", "--format", "json", "--down", SBC, EXAMPLE)
    assert any(r.gateways_down == [SBC] for r in rows)
    d = e911.diff(EXAMPLE, EXAMPLE, down=SBC)
    assert d.worse is False and list(d.outcomes) == []


def test_unknown_gateway_is_a_usage_error_with_a_suggestion():
    cfg = e911.load(EXAMPLE)
    with pytest.raises(e911.UsageError, match="unknown gateway `sbc-chi.northwind.co`; did you mean `sbc-chi.northwind.com`"):
        cfg.matrix(down=["sbc-chi.northwind.co"])
    with pytest.raises(e911.UsageError, match="unknown gateway"):
        cfg.simulate("911", down="nope")
    with pytest.raises(TypeError):
        cfg.matrix(down=7)
    r = run_cli("matrix", EXAMPLE, "--down", "nope", check_codes=(2,))
    assert "unknown gateway `nope`" in r.stderr
