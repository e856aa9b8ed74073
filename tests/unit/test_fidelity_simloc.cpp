// Platform fidelity v2 (issue 10), where the location came from: location classes and screening (item 12),
// the Direct Routing country rules (13), common area phones (14) and dual-stack callers (16). Each on a
// small config that the simulator answered wrongly, or not at all, before.
#include <nlohmann/json.hpp>
#include <sstream>

#include "helpers.hpp"

using namespace e911;
using test::edit;
using test::after;
using test::base_us;
using test::line_of;

namespace {
// base_us with a second subnet of site hq that has no LIS entry.
std::string with_unmapped_subnet(const std::string& y) {
    return edit(y, "    - {prefix: 10.0.0.0/24, site: hq}\n",
                "    - {prefix: 10.0.0.0/24, site: hq}\n    - {prefix: 10.0.1.0/24, site: hq}\n");
}
const TraceStep* step(const Trace& t, const std::string& name, const std::string& result = "") {
    for (const auto& s : t.trace)
        if (s.step == name && (result.empty() || s.result == result)) return &s;
    return nullptr;
}
std::string steps(const Trace& t) {
    std::string all;
    for (const auto& s : t.trace) all += s.step + " = " + s.result + ": " + s.because + "\n";
    return all;
}
Trace call(const Config& cfg, std::initializer_list<std::pair<const char*, const char*>> fields) {
    Caller c;
    for (const auto& [k, v] : fields) set_caller_field(c, k, v);
    return Simulator(cfg).simulate(c);
}
}  // namespace

// ------------------------------------------------------------------- item 12: where the location came from

TEST_CASE("A LIS location is class lis and goes straight to the PSAP", "[fidelity]") {
    auto cfg = test::config(base_us());
    auto t = call(cfg, {{"dialed", "911"}, {"user", "alice"}, {"ip", "10.0.0.5/24"}});
    INFO(steps(t));
    CHECK(t.location_class == LocationClass::lis);
    CHECK_FALSE(t.screened);
    CHECK(t.psap == "sangamon");
    auto j = nlohmann::json::parse(trace_to_json(t));
    CHECK(j["location_class"] == "lis");
    CHECK(j["screened"] == false);
    REQUIRE(step(t, "screening", "direct"));
    CHECK(step(t, "screening")->because.find("location-source table") != std::string::npos);
}

TEST_CASE("A user-entered address on the network is screened and transferred; correct when that PSAP serves it",
          "[fidelity]") {
    auto cfg = test::config(with_unmapped_subnet(base_us()));
    auto t = call(cfg, {{"dialed", "911"}, {"user", "alice"}, {"ip", "10.0.1.5/24"}, {"client_location", "hq-fl1"}});
    INFO(steps(t));
    CHECK(t.location_class == LocationClass::user_entered);
    CHECK(t.location == "hq-fl1");
    CHECK(t.screened);
    CHECK(t.psap == "ecrc");
    CHECK(t.psap_relay);
    CHECK(t.psap_correct == true);
    CHECK(t.psap_reason.find("screened by the relay centre") != std::string::npos);
    REQUIRE(step(t, "location_class", "user_entered"));
    // Confirmed by the user: Microsoft routes it directly.
    auto confirmed = call(cfg, {{"dialed", "911"}, {"user", "alice"}, {"ip", "10.0.1.5/24"},
                                {"client_location", "hq-fl1"}, {"client_location_source", "confirmed"}});
    CHECK(confirmed.location_class == LocationClass::user_confirmed);
    CHECK_FALSE(confirmed.screened);
    CHECK(confirmed.psap == "sangamon");
    auto unconfirmed = call(cfg, {{"dialed", "911"}, {"user", "alice"}, {"ip", "10.0.1.5/24"},
                                  {"client_location", "hq"}, {"client_location_source", "unconfirmed"}});
    CHECK(unconfirmed.location_class == LocationClass::os_unconfirmed);
    CHECK(unconfirmed.address == "hq");  // an address id, no location
    CHECK(unconfirmed.screened);
    CHECK(unconfirmed.psap_correct == true);
}

TEST_CASE("Off the network, the client supplies a location only with external location lookup on", "[fidelity]") {
    std::string y = base_us();
    auto off = test::config(y);
    auto t = call(off, {{"dialed", "911"}, {"user", "alice"}, {"public_ip", "198.51.100.7"},
                        {"client_location", "hq-fl1"}, {"client_location_source", "confirmed"}});
    INFO(steps(t));
    CHECK(t.location_class == LocationClass::none);
    CHECK(t.location.empty());
    CHECK(t.screened);  // no location: the provider's relay centre
    REQUIRE(step(t, "location_class", "client location not used"));
    CHECK(step(t, "location_class", "client location not used")->line == line_of(y, "{id: notify,"));

    y = edit(y, "notification_dial_out: \"+12175550199\"}",
             "notification_dial_out: \"+12175550199\", external_location_lookup: true}");
    auto on = test::config(y);
    auto u = call(on, {{"dialed", "911"}, {"user", "alice"}, {"public_ip", "198.51.100.7"},
                       {"client_location", "hq-fl1"}, {"client_location_source", "confirmed"}});
    INFO(steps(u));
    CHECK(u.location_class == LocationClass::user_confirmed);
    CHECK_FALSE(u.screened);
    CHECK(u.psap == "sangamon");
    CHECK(u.psap_correct == true);
}

