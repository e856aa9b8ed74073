// Platform fidelity v2 (issue 10), the model, loader and lint side: each numbered item on a small config
// that today's code got wrong, and the new lint rules with a trigger and a near miss each.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compile/compiled.hpp"
#include "compile/emergency_numbers.hpp"
#include "helpers.hpp"

using namespace e911;
using test::base_us;
using test::line_of;
using test::run_rule;
using test::edit;
using test::after;

namespace {
std::string messages(const std::vector<Finding>& fs) {
    std::string all;
    for (const auto& f : fs) all += f.message + "\n";
    return all;
}
// base_us moved to another country (defaults, the address and its PSAP).
std::string in_country(const std::string& country, const std::string& state) {
    auto y = edit(base_us(), "defaults: {platform: teams, country: US}",
                  "defaults: {platform: teams, country: " + country + "}");
    y = edit(y, "state: IL, postal_code: \"62701\", country: US",
             "state: " + state + ", postal_code: \"62701\", country: " + country);
    return edit(y, "{country: US, state: IL, county: SANGAMON}", "{country: " + country + ", state: " + state + "}");
}
// The Teams policy's numbers replaced by `numbers` (each with the emergency usage).
std::string with_numbers(const std::string& y, const std::vector<std::string>& numbers) {
    std::string list;
    for (const auto& n : numbers) list += "      - {dial_string: \"" + n + "\", pstn_usage: emergency}\n";
    return edit(y, "      - {dial_string: \"911\", dial_masks: [\"9911\", \"112\"], pstn_usage: emergency}\n", list);
}
}  // namespace

// ----------------------------------------------------------------- item 5: emergency numbers per country

TEST_CASE("Microsoft's Teams table ships with its source and each country's numbers and masks") {
    using namespace e911::detail;
    const auto& info = teams_table_info();
    CHECK(info.commit == "36169d99269b036f5091b7630a00a0bd97c8d3ea");
    CHECK(info.ms_date == "05/01/2024");
    CHECK(info.licence.find("CC-BY-4.0") == 0);
    CHECK(info.source.find("emergency-numbers-reference.md") != std::string::npos);
    const auto& us = teams_emergency_numbers("US");
    REQUIRE(us.size() == 2);
    CHECK(us[0].number == "911");
    CHECK(us[0].masks == std::vector<std::string>{"1911", "9911"});
    CHECK(us[1].number == "933");
    CHECK(us[1].masks == std::vector<std::string>{"9933"});
    CHECK(teams_emergency_numbers("BE").size() == 12);
    bool listed = true;
    CHECK(teams_emergency_numbers("ZZ", &listed).empty());
    CHECK_FALSE(listed);
    CHECK(teams_emergency_numbers("ZW", &listed).empty());  // listed, with no emergency number
    CHECK(listed);
}

TEST_CASE("is_emergency_number: Teams by Microsoft's table, Skype for Business by libphonenumber, up to 6 digits") {
    using namespace e911::detail;
    for (auto [num, country] : {std::pair{"911", "US"},
                                {"933", "US"},
                                {"143", "CH"},
                                {"147", "CH"},
                                {"116000", "FR"},
                                {"132500", "AU"},
                                {"11313", "SE"},
                                {"000", "AU"}}) {
        INFO(num << " " << country);
        CHECK(is_emergency_number(num, country, Platform::teams));
    }
    CHECK_FALSE(is_emergency_number("112", "US", Platform::teams));  // not in Microsoft's US list
    CHECK(is_emergency_number("112", "US", Platform::sfb));          // libphonenumber lists it
    CHECK(is_emergency_number("112", "US"));
    CHECK_FALSE(is_emergency_number("1234567", "US"));  // longer than any short number
    auto ch = emergency_numbers("CH", Platform::teams);
    CHECK(ch.source == NumberSource::microsoft_teams);
    CHECK(ch.numbers == std::vector<std::string>{"112", "117", "118", "143", "144", "147"});
    CHECK(source_name(ch.source, "CH") == "Microsoft's Teams list for CH");
    auto xk = emergency_numbers("XK", Platform::teams);  // not in Microsoft's table: libphonenumber, and says so
    CHECK(xk.source == NumberSource::libphonenumber);
    CHECK(emergency_numbers("CH", Platform::sfb).source == NumberSource::libphonenumber);
}

