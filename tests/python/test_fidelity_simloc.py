"""Issue 10 items 12-14 and 16 from Python: the same answers as the CLI and the batch rows."""
import json

import e911
from conftest import run_cli

CONFIG = """version: 1
defaults: {platform: teams, country: US}
addresses:
  - {id: hq, company: ACME, house_number: "1", street_name: MAIN, street_suffix: ST, city: SPRINGFIELD, county: SANGAMON, state: IL, postal_code: "62701", country: US, validated: true}
locations:
  - {id: hq-fl1, address: hq, place: FL 1}
network:
  trusted_ips: [203.0.113.1, "2001:db8:ffff::1"]
  regions: [{id: r}]
  sites:
    - {id: lab, region: r}
    - {id: hq, region: r, emergency_calling_policy: notify, emergency_call_routing_policy: routing}
  subnets:
    - {prefix: 10.0.0.0/24, site: hq}
    - {prefix: "2001:db8:1::/64", site: lab}
lis:
  subnets:
    - {network_id: 10.0.0.0, location: hq-fl1}
emergency_calling_policies:
  - {id: notify, notification_mode: conference_muted, notification_group: [desk@acme.com], external_location_lookup: true}
emergency_call_routing_policies:
  - id: routing
    numbers:
      - {dial_string: "911", dial_masks: ["9911"], pstn_usage: emergency}
voice:
  pstn_usages: [emergency]
  gateways:
    - {id: sbc, pidf_lo: true, address: hq, emergency_routing: location, fallback_psap: ecrc}
  routes:
    - {id: emergency, priority: 1, number_pattern: '^911$', pstn_usages: [emergency], gateways: [sbc]}
users:
  - {id: alice, emergency_calling_policy: notify, emergency_call_routing_policy: routing}
  - {id: lobby, emergency_calling_policy: notify, emergency_call_routing_policy: routing, emergency_address: hq-fl1, common_area_phone: true}
psaps:
  - {id: sangamon, serves: [{country: US, state: IL, county: SANGAMON}]}
  - {id: ecrc, relay: true}
"""


def _config(tmp_path):
    path = tmp_path / "simloc.yaml"
    path.write_text(CONFIG)
    return path, e911.load(path)


def _fields(t):
    d = t.to_dict()
    return {k: d[k] for k in ("site", "trusted", "location", "location_class", "screened", "psap", "psap_correct")}


def test_dual_stack_list_equals_cli_twice_and_batch(tmp_path):
    path, cfg = _config(tmp_path)
    t = cfg.simulate("911", user="alice", ip=["10.0.0.5/24", "2001:db8:9::5/64"],
                     public_ip=["203.0.113.1", "2001:db8:eeee::1"])
    assert t.site == "hq" and t.trusted is True and t.location_class == "lis" and t.screened is False
    cli = json.loads(run_cli("simulate", str(path), "--dial", "911", "--user", "alice", "--ip", "10.0.0.5/24",
                             "--ip", "2001:db8:9::5/64", "--public-ip", "203.0.113.1", "--public-ip",
                             "2001:db8:eeee::1", "--format", "json").stdout)
    assert {k: cli[k] for k in _fields(t)} == _fields(t)
    [row] = list(cfg.simulate_many([{"dialed": "911", "user": "alice", "ip": ["10.0.0.5/24", "2001:db8:9::5/64"],
                                     "public_ip": "203.0.113.1 2001:db8:eeee::1"}]))
    assert _fields(row) == _fields(t)


def test_client_location_and_common_area_phone(tmp_path):
    path, cfg = _config(tmp_path)
    t = cfg.simulate("911", user="alice", public_ip="198.51.100.7", client_location="hq-fl1",
                     client_location_source="unconfirmed")
    assert t.location_class == "os_unconfirmed" and t.screened is True and t.psap == "ecrc" and t.psap_correct is True
    cli = json.loads(run_cli("simulate", str(path), "--dial", "911", "--user", "alice", "--public-ip", "198.51.100.7",
                             "--client-location", "hq-fl1", "--client-location-source", "unconfirmed",
                             "--format", "json").stdout)
    assert {k: cli[k] for k in _fields(t)} == _fields(t)
    cap = cfg.simulate("911", user="lobby", public_ip="198.51.100.7")
    assert cap.location_class == "static" and cap.screened is False and cap.psap == "sangamon"