TEST_CASE("A user's static emergency address is class static and screened", "[fidelity]") {
    std::string y = edit(base_us(), "routing_policy: users}", "routing_policy: users, emergency_address: hq-fl1}");
    auto cfg = test::config(y);
    auto t = call(cfg, {{"dialed", "911"}, {"user", "alice"}, {"public_ip", "198.51.100.7"}});
    INFO(steps(t));
    CHECK(t.location_class == LocationClass::static_);
    CHECK(t.location == "hq-fl1");
    CHECK(t.screened);
    CHECK(t.psap == "ecrc");
    CHECK(t.psap_correct == true);
    REQUIRE(step(t, "location_class", "static"));
    CHECK(step(t, "location_class", "static")->line == line_of(y, "{id: alice"));
    CHECK(nlohmann::json::parse(trace_to_json(t))["location_class"] == "static");
}

TEST_CASE("client_location: unknown ids and a source without a location are usage errors", "[fidelity]") {
    auto cfg = test::config(base_us());
    CHECK_THROWS_WITH(call(cfg, {{"dialed", "911"}, {"client_location", "hq-fl2"}}),
                      Catch::Contains("client_location: no location or address `hq-fl2`") &&
                          Catch::Contains("did you mean `hq-fl1`"));
    CHECK_THROWS_WITH(call(cfg, {{"dialed", "911"}, {"client_location_source", "confirmed"}}),
                      Catch::Contains("give client_location too"));
    Caller c;
    CHECK_THROWS_WITH(set_caller_field(c, "client_location_source", "gps"),
                      Catch::Contains("expected confirmed, unconfirmed or entered"));
}

// ------------------------------------------------------------------------ item 13: Direct Routing countries

namespace {
std::string canada() {
    auto y = edit(base_us(), "defaults: {platform: teams, country: US}", "defaults: {platform: teams, country: CA}");
    y = edit(y, "state: IL, postal_code: \"62701\", country: US", "state: ON, postal_code: \"K1A0B1\", country: CA");
    return edit(y, "{country: US, state: IL, county: SANGAMON}", "{country: CA, state: ON}");
}
}  // namespace

TEST_CASE("Canada: every Direct Routing call is screened nationally first, correct when the PSAP serves the caller",
          "[fidelity]") {
    std::string y = canada();
    auto cfg = test::config(y);
    auto t = call(cfg, {{"dialed", "911"}, {"user", "alice"}, {"ip", "10.0.0.5/24"}});
    INFO(steps(t));
    CHECK(t.location_class == LocationClass::lis);
    CHECK(t.screened);
    CHECK(t.psap == "ecrc");
    CHECK(t.psap_correct == true);
    REQUIRE(step(t, "screening", "screened"));
    CHECK(step(t, "screening")->because.find("Canadian caller") != std::string::npos);
    CHECK(step(t, "screening")->line == line_of(y, "company: ACME"));  // the address's country
    CHECK(step(t, "psap_check", "correct"));
}

TEST_CASE("Outside the US and Canada the trunk's own routing applies, with a note that dynamic routing is US-only",
          "[fidelity]") {
    auto y = edit(base_us(), "defaults: {platform: teams, country: US}", "defaults: {platform: teams, country: GB}");
    y = edit(y, "state: IL, postal_code: \"62701\", country: US", "state: IL, postal_code: \"62701\", country: GB");
    y = edit(y, "{country: US, state: IL, county: SANGAMON}", "{country: GB}");
    auto cfg = test::load_yaml(y).config;
    auto t = call(cfg, {{"dialed", "911"}, {"user", "alice"}, {"ip", "10.0.0.5/24"}});
    INFO(steps(t));
    CHECK_FALSE(t.screened);
    CHECK(t.psap == "sangamon");
    REQUIRE(step(t, "screening", "direct"));
    CHECK(step(t, "screening")->because.find("supported only in the United States") != std::string::npos);
}

// ---------------------------------------------------------------------------- item 14: common area phones