TEST_CASE("item 5: a US Teams policy with 911 and 933 and no 112 is complete") {
    auto y = edit(with_numbers(base_us(), {"911", "933"}), "number_pattern: '^911$'", "number_pattern: '^(911|933)$'");
    CHECK(run_rule(y, "emergency-number-missing").empty());
    CHECK(run_rule(y, "emergency-number-unknown").empty());
}

TEST_CASE("item 5: CH 143/147, FR 116000, AU 132500, SE 11313 are emergency numbers for Teams there") {
    struct Case {
        const char* country;
        const char* state;
        std::vector<std::string> numbers;
    };
    for (const auto& c :
         {Case{"CH", "BE", {"112", "117", "118", "143", "144", "147"}},
          Case{"FR", "IDF", {"112", "115", "116000", "119", "15", "17", "18"}},
          Case{"AU", "NSW", {"000", "112", "106", "132500"}}, Case{"SE", "AB", {"112", "11313", "11414", "1177"}}}) {
        INFO(c.country);
        auto y = with_numbers(in_country(c.country, c.state), c.numbers);
        CHECK(run_rule(y, "emergency-number-unknown").empty());
        CHECK(run_rule(y, "emergency-number-missing").empty());
    }
    // One number short: the finding names the number and Microsoft's list.
    auto ch = with_numbers(in_country("CH", "BE"), {"112", "117", "118", "144", "147"});
    const auto fs = run_rule(ch, "emergency-number-missing");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message.find("143 is an emergency number in CH (Microsoft's Teams list for CH)") == 0);
}

TEST_CASE("item 5: Skype for Business policies are judged by libphonenumber, and the finding says so") {
    auto y = with_numbers(in_country("CH", "BE"), {"112", "117", "118", "143", "144", "147"}) +
             "location_policies:\n  - {id: global, enhanced_emergency_services: true, pstn_usage: emergency, "
             "numbers: [{dial_string: \"112\"}, {dial_string: \"4711\"}]}\n";
    const auto fs = run_rule(y, "emergency-number-unknown");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].target == "location_policy/global");
    CHECK(fs[0].message.find("`4711` is not an emergency number in CH (libphonenumber's list for CH)") !=
          std::string::npos);
    CHECK(messages(run_rule(y, "emergency-number-missing")).find("libphonenumber's list for CH") != std::string::npos);
}

// ----------------------------------------------------------------- item 6: no invented Teams limit

TEST_CASE("item 6: a Teams routing policy with Belgium's 12 numbers is within limits") {
    std::vector<std::string> be = {"100", "101", "102", "103", "105", "106", "107", "108", "110", "112", "117", "119"};
    auto y = with_numbers(in_country("BE", "BRU"), be);
    CHECK(run_rule(y, "emergency-numbers-limit").empty());
    CHECK(run_rule(y, "emergency-number-missing").empty());
    CHECK(run_rule(y, "emergency-number-unknown").empty());
}

// ----------------------------------------------------------------- item 7: BSSID wildcard pairs

TEST_CASE("item 7: an exact BSSID inside a wildcard is an error with the same location, info with another") {
    auto y =
        after(base_us(), "  - {id: hq-fl1", "  - {id: hq-fl2, address: hq, place: FL 2, elins: [\"+12175550102\"]}\n");
    auto same = after(y, "    - {network_id: 10.0.0.0, location: hq-fl1}",
                      "  wireless_access_points:\n    - {bssid: F0-6E-0B-C2-04-1A, location: hq-fl1}\n"
                      "    - {bssid: F0-6E-0B-C2-04-*, location: hq-fl1}\n");
    const auto fs = run_rule(same, "bssid-wildcard-conflict");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::error);
    CHECK(fs[0].message.find("Teams refuses") != std::string::npos);
    CHECK(fs[0].line == line_of(same, "F0-6E-0B-C2-04-1A"));
    auto other = edit(same, "F0-6E-0B-C2-04-*, location: hq-fl1", "F0-6E-0B-C2-04-*, location: hq-fl2");
    const auto gs = run_rule(other, "bssid-wildcard-conflict");
    REQUIRE(gs.size() == 1);
    CHECK(gs[0].severity == Severity::info);
    CHECK(gs[0].message.find("overrides") != std::string::npos);
}

// ----------------------------------------------------------------- item 8: a mask equal to its own dial string

