// Test helpers: load YAML from a string, run one rule, find where a text sits in a fixture.
#pragma once
#include <catch2/catch.hpp>
#include <string>

#include "e911/e911.hpp"
#include "hint_yaml.hpp"

namespace test {

inline e911::LoadResult load_yaml(const std::string& text, const std::string& name = "test.yaml") {
    return e911::load_string(text, e911::Format::yaml, name, E911_SOURCE_DIR "/tests/data");
}

// Loads and requires a clean load, showing diagnostics when it is not.
inline e911::Config config(const std::string& text) {
    auto r = load_yaml(text);
    INFO(e911::diagnostics_to_text(r.diagnostics, false));
    REQUIRE(r.ok());
    return std::move(r.config);
}

inline std::vector<e911::Finding> run_rule(const e911::Config& cfg, const std::string& rule) {
    e911::LintOptions opt;
    opt.select = {rule};
    opt.today = "2026-11-21";
    std::vector<e911::Finding> out;
    for (auto& f : e911::lint(cfg, opt)) {
        CHECK(hint_yaml_problems(f.hint).empty());  // every rule test also checks the YAML its hints show
        if (f.rule == rule) out.push_back(f);
    }
    return out;
}

inline std::vector<e911::Finding> run_rule(const std::string& yaml, const std::string& rule) { return run_rule(config(yaml), rule); }

// 1-based line of the first occurrence of `needle` (fails the test when absent).
inline std::uint32_t line_of(const std::string& text, const std::string& needle, std::size_t nth = 0) {
    std::size_t pos = 0;
    for (std::size_t i = 0; i <= nth; ++i) {
        pos = text.find(needle, i == 0 ? 0 : pos + 1);
        if (pos == std::string::npos) FAIL("fixture has no `" + needle + "`");
    }
    return static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n') + 1);
}

inline const e911::Diagnostic* find_diag(const std::vector<e911::Diagnostic>& ds, const std::string& id, std::uint32_t line = 0) {
    for (const auto& d : ds)
        if (d.id == id && (line == 0 || d.line == line)) return &d;
    return nullptr;
}

// A small, lint-clean US Teams configuration that tests extend (two SBCs carry its emergency calls, so no
// single gateway failure drops them).
inline std::string base_us() {
    return R"(version: 1
defaults: {platform: teams, country: US}
addresses:
  - {id: hq, company: ACME, house_number: "1", street_name: MAIN, street_suffix: ST, city: SPRINGFIELD, county: SANGAMON, state: IL, postal_code: "62701", country: US, latitude: 39.8, longitude: -89.6, validated: true}
locations:
  - {id: hq-fl1, address: hq, place: FL 1, elins: ["+12175550101"]}
network:
  trusted_ips: [203.0.113.1]
  regions: [{id: r}]
  sites:
    - {id: hq, region: r, emergency_calling_policy: notify, emergency_call_routing_policy: routing}
  subnets:
    - {prefix: 10.0.0.0/24, site: hq}
lis:
  subnets:
    - {network_id: 10.0.0.0, location: hq-fl1}
emergency_calling_policies:
  - {id: notify, notification_mode: conference_muted, notification_group: [desk@acme.com], notification_dial_out: "+12175550199"}
emergency_call_routing_policies:
  - id: routing
    numbers:
      - {dial_string: "911", dial_masks: ["9911", "112"], pstn_usage: emergency}
voice:
  pstn_usages: [emergency, local]
  gateways:
    - {id: sbc, pidf_lo: true, address: hq, emergency_routing: location, fallback_psap: ecrc}
    - {id: sbc2, pidf_lo: true, address: hq, emergency_routing: location, fallback_psap: ecrc}
  routes:
    - {id: emergency, priority: 1, number_pattern: '^911$', pstn_usages: [emergency], gateways: [sbc, sbc2]}
    - {id: local, priority: 5, number_pattern: '^\+1\d{10}$', pstn_usages: [local], gateways: [sbc]}
  routing_policies:
    - {id: users, pstn_usages: [local]}
users:
  - {id: alice, phone_number: "+12175550123", emergency_calling_policy: notify, emergency_call_routing_policy: routing, routing_policy: users}
psaps:
  - {id: sangamon, serves: [{country: US, state: IL, county: SANGAMON}]}
  - {id: ecrc, relay: true}
)";
}

// The config with the first `from` replaced by `to`; fails the test when `from` is not there.
inline std::string edit(std::string s, const std::string& from, const std::string& to) {
    auto p = s.find(from);
    if (p == std::string::npos) FAIL("config has no `" + from + "`");
    return s.replace(p, from.size(), to);
}
// Appends `text` (list items) after the line containing `anchor`.
inline std::string after(const std::string& s, const std::string& anchor, const std::string& text) {
    auto p = s.find(anchor);
    if (p == std::string::npos) FAIL("config has no `" + anchor + "`");
    p = s.find('\n', p) + 1;
    return s.substr(0, p) + text + s.substr(p);
}

}  // namespace test
