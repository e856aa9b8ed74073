// One trigger (rule, target, line) and one near miss per lint rule, each on a small edit of a
// clean base configuration.
#include "helpers.hpp"

using namespace e911;
using test::base_us;
using test::line_of;
using test::run_rule;
using test::edit;
using test::after;

namespace {
Finding only(const std::vector<Finding>& fs) {
    INFO(findings_to_text(fs, false));
    REQUIRE(fs.size() == 1);
    return fs.front();
}
}  // namespace

TEST_CASE("base configuration is lint-clean") {
    auto fs = lint(test::config(base_us()), LintOptions{{}, {}, "2026-11-21", {}});
    INFO(findings_to_text(fs, false));
    CHECK(fs.empty());
}

TEST_CASE("subnet-overlap and subnet-redundant") {
    auto y = after(base_us(), "- {id: hq, region: r", "    - {id: annex, region: r, emergency_calling_policy: notify, emergency_call_routing_policy: routing}\n");
    auto cross = after(y, "- {prefix: 10.0.0.0/24, site: hq}", "    - {prefix: 10.0.0.128/25, site: annex}\n");
    const auto& f = only(run_rule(cross, "subnet-overlap"));
    CHECK(f.target == "subnet/10.0.0.128/25");
    CHECK(f.line == line_of(cross, "10.0.0.128/25"));
    CHECK(f.related.size() == 1);
    auto same = after(base_us(), "- {prefix: 10.0.0.0/24, site: hq}", "    - {prefix: 10.0.0.128/25, site: hq}\n");
    CHECK(run_rule(same, "subnet-overlap").empty());
    const auto& r = only(run_rule(same, "subnet-redundant"));
    CHECK(r.severity == Severity::info);
    auto disjoint = after(y, "- {prefix: 10.0.0.0/24, site: hq}", "    - {prefix: 10.0.1.0/24, site: annex}\n");
    CHECK(run_rule(disjoint, "subnet-overlap").empty());
    CHECK(run_rule(disjoint, "subnet-redundant").empty());
}

TEST_CASE("subnet-overlap finds equal prefixes in different sites") {
    auto y = after(base_us(), "- {id: hq, region: r", "    - {id: annex, region: r}\n");
    y = after(y, "- {prefix: 10.0.0.0/24, site: hq}", "    - {prefix: 10.0.0.0/24, site: annex}\n");
    auto fs = run_rule(y, "subnet-overlap");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message.find("also listed") != std::string::npos);
}

TEST_CASE("site-no-subnets") {
    auto y = after(base_us(), "- {id: hq, region: r", "    - {id: ghost, region: r}\n");
    const auto& f = only(run_rule(y, "site-no-subnets"));
    CHECK(f.target == "site/ghost");
    CHECK(f.line == line_of(y, "id: ghost"));
    CHECK(run_rule(base_us(), "site-no-subnets").empty());
}

TEST_CASE("trusted-ip-missing and trusted-ip-private") {
    auto none = edit(base_us(), "  trusted_ips: [203.0.113.1]\n", "");
    CHECK(only(run_rule(none, "trusted-ip-missing")).target == "config/network.trusted_ips");
    CHECK(run_rule(base_us(), "trusted-ip-missing").empty());
    for (const char* ip : {"10.1.2.3", "100.64.0.1", "127.0.0.1", "169.254.1.1", "fd00::1", "192.168.1.0/24"}) {
        auto y = edit(base_us(), "203.0.113.1", ip);
        INFO(ip);
        CHECK(only(run_rule(y, "trusted-ip-private")).line == line_of(y, "trusted_ips"));
    }
    CHECK(run_rule(edit(base_us(), "203.0.113.1", "100.128.0.1"), "trusted-ip-private").empty());  // just outside 100.64/10
}