TEST_CASE("item 8: -DialString 117 -DialMask 117 is harmless; repeats and another number's string stay errors") {
    auto own = in_country("CH", "BE") +
               "location_policies:\n  - id: global\n    enhanced_emergency_services: true\n    pstn_usage: emergency\n"
               "    numbers:\n      - {dial_string: \"117\", dial_masks: [\"117\"]}\n      - {dial_string: \"112\"}\n";
    auto fs = run_rule(own, "dial-mask-duplicate");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::info);
    auto other = edit(own, "dial_masks: [\"117\"]", "dial_masks: [\"112\"]");
    fs = run_rule(other, "dial-mask-duplicate");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::error);
    auto repeated = edit(own, "dial_masks: [\"117\"]", "dial_masks: [\"999\", \"999\"]");
    fs = run_rule(repeated, "dial-mask-duplicate");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::error);
    auto legacy = in_country("CH", "BE") +
                  "location_policies:\n  - {id: global, enhanced_emergency_services: true, pstn_usage: emergency, "
                  "dial_string: \"112\", dial_masks: [\"112\", \"999\"]}\n";
    fs = run_rule(legacy, "dial-mask-duplicate");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].severity == Severity::info);
}

// ----------------------------------------------------------------- item 9: subnets with host bits

TEST_CASE("item 9: a subnet or trusted IP with host bits loads as its network with a warning") {
    auto y = edit(edit(base_us(), "{prefix: 10.0.0.0/24, site: hq}", "{prefix: 10.0.0.1/24, site: hq}"),
                  "trusted_ips: [203.0.113.1]", "trusted_ips: [203.0.113.5/28]");
    auto r = test::load_yaml(y);
    INFO(diagnostics_to_text(r.diagnostics, false));
    CHECK(r.ok());
    REQUIRE(r.config.subnets.size() == 1);
    CHECK(r.config.subnets[0].prefix.to_string() == "10.0.0.0/24");
    CHECK(r.config.trusted_ips[0].prefix.to_string() == "203.0.113.0/28");
    const auto* d = test::find_diag(r.diagnostics, "subnet-host-bits", line_of(y, "10.0.0.1/24"));
    REQUIRE(d);
    CHECK(d->severity == Severity::warning);
    CHECK(d->message == "`10.0.0.1/24` has host bits set; it is loaded as its network 10.0.0.0/24");
    CHECK(d->key.find("prefix") != std::string::npos);
    CHECK(test::find_diag(r.diagnostics, "subnet-host-bits", line_of(y, "203.0.113.5/28")));
    // The LIS subnet 10.0.0.0 still maps: the subnet is its network.
    CHECK(run_rule(r.config, "lis-subnet-unmapped").empty());
    CHECK(run_rule(r.config, "lis-subnet-orphan").empty());
    CHECK(test::load_yaml(base_us()).diagnostics.empty());
}

// ----------------------------------------------------------------- item 10: ELIN window, port IDs, ELIN names

TEST_CASE("item 10: the ELIN callback window is 0-60, 0 meaning no callback routing") {
    auto y = edit(base_us(), "{id: sbc, pidf_lo: true,", "{id: sbc, elin_callback_minutes: 0, pidf_lo: true,");
    auto cfg = test::config(y);
    CHECK(cfg.gateways[0].elin_callback_minutes == 0);
    auto r = test::load_yaml(edit(y, "elin_callback_minutes: 0", "elin_callback_minutes: 61"));
    CHECK(test::find_diag(r.diagnostics, "invalid-value"));
}

TEST_CASE("item 10: MAC port IDs normalise like BSSIDs; other port IDs compare case-insensitively") {
    auto y = after(base_us(), "    - {network_id: 10.0.0.0, location: hq-fl1}",
                   "  ports:\n    - {chassis_id: 00-11-22-33-44-55, port_id: \"aa:bb:cc:dd:ee:0f\", location: hq-fl1}\n"
                   "    - {chassis_id: 00-11-22-33-44-55, port_id: Gi1/0/12, location: hq-fl1}\n");
    auto cfg = test::config(y);
    CHECK(cfg.ports[0].port_id == "AA-BB-CC-DD-EE-0F");
    CHECK(cfg.ports[1].port_id == "Gi1/0/12");  // kept as written
    detail::Compiled c(cfg);
    CHECK(c.find_port("00:11:22:33:44:55", "AABBCCDDEE0F") == 0);
    CHECK(c.find_port("00-11-22-33-44-55", "aa-bb-cc-dd-ee-0f") == 0);
    CHECK(c.find_port("00-11-22-33-44-55", "gi1/0/12") == 1);
    CHECK(c.find_port("00-11-22-33-44-55", "Gi1/0/13") == npos);
}