TEST_CASE("A common area phone without a dynamic location goes on its registered address directly to the PSAP",
          "[fidelity]") {
    std::string y = edit(base_us(), "users:\n",
                         "users:\n  - {id: lobby, phone_number: \"+12175550150\", emergency_calling_policy: notify, "
                         "emergency_call_routing_policy: routing, routing_policy: users, emergency_address: hq-fl1, "
                         "common_area_phone: true}\n");
    auto cfg = test::config(y);
    auto t = call(cfg, {{"dialed", "911"}, {"user", "lobby"}, {"public_ip", "198.51.100.7"}});
    INFO(steps(t));
    CHECK(t.location_class == LocationClass::static_);
    CHECK_FALSE(t.screened);
    CHECK(t.psap == "sangamon");
    CHECK(t.psap_correct == true);
    REQUIRE(step(t, "screening", "direct"));
    CHECK(step(t, "screening")->line == line_of(y, "{id: lobby"));
    CHECK(step(t, "screening")->because.find("common area phone") != std::string::npos);
    // With a LIS location it is an ordinary dynamic caller.
    auto lis = call(cfg, {{"dialed", "911"}, {"user", "lobby"}, {"ip", "10.0.0.9/24"}});
    CHECK(lis.location_class == LocationClass::lis);
}

// ------------------------------------------------------------------------------- item 16: dual-stack callers

namespace {
std::string dual_stack() {
    auto y = edit(base_us(), "  trusted_ips: [203.0.113.1]", "  trusted_ips: [203.0.113.1, \"2001:db8:ffff::1\"]");
    y = edit(y, "    - {id: hq, region: r,", "    - {id: lab, region: r}\n    - {id: hq, region: r,");
    return edit(y, "    - {prefix: 10.0.0.0/24, site: hq}\n",
                "    - {prefix: 10.0.0.0/24, site: hq}\n    - {prefix: \"2001:db8:1::/64\", site: lab}\n");
}
}  // namespace

TEST_CASE("Dual stack: the IPv6 address is checked against IPv6 subnets first, with the IPv6 public address",
          "[fidelity]") {
    auto cfg = test::config(dual_stack());
    auto t = call(cfg, {{"dialed", "911"},
                        {"user", "alice"},
                        {"ip", "10.0.0.5/24 2001:db8:1::5/64"},
                        {"public_ip", "203.0.113.1 2001:db8:ffff::1"}});
    INFO(steps(t));
    CHECK(t.site == "lab");
    CHECK(t.trusted == true);
    REQUIRE(step(t, "address_family", "IPv6"));
    // The IPv6 egress is not a trusted IP: the IPv4 one being trusted does not help.
    auto u = call(cfg, {{"dialed", "911"},
                        {"user", "alice"},
                        {"ip", "2001:db8:1::5/64 10.0.0.5/24"},
                        {"public_ip", "2001:db8:eeee::1 203.0.113.1"}});
    INFO(steps(u));
    CHECK(u.trusted == false);
    CHECK(u.site.empty());
    // An IPv6 address in no IPv6 subnet: the IPv4 address and the IPv4 public address are used.
    auto v = call(cfg, {{"dialed", "911"},
                        {"user", "alice"},
                        {"ip", "10.0.0.5/24 2001:db8:9::5/64"},
                        {"public_ip", "2001:db8:eeee::1 203.0.113.1"}});
    INFO(steps(v));
    CHECK(v.site == "hq");
    CHECK(v.trusted == true);
    CHECK(v.location == "hq-fl1");
    REQUIRE(step(v, "address_family", "IPv4"));
}

TEST_CASE("Dual stack: two addresses of one family, or three, are usage errors naming the field", "[fidelity]") {
    auto cfg = test::config(dual_stack());
    CHECK_THROWS_WITH(call(cfg, {{"dialed", "911"}, {"ip", "10.0.0.5 10.0.0.6"}}),
                      Catch::Contains("ip: two IPv4 addresses"));
    CHECK_THROWS_WITH(call(cfg, {{"dialed", "911"}, {"public_ip", "2001:db8::1 2001:db8::2"}}),
                      Catch::Contains("public_ip: two IPv6 addresses"));
    Caller c;
    CHECK_THROWS_WITH(set_caller_field(c, "ip", "10.0.0.5 2001:db8::5 10.0.0.6"),
                      Catch::Contains("give one address, or two"));
}

// --------------------------------------------------------------------------- batch: the same answers

TEST_CASE("Call logs carry client_location, client_location_source and two addresses; location_class and screened "
          "are the last CSV columns",
          "[fidelity]") {
    auto cfg = test::config(dual_stack());
    Simulator sim(cfg);
    std::istringstream in(
        "dialed,user,ip,public_ip,client_location,client_location_source\n"
        "911,alice,10.0.0.5/24 2001:db8:9::5/64,203.0.113.1 2001:db8:eeee::1,,\n"
        "911,alice,,198.51.100.7,hq-fl1,confirmed\n");
    std::ostringstream out;
    auto stats = simulate_batch(sim, in, out, BatchOutput::csv);
    CHECK(stats.errors == 0);
    std::istringstream lines(out.str());
    std::string header, row1, row2;
    std::getline(lines, header), std::getline(lines, row1), std::getline(lines, row2);
    CHECK(header.substr(header.size() - std::string(",location_class,screened").size()) == ",location_class,screened");
    CHECK(row1.find(",hq,hq-fl1,") != std::string::npos);
    CHECK(row1.substr(row1.size() - 10) == ",lis,false");
    CHECK(row2.substr(row2.size() - 10) == ",none,true");  // off-network, external location lookup off
}