TEST_CASE("lis-subnet-unmapped and lis-subnet-orphan") {
    auto y = after(base_us(), "- {prefix: 10.0.0.0/24, site: hq}", "    - {prefix: 10.0.1.0/24, site: hq}\n");
    const auto& f = only(run_rule(y, "lis-subnet-unmapped"));
    CHECK(f.target == "subnet/10.0.1.0/24");
    CHECK(f.line == line_of(y, "10.0.1.0/24"));
    CHECK(run_rule(base_us(), "lis-subnet-unmapped").empty());
    auto o = after(base_us(), "- {network_id: 10.0.0.0, location: hq-fl1}", "    - {network_id: 192.168.5.0, location: hq-fl1}\n");
    const auto& g = only(run_rule(o, "lis-subnet-orphan"));
    CHECK(g.target == "lis_subnet/192.168.5.0");
    CHECK(run_rule(base_us(), "lis-subnet-orphan").empty());
}

// Domain §10 (v2): Teams refuses an exact BSSID inside a wildcard with the same location (error) and
// accepts one with a different location, the documented override (info).
TEST_CASE("bssid-wildcard-conflict: info when locations differ, error when they agree") {
    auto y = after(base_us(), "  - {id: hq-fl1", "  - {id: hq-fl2, address: hq, place: FL 2, elins: [\"+12175550102\"]}\n");
    auto differ = after(y, "    - {network_id: 10.0.0.0, location: hq-fl1}",
                        "  wireless_access_points:\n    - {bssid: F0-6E-0B-C2-04-1A, location: hq-fl1}\n    - {bssid: F0-6E-0B-C2-04-*, location: hq-fl2}\n");
    const auto& f = only(run_rule(differ, "bssid-wildcard-conflict"));
    CHECK(f.severity == Severity::info);
    CHECK(f.target == "wireless_access_point/F0-6E-0B-C2-04-1A");
    CHECK(f.line == line_of(differ, "F0-6E-0B-C2-04-1A"));
    auto agree = edit(differ, "F0-6E-0B-C2-04-*, location: hq-fl2", "F0-6E-0B-C2-04-*, location: hq-fl1");
    CHECK(only(run_rule(agree, "bssid-wildcard-conflict")).severity == Severity::error);
    auto apart = edit(differ, "F0-6E-0B-C2-04-*", "F0-6E-0B-C2-05-*");
    CHECK(run_rule(apart, "bssid-wildcard-conflict").empty());
}

TEST_CASE("address-msag-format") {
    auto y = edit(base_us(), "street_name: MAIN, street_suffix: ST", "street_name: EAST HIGHWAY 16 WEST, street_suffix: STREET");
    auto fs = run_rule(y, "address-msag-format");
    std::string all;
    for (const auto& f : fs) all += f.message + " | " + f.hint + "\n";
    INFO(all);
    CHECK(all.find("move it to pre_directional: E") != std::string::npos);
    CHECK(all.find("move it to post_directional: W") != std::string::npos);
    CHECK(all.find("write `ST`") != std::string::npos);
    for (const auto& f : fs) CHECK(f.target == "address/hq");
    auto lower = edit(base_us(), "city: SPRINGFIELD", "city: Springfield");
    const auto& f = only(run_rule(lower, "address-msag-format"));
    CHECK(f.hint == "write `SPRINGFIELD`");
    CHECK(f.line == line_of(lower, "city: Springfield"));
    auto umlaut = edit(base_us(), "city: SPRINGFIELD", "city: zürich");
    CHECK(only(run_rule(umlaut, "address-msag-format")).hint == "write `ZÜRICH`");  // ICU case mapping
    auto longhn = edit(base_us(), "house_number: \"1\"", "house_number: \"12345678901\"");
    CHECK(only(run_rule(longhn, "address-msag-format")).severity == Severity::error);
    auto dir = edit(base_us(), "house_number: \"1\",", "house_number: \"1\", pre_directional: NORTH,");
    CHECK(only(run_rule(dir, "address-msag-format")).hint == "write `N`");
    CHECK(run_rule(base_us(), "address-msag-format").empty());
    // Non-ASCII text goes through ICU: lengths in characters, not bytes; NFC checked.
    std::string e60;
    for (int i = 0; i < 60; ++i) e60 += "\xC3\x89";  // É, 2 bytes
    CHECK(run_rule(edit(base_us(), "company: ACME", "company: \"" + e60 + "\""), "address-msag-format").empty());
    const auto& e61 = only(run_rule(edit(base_us(), "company: ACME", "company: \"" + e60 + "\xC3\x89\""), "address-msag-format"));
    CHECK(e61.message.find("is 61 characters") != std::string::npos);
    auto decomposed = edit(base_us(), "city: SPRINGFIELD", "city: \"ZU\xCC\x88RICH\"");  // U + combining diaeresis
    CHECK(only(run_rule(decomposed, "address-msag-format")).message.find("not in Unicode NFC form") != std::string::npos);
}