TEST_CASE("item 10: Teams ELINs may be names (MICROSOFT_ELIN); numbers still have to be E.164") {
    auto y = edit(base_us(), "elins: [\"+12175550101\"]", "elins: [MICROSOFT_ELIN]");
    auto cfg = test::config(y);
    CHECK(cfg.locations[0].elins == std::vector<std::string>{"MICROSOFT_ELIN"});
    for (const char* bad : {"\"+1 217 555 0101\"", "\"MICROSOFT ELIN\"", "\"+0123\""}) {
        INFO(bad);
        auto r = test::load_yaml(edit(base_us(), "elins: [\"+12175550101\"]", std::string("elins: [") + bad + "]"));
        CHECK(test::find_diag(r.diagnostics, "invalid-e164", line_of(y, "MICROSOFT_ELIN")));
    }
    // A user's number must still be a number.
    auto r = test::load_yaml(edit(base_us(), "phone_number: \"+12175550123\"", "phone_number: MICROSOFT_ELIN"));
    CHECK(test::find_diag(r.diagnostics, "invalid-e164"));
}

// ----------------------------------------------------------------- items 11, 12, 14: new user keys

TEST_CASE("items 11, 12, 14: pstn, usage_location, emergency_address and common_area_phone load and resolve") {
    auto y =
        edit(base_us(), "  - {id: alice, ",
             "  - {id: bob, pstn: calling_plan, usage_location: CA, emergency_address: hq, common_area_phone: true}\n"
             "  - {id: carol, pstn: operator_connect, emergency_address: hq-fl1}\n"
             "  - {id: alice, ");
    auto cfg = test::config(y);
    const auto& bob = cfg.users[cfg.find(Kind::user, "bob")];
    CHECK(bob.pstn == PstnConnectivity::calling_plan);
    CHECK(bob.usage_location == "CA");
    CHECK(cfg.usage_location_of(bob) == "CA");
    CHECK(bob.common_area_phone);
    CHECK(bob.emergency_address.resolved());
    CHECK(bob.emergency_address.alternative);  // an address, not a location
    CHECK(bob.emergency_address.index == cfg.find(Kind::address, "hq"));
    const auto& carol = cfg.users[cfg.find(Kind::user, "carol")];
    CHECK(carol.pstn == PstnConnectivity::operator_connect);
    CHECK(cfg.usage_location_of(carol) == "US");  // defaults to the user's (here the default) country
    CHECK_FALSE(carol.emergency_address.alternative);
    CHECK(carol.emergency_address.index == cfg.find(Kind::location, "hq-fl1"));
    const auto& alice = cfg.users[cfg.find(Kind::user, "alice")];
    CHECK(alice.pstn == PstnConnectivity::direct_routing);
    CHECK_FALSE(alice.common_area_phone);
    // Written back by the model JSON, and a dangling one names both kinds.
    auto j = nlohmann::json::parse(config_to_json(cfg));
    CHECK(j["users"][0]["pstn"] == "calling_plan");
    CHECK(j["users"][0]["emergency_address"] == "hq");
    auto r = test::load_yaml(edit(y, "emergency_address: hq,", "emergency_address: hq-fl9,"));
    const auto* d = test::find_diag(r.diagnostics, "dangling-reference", line_of(y, "id: bob"));
    REQUIRE(d);
    CHECK(d->message == "user `bob` refers to location or address `hq-fl9`, which is not defined");
    CHECK(d->hint == "did you mean `hq-fl1`?");
    auto bad = test::load_yaml(edit(y, "pstn: calling_plan", "pstn: calling-plan"));
    CHECK(test::find_diag(bad.diagnostics, "invalid-value"));
}

TEST_CASE("item 11: user-no-emergency-routing does not fire for Calling Plan or Operator Connect users") {
    auto y =
        edit(base_us(), "emergency_call_routing_policy: routing, routing_policy: users}", "routing_policy: users}");
    CHECK(run_rule(y, "user-no-emergency-routing").size() == 1);  // Direct Routing without a policy of its own
    CHECK(run_rule(edit(y, "{id: alice,", "{id: alice, pstn: calling_plan,"), "user-no-emergency-routing").empty());
    CHECK(run_rule(edit(y, "{id: alice,", "{id: alice, pstn: operator_connect,"), "user-no-emergency-routing").empty());
}

// ----------------------------------------------------------------- new rules

TEST_CASE("enhanced-emergency-off: a Teams or SfB policy with numbers and enhanced emergency services off") {
    auto teams = edit(base_us(), "  - id: routing\n", "  - id: routing\n    enhanced_emergency_services: false\n");
    auto fs = run_rule(teams, "enhanced-emergency-off");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].target == "emergency_call_routing_policy/routing");
    CHECK(fs[0].severity == Severity::error);
    CHECK(fs[0].line == line_of(teams, "enhanced_emergency_services: false"));
    CHECK(run_rule(base_us(), "enhanced-emergency-off").empty());
    auto sfb = base_us() + "location_policies:\n  - {id: lp, pstn_usage: emergency, dial_string: \"911\"}\n";
    fs = run_rule(sfb, "enhanced-emergency-off");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].target == "location_policy/lp");
    CHECK(fs[0].message.find("the cmdlet's default") != std::string::npos);
    // Near misses: switched on, or a policy without numbers.
    CHECK(run_rule(edit(sfb, "{id: lp,", "{id: lp, enhanced_emergency_services: true,"), "enhanced-emergency-off")
              .empty());
    CHECK(run_rule(base_us() + "location_policies:\n  - {id: lp}\n", "enhanced-emergency-off").empty());
}

TEST_CASE("emergency-single-gateway: a site whose emergency calls all depend on one SBC") {
    auto one = edit(base_us(), "gateways: [sbc, sbc2]", "gateways: [sbc]");
    auto fs = run_rule(one, "emergency-single-gateway");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].target == "site/hq");
    CHECK(fs[0].severity == Severity::warning);
    CHECK(fs[0].message.find("911") != std::string::npos);
    CHECK(fs[0].message.find("`sbc`") != std::string::npos);
    CHECK(run_rule(base_us(), "emergency-single-gateway").empty());  // two gateways on the route
    // A second route in the same usage through another gateway also keeps the calls up.
    auto two_routes = after(one, "- {id: emergency, priority: 1",
                            "    - {id: emergency-b, priority: 2, number_pattern: '^911$', pstn_usages: [emergency], "
                            "gateways: [sbc2]}\n");
    CHECK(run_rule(two_routes, "emergency-single-gateway").empty());
    // A disabled second gateway does not count.
    auto disabled = edit(base_us(), "{id: sbc2, pidf_lo: true", "{id: sbc2, enabled: false, pidf_lo: true");
    CHECK(run_rule(disabled, "emergency-single-gateway").size() == 1);
}

TEST_CASE("emergency-single-gateway: a Skype for Business site's numbers as SfB sends them (+112)") {
    std::ifstream in(E911_SOURCE_DIR "/examples/bern.yaml");
    std::stringstream text;
    text << in.rdbuf();
    auto two = text.str();
    CHECK(run_rule(two, "emergency-single-gateway").empty());
    auto one = edit(two, "gateways: [gw-bern.contoso.ch, gw-bern-2.contoso.ch]", "gateways: [gw-bern.contoso.ch]");
    const auto fs = run_rule(one, "emergency-single-gateway");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].target == "site/bern");
    CHECK(fs[0].message.find("112, 117, 118, 144") != std::string::npos);
}

TEST_CASE("dynamic-routing-unsupported: location routing relied on outside the US") {
    auto de = in_country("DE", "BE");
    auto fs = run_rule(de, "dynamic-routing-unsupported");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].target == "site/hq");
    CHECK(fs[0].severity == Severity::warning);
    CHECK(fs[0].message.find("only in the US") != std::string::npos);
    CHECK(fs[0].related.size() == 2);  // sbc and sbc2
    auto ca = run_rule(in_country("CA", "ON"), "dynamic-routing-unsupported");
    REQUIRE(ca.size() == 1);
    CHECK(ca[0].message.find("screened nationally") != std::string::npos);
    CHECK(run_rule(base_us(), "dynamic-routing-unsupported").empty());
    auto fixed = edit(edit(de, "emergency_routing: location", "emergency_routing: fixed"),
                      "emergency_routing: location", "emergency_routing: elin");
    CHECK(run_rule(fixed, "dynamic-routing-unsupported").empty());
    // The site's own country decides, before the default.
    auto us_site = edit(de, "- {id: hq, region: r,", "- {id: hq, region: r, country: US,");
    CHECK(run_rule(us_site, "dynamic-routing-unsupported").empty());
}