TEST_CASE("address-not-validated and address-no-geocode") {
    auto y = edit(base_us(), "validated: true", "validated: false");
    CHECK(only(run_rule(y, "address-not-validated")).target == "address/hq");
    CHECK(run_rule(base_us(), "address-not-validated").empty());
    auto ng = edit(base_us(), "latitude: 39.8, longitude: -89.6, ", "");
    CHECK(only(run_rule(ng, "address-no-geocode")).target == "address/hq");
    auto au = edit(edit(ng, "country: US, validated", "country: AU, validated"), "state: IL", "state: NS");
    CHECK(run_rule(au, "address-no-geocode").empty());
}

TEST_CASE("location-not-dispatchable") {
    auto y = after(base_us(), "  - {id: hq-fl1", "  - {id: hq-lobby, address: hq}\n");
    const auto& f = only(run_rule(y, "location-not-dispatchable"));
    CHECK(f.target == "location/hq-lobby");
    CHECK(f.line == line_of(y, "hq-lobby"));
    auto ok = after(base_us(), "  - {id: hq-fl1", "  - {id: hq-lobby, address: hq, place: LOBBY}\n");
    CHECK(run_rule(ok, "location-not-dispatchable").empty());
    auto single = edit(base_us(), "place: FL 1, ", "");  // the only location of its building
    CHECK(run_rule(single, "location-not-dispatchable").empty());
}

TEST_CASE("elin-shared, elin-is-user-number, elin-too-many") {
    auto y = after(base_us(), "addresses:", "  - {id: annex, house_number: \"2\", street_name: MAIN, street_suffix: ST, city: SPRINGFIELD, county: SANGAMON, state: IL, postal_code: \"62701\", country: US, latitude: 39.8, longitude: -89.6, validated: true}\n");
    auto shared = after(y, "  - {id: hq-fl1", "  - {id: annex-fl1, address: annex, place: FL 1, elins: [\"+12175550101\"]}\n");
    const auto& f = only(run_rule(shared, "elin-shared"));
    CHECK(f.message.find("+12175550101") != std::string::npos);
    CHECK(f.related.size() == 1);
    auto distinct = after(y, "  - {id: hq-fl1", "  - {id: annex-fl1, address: annex, place: FL 1, elins: [\"+12175550109\"]}\n");
    CHECK(run_rule(distinct, "elin-shared").empty());

    auto user = edit(base_us(), "phone_number: \"+12175550123\"", "phone_number: \"+12175550101\"");
    const auto& u = only(run_rule(user, "elin-is-user-number"));
    CHECK(u.target == "location/hq-fl1");
    CHECK(run_rule(base_us(), "elin-is-user-number").empty());

    auto six = edit(base_us(), "elins: [\"+12175550101\"]", "elins: [\"+12175550101\", \"+12175550102\", \"+12175550103\", \"+12175550104\", \"+12175550105\", \"+12175550106\"]");
    CHECK(only(run_rule(six, "elin-too-many")).target == "location/hq-fl1");
    auto five = edit(base_us(), "elins: [\"+12175550101\"]", "elins: [\"+12175550101\", \"+12175550102\", \"+12175550103\", \"+12175550104\", \"+12175550105\"]");
    CHECK(run_rule(five, "elin-too-many").empty());
}

TEST_CASE("elin-shared among many ELINs: each shared one once, with every use") {
    // The uses are grouped by hash before they are compared: many distinct ELINs, two shared ones
    // (one by three locations), each reported as a plain sort by ELIN reports it.
    auto y = after(base_us(), "addresses:", "  - {id: annex, house_number: \"2\", street_name: MAIN, street_suffix: ST, city: SPRINGFIELD, county: SANGAMON, state: IL, postal_code: \"62701\", country: US, latitude: 39.8, longitude: -89.6, validated: true}\n");
    std::string more;
    for (int i = 0; i < 500; ++i)
        more += "  - {id: hq-r" + std::to_string(i) + ", address: hq, place: R" + std::to_string(i) + ", elins: [\"+1217556" +
                std::to_string(1000 + i) + "\"]}\n";
    more += "  - {id: annex-a, address: annex, place: A, elins: [\"+12175561400\"]}\n";
    more += "  - {id: annex-b, address: annex, place: B, elins: [\"+12175561007\", \"+12175569999\"]}\n";
    more += "  - {id: annex-c, address: annex, place: C, elins: [\"+12175561007\"]}\n";
    auto fs = run_rule(after(y, "  - {id: hq-fl1", more), "elin-shared");
    REQUIRE(fs.size() == 2);  // in file order, as every answer of lint()
    CHECK(fs[0].message.find("ELIN +12175561400 is used at 2 different addresses") == 0);
    CHECK(fs[0].target == "location/annex-a");
    CHECK(fs[0].related.size() == 1);  // hq-r400
    CHECK(fs[1].message.find("ELIN +12175561007 is used at 2 different addresses") == 0);
    CHECK(fs[1].target == "location/annex-b");  // the second use, in list order
    CHECK(fs[1].related.size() == 2);           // hq-r7 and annex-c
}

TEST_CASE("elin-missing") {
    auto elin = edit(base_us(), "emergency_routing: location", "emergency_routing: elin");
    CHECK(run_rule(elin, "elin-missing").empty());
    auto none = edit(elin, ", elins: [\"+12175550101\"]", "");
    const auto& f = only(run_rule(none, "elin-missing"));
    CHECK(f.target == "location/hq-fl1");
    CHECK(f.line == line_of(none, "id: hq-fl1"));
    auto loc_routing = edit(base_us(), ", elins: [\"+12175550101\"]", "");  // not an ELIN gateway
    CHECK(run_rule(loc_routing, "elin-missing").empty());
}

TEST_CASE("dial-mask-duplicate") {
    auto dup = edit(base_us(), "dial_masks: [\"9911\", \"112\"]", "dial_masks: [\"9911\", \"9911\", \"112\"]");
    const auto& f = only(run_rule(dup, "dial-mask-duplicate"));
    CHECK(f.target == "emergency_call_routing_policy/routing");
    auto cross = after(edit(base_us(), "dial_masks: [\"9911\", \"112\"]", "dial_masks: [\"9911\", \"112\", \"933\"]"),
                       "- {dial_string: \"911\"", "      - {dial_string: \"933\", pstn_usage: emergency}\n");
    CHECK(run_rule(cross, "dial-mask-duplicate").size() == 1);
    CHECK(run_rule(base_us(), "dial-mask-duplicate").empty());
}

TEST_CASE("dial-mask-too-long and emergency-numbers-limit") {
    auto y = edit(base_us(), "\"9911\", \"112\"", "\"9911\", \"112\", \"12345678901\"");
    CHECK(only(run_rule(y, "dial-mask-too-long")).line == line_of(y, "12345678901"));
    CHECK(run_rule(edit(base_us(), "\"9911\", \"112\"", "\"9911\", \"112\", \"1234567890\""), "dial-mask-too-long").empty());
    std::string masks;
    for (int i = 0; i < 26; ++i) masks += std::string(i ? ", " : "") + "\"" + std::to_string(1000 + i) + "\"";  // 26*5-1 = 129 chars
    auto sfb = base_us() + "location_policies:\n  - {id: lp, enhanced_emergency_services: true, pstn_usage: emergency, dial_string: \"911\", dial_masks: [" + masks + "]}\n";
    CHECK(only(run_rule(sfb, "dial-mask-too-long")).target == "location_policy/lp");

    std::string nums;
    for (int i = 0; i < 6; ++i) nums += "      - {dial_string: \"" + std::to_string(910 + i) + "\"}\n";
    auto six = base_us() + "location_policies:\n  - id: lp\n    numbers:\n" + nums;
    const auto& f = only(run_rule(six, "emergency-numbers-limit"));
    CHECK(f.severity == Severity::warning);
    CHECK(f.target == "location_policy/lp");
    std::string five;
    for (int i = 0; i < 5; ++i) five += "      - {dial_string: \"" + std::to_string(910 + i) + "\"}\n";
    CHECK(run_rule(base_us() + "location_policies:\n  - id: lp\n    numbers:\n" + five, "emergency-numbers-limit").empty());
}

TEST_CASE("emergency-number-missing and emergency-number-unknown use Microsoft's Teams list") {
    // 112 is not in Microsoft's US list: a Teams policy without it is complete (issue 10, item 5).
    auto y = edit(base_us(), "[\"9911\", \"112\"]", "[\"9911\"]");
    CHECK(run_rule(y, "emergency-number-missing").empty());
    auto no911 = edit(base_us(), "dial_string: \"911\", dial_masks: [\"9911\", \"112\"]", "dial_string: \"112\"");
    const auto& f = only(run_rule(no911, "emergency-number-missing"));
    CHECK(f.message.find("911 is an emergency number in US (Microsoft's Teams list for US)") == 0);
    CHECK(f.target == "emergency_call_routing_policy/routing");
    CHECK(run_rule(base_us(), "emergency-number-missing").empty());
    auto ch = edit(edit(base_us(), "defaults: {platform: teams, country: US}", "defaults: {platform: teams, country: CH}"), "country: US,", "country: CH,");
    ch = edit(ch, "state: IL", "state: BE");
    auto missing_ch = run_rule(ch, "emergency-number-missing");
    std::string msgs;
    for (const auto& m : missing_ch) msgs += m.message + "\n";
    INFO(msgs);
    CHECK(msgs.find("117") != std::string::npos);
    CHECK(msgs.find("144") != std::string::npos);
    CHECK(msgs.find("118") != std::string::npos);

    auto unknown = after(base_us(), "- {dial_string: \"911\"", "      - {dial_string: \"999\", pstn_usage: emergency}\n");
    const auto& u = only(run_rule(unknown, "emergency-number-unknown"));
    CHECK(u.severity == Severity::info);
    CHECK(u.message.find("999") != std::string::npos);
    auto test933 = after(base_us(), "- {dial_string: \"911\"", "      - {dial_string: \"933\", pstn_usage: emergency}\n");
    CHECK(run_rule(test933, "emergency-number-unknown").empty());
}

TEST_CASE("kari-direct-dial: bare 911, and a route matching it as the platform sends it") {
    auto masked = edit(base_us(), "dial_string: \"911\", dial_masks: [\"9911\", \"112\"]", "dial_string: \"9911\", dial_masks: [\"112\"]");
    const auto& f = only(run_rule(masked, "kari-direct-dial"));
    CHECK(f.message.find("`911` is not a dial string") == 0);
    auto plus = edit(base_us(), "number_pattern: '^911$'", "number_pattern: '^\\+911$'");
    CHECK(only(run_rule(plus, "kari-direct-dial")).message.find("no route") == 0);
    CHECK(run_rule(base_us(), "kari-direct-dial").empty());
    // SfB sends +911: a route matching only 911 fails, one matching +911 passes.
    auto sfb = base_us() + "location_policies:\n  - {id: global, enhanced_emergency_services: true, pstn_usage: emergency, dial_string: \"911\", dial_masks: [\"112\"], notification_uris: [\"sip:desk@acme.com\"]}\n";
    CHECK(run_rule(sfb, "kari-direct-dial").size() == 1);
    CHECK(run_rule(edit(sfb, "number_pattern: '^911$'", "number_pattern: '^\\+?911$'"), "kari-direct-dial").empty());
}

TEST_CASE("dial-plan-shadows-emergency shows what the rule does") {
    auto y = edit(base_us(), "  routing_policies:", "  dial_plans:\n    - id: global\n      rules:\n        - {name: strip-9, pattern: '^9(\\d+)$', translation: '$1'}\n  routing_policies:");
    auto fs = run_rule(y, "dial-plan-shadows-emergency");
    REQUIRE(fs.size() == 1);  // 911 -> 11; 9911 -> 911 is still the emergency number 911, as the simulator finds
    CHECK(fs[0].target == "dial_plan/global");
    CHECK(fs[0].line == line_of(y, "strip-9"));
    bool saw = false;
    for (const auto& f : fs) saw = saw || f.message.find("`911` into `11`") != std::string::npos;
    CHECK(saw);
    auto anchored = edit(y, "'^9(\\d+)$'", "'^9(\\d{10})$'");
    CHECK(run_rule(anchored, "dial-plan-shadows-emergency").empty());
    auto unused = edit(y, "- id: global", "- id: nobody-uses-me");
    CHECK(run_rule(unused, "dial-plan-shadows-emergency").empty());
}

TEST_CASE("legacy-dial-string-mismatch") {
    auto y = base_us() + "location_policies:\n  - id: lp\n    dial_string: \"911\"\n    numbers:\n      - {dial_string: \"112\"}\n";
    CHECK(only(run_rule(y, "legacy-dial-string-mismatch")).line == line_of(y, "dial_string: \"911\"\n"));
    auto ok = base_us() + "location_policies:\n  - id: lp\n    dial_string: \"112\"\n    numbers:\n      - {dial_string: \"112\"}\n";
    CHECK(run_rule(ok, "legacy-dial-string-mismatch").empty());
}

TEST_CASE("emergency-route-missing, route-no-gateway, gateway-pidf-off") {
    auto y = edit(base_us(), "number_pattern: '^911$'", "number_pattern: '^933$'");
    const auto& f = only(run_rule(y, "emergency-route-missing"));
    CHECK(f.target == "emergency_call_routing_policy/routing");
    CHECK(run_rule(base_us(), "emergency-route-missing").empty());

    auto off = edit(base_us(), "{id: sbc, pidf_lo: true", "{id: sbc, enabled: false, pidf_lo: true");
    off = edit(off, "{id: sbc2, pidf_lo: true", "{id: sbc2, enabled: false, pidf_lo: true");
    CHECK(run_rule(off, "route-no-gateway").size() == 2);
    CHECK(run_rule(base_us(), "route-no-gateway").empty());

    auto pidf = edit(base_us(), "pidf_lo: true", "pidf_lo: false");
    const auto& p = only(run_rule(pidf, "gateway-pidf-off"));
    CHECK(p.target == "gateway/sbc");
    auto fixed = edit(pidf, "emergency_routing: location", "emergency_routing: fixed");
    CHECK(run_rule(fixed, "gateway-pidf-off").empty());
    auto elin = edit(pidf, "emergency_routing: location", "emergency_routing: elin");
    CHECK(only(run_rule(elin, "gateway-pidf-off")).message.find("reads the ELIN from the PIDF-LO") != std::string::npos);
}

TEST_CASE("route-pattern-invalid: syntax and catastrophic backtracking, never a crash") {
    auto y = edit(base_us(), "number_pattern: '^\\+1\\d{10}$'", "number_pattern: '^(\\+1'");
    const auto& f = only(run_rule(y, "route-pattern-invalid"));
    CHECK(f.target == "route/local");
    auto evil = edit(base_us(), "number_pattern: '^\\+1\\d{10}$'", "number_pattern: '^(\\d+)+$'");
    auto fs = run_rule(evil, "route-pattern-invalid");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message.find("complexity") != std::string::npos);
    CHECK(run_rule(base_us(), "route-pattern-invalid").empty());
}

TEST_CASE("user-no-emergency-routing") {
    auto y = edit(base_us(), "emergency_call_routing_policy: routing, routing_policy", "routing_policy");
    const auto& f = only(run_rule(y, "user-no-emergency-routing"));
    CHECK(f.target == "user/alice");
    CHECK(f.severity == Severity::warning);  // the site still provides one on-site
    auto nosite = edit(y, ", emergency_call_routing_policy: routing}", "}");
    CHECK(only(run_rule(nosite, "user-no-emergency-routing")).severity == Severity::error);
    auto global = edit(y, "  - id: routing\n", "  - id: global\n");
    global = edit(global, "emergency_call_routing_policy: routing}", "emergency_call_routing_policy: global}");
    CHECK(run_rule(global, "user-no-emergency-routing").empty());
    auto sfb = after(base_us(), "users:", "  - {id: bob, platform: sfb, location_policy: lp}\n") +
               "location_policies:\n  - {id: lp, enhanced_emergency_services: false}\n";
    CHECK(only(run_rule(sfb, "user-no-emergency-routing")).target == "user/bob");
}

TEST_CASE("unused-object") {
    auto y = after(base_us(), "emergency_calling_policies:", "  - {id: spare, notification_group: [x@acme.com]}\n");
    const auto& f = only(run_rule(y, "unused-object"));
    CHECK(f.target == "emergency_calling_policy/spare");
    CHECK(f.severity == Severity::info);
    CHECK(run_rule(base_us(), "unused-object").empty());
    auto g = after(base_us(), "emergency_calling_policies:", "  - {id: global, notification_group: [x@acme.com]}\n");
    CHECK(run_rule(g, "unused-object").empty());
}

TEST_CASE("kari-no-notification") {
    auto y = edit(base_us(), "{id: notify, notification_mode: conference_muted, notification_group: [desk@acme.com], notification_dial_out: \"+12175550199\"}",
                  "{id: notify}");
    auto fs = run_rule(y, "kari-no-notification");
    REQUIRE(fs.size() == 1);  // once per policy, not per site and user
    CHECK(fs[0].target == "emergency_calling_policy/notify");
    auto ext = edit(base_us(), "notification_dial_out: \"+12175550199\"}", "notification_dial_out: \"+12175550199\", extended_notifications: [{dial_string: \"911\", notification_mode: none}]}");
    CHECK(run_rule(ext, "kari-no-notification").size() == 1);
    CHECK(run_rule(base_us(), "kari-no-notification").empty());
    auto ch = edit(edit(y, "country: US}", "country: CH}"), "country: US,", "country: CH,");  // not US law
    CHECK(run_rule(ch, "kari-no-notification").empty());
}

TEST_CASE("kari-notification-building: one site, several buildings") {
    auto y = after(base_us(), "addresses:", "  - {id: annex, house_number: \"2\", street_name: MAIN, street_suffix: ST, city: SPRINGFIELD, county: SANGAMON, state: IL, postal_code: \"62701\", country: US, latitude: 39.8, longitude: -89.6, validated: true}\n");
    y = after(y, "  - {id: hq-fl1", "  - {id: annex-fl1, address: annex, place: FL 1, elins: [\"+12175550102\"]}\n");
    auto wifi = after(y, "    - {network_id: 10.0.0.0, location: hq-fl1}", "  wireless_access_points:\n    - {bssid: F0-6E-0B-C2-04-*, location: annex-fl1, site: hq}\n");
    const auto& f = only(run_rule(wifi, "kari-notification-building"));
    CHECK(f.target == "site/hq");
    CHECK(f.related.size() == 2);
    auto untagged = edit(wifi, "location: annex-fl1, site: hq}", "location: annex-fl1}");
    CHECK(run_rule(untagged, "kari-notification-building").empty());
}

TEST_CASE("notification-unmuted, notification-group-limit, external-lookup-global") {
    auto y = edit(base_us(), "notification_mode: conference_muted", "notification_mode: conference_unmuted");
    CHECK(only(run_rule(y, "notification-unmuted")).line == line_of(y, "conference_unmuted"));
    CHECK(run_rule(base_us(), "notification-unmuted").empty());
    std::string many;
    for (int i = 0; i < 11; ++i) many += std::string(i ? ", " : "") + "d" + std::to_string(i) + "@acme.com";
    auto g = edit(base_us(), "notification_group: [desk@acme.com]", "notification_group: [" + many + "]");
    CHECK(only(run_rule(g, "notification-group-limit")).target == "emergency_calling_policy/notify");
    CHECK(run_rule(base_us(), "notification-group-limit").empty());
    auto ext = after(base_us(), "emergency_calling_policies:", "  - {id: global, notification_group: [x@acme.com], external_location_lookup: true}\n");
    CHECK(only(run_rule(ext, "external-lookup-global")).target == "emergency_calling_policy/global");
    auto per_user = after(base_us(), "emergency_calling_policies:", "  - {id: remote, notification_group: [x@acme.com], external_location_lookup: true}\n");
    CHECK(run_rule(per_user, "external-lookup-global").empty());
}

TEST_CASE("psap-mismatch, psap-relay, psap-unknown") {
    // The trunk sits in another county with fixed routing: the call reaches the wrong PSAP.
    auto y = after(base_us(), "addresses:", "  - {id: dc, house_number: \"9\", street_name: MAIN, street_suffix: ST, city: PEORIA, county: PEORIA, state: IL, postal_code: \"61602\", country: US, latitude: 40.6, longitude: -89.5, validated: true}\n");
    y = edit(y, "address: hq, emergency_routing: location", "address: dc, emergency_routing: fixed");
    y = after(y, "psaps:", "  - {id: peoria, serves: [{country: US, state: IL, county: PEORIA}]}\n");
    const auto& f = only(run_rule(y, "psap-mismatch"));
    CHECK(f.target == "site/hq");
    CHECK(f.message.find("reach PSAP `peoria`") != std::string::npos);
    CHECK(run_rule(base_us(), "psap-mismatch").empty());

    auto relay = edit(base_us(), "validated: true", "validated: false");
    CHECK(only(run_rule(relay, "psap-relay")).target == "site/hq");
    CHECK(run_rule(base_us(), "psap-relay").empty());

    auto unknown = edit(base_us(), "county: SANGAMON, state", "county: MENARD, state");
    CHECK(only(run_rule(unknown, "psap-unknown")).target == "address/hq");
    CHECK(run_rule(base_us(), "psap-unknown").empty());
}

TEST_CASE("waivers keep findings visible, expire, and must match") {
    auto y = edit(base_us(), "validated: true", "validated: false");
    auto waived = y + "waivers:\n  - {rule: address-not-validated, target: address/hq, reason: geocoder outage, approved_by: cio@acme.com, expires: 2027-01-31}\n";
    LintOptions opt;
    opt.today = "2026-11-21";
    opt.select = {"address-not-validated", "waivers"};
    auto fs = lint(test::config(waived), opt);
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].waived);
    CHECK(fs[0].waived->approved_by == "cio@acme.com");
    CHECK_FALSE(fails(fs, Severity::info));

    opt.today = "2027-02-01";
    fs = lint(test::config(waived), opt);
    REQUIRE(fs.size() == 2);
    bool expired = false, active = false;
    for (const auto& f : fs) expired = expired || f.rule == "waiver-expired", active = active || (f.rule == "address-not-validated" && !f.waived);
    CHECK(expired);
    CHECK(active);

    auto stray = base_us() + "waivers:\n  - {rule: address-not-validated, target: address/hq, reason: r, approved_by: a, expires: 2027-01-31}\n"
                             "  - {rule: adress-not-validated, target: address/hq, reason: r, approved_by: a, expires: 2027-01-31}\n";
    opt.today = "2026-11-21";
    opt.select = {};
    auto un = lint(test::config(stray), opt);
    int unmatched = 0;
    for (const auto& f : un)
        if (f.rule == "waiver-unmatched") {
            ++unmatched;
            if (f.message.find("does not exist") != std::string::npos) CHECK(f.hint == "did you mean `address-not-validated`?");
        }
    CHECK(unmatched == 2);
}

TEST_CASE("select, ignore and unknown rule names") {
    auto y = edit(base_us(), "validated: true", "validated: false");
    LintOptions opt;
    opt.ignore = {"address"};
    for (const auto& f : lint(test::config(y), opt)) CHECK(f.rule.rfind("address", 0) != 0);
    opt.ignore = {"adress-not-validated"};
    CHECK_THROWS_AS(lint(test::config(y), opt), std::invalid_argument);
}

TEST_CASE("every rule has documentation and every documented rule exists") {
    for (const auto& r : rules()) {
        INFO(r.id);
        CHECK_FALSE(r.summary.empty());
        CHECK(rule_doc(r.id).rfind("# " + r.id, 0) == 0);
    }
    CHECK(find_rule("psap-mismatch"));
    CHECK(find_rule("unknown-key"));  // load diagnostics are rules too
    CHECK(rules().size() == 65);  // 44 rules, 21 load diagnostics
}
