// The simulator's decision stages, asserted on their typed decisions rather than on the prose,
// and the caller-setup drifts: the same caller field is validated (and its errors named) the same
// way from the command line, a batch row and the C++ API.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "helpers.hpp"
#include "simulate/decisions.hpp"

using namespace e911;
using namespace e911::detail;

namespace {

struct Campus {
    LoadResult loaded = load_files({E911_SOURCE_DIR "/examples/campus.yaml"});
    Simulator sim{loaded.config};
    const Compiled& c = sim.compiled();

    // Runs every stage for `caller` and returns the decisions (explanations off, as in batch).
    Decisions decide(const Caller& caller, Trace* out = nullptr) {
        CallerSetup setup = setup_caller(c, caller);
        Call call{setup.user, setup.platform, setup.client, &caller.dialed, &setup, nullptr, nullptr};
        Trace t;
        Decisions d;
        simulate_placed_into(t, d, c, call, place(c, setup), Explain::none);
        if (out) *out = t;
        return d;
    }
    std::uint32_t id(Kind k, const std::string& s) const { return c.cfg.find(k, s); }
};

Caller at(const std::string& dialed, const std::string& ip, const std::string& public_ip = "") {
    Caller c;
    c.dialed = dialed;
    c.ip = ip;
    c.public_ip = public_ip;
    return c;
}

}  // namespace

TEST_CASE_METHOD(Campus, "stages: a routed ELIN call, decision by decision") {
    REQUIRE(loaded.ok());
    Trace t;
    auto d = decide(at("911", "10.10.1.57/24"), &t);
    CHECK(d.placement.trust == TrustCase::no_public_ip);
    CHECK(d.placement.site_case == SiteCase::longest_prefix);
    CHECK(d.placement.site == id(Kind::site, "hall-a"));
    CHECK(d.placement.location_case == LocationCase::lis_subnet);
    CHECK(d.placement.location == id(Kind::location, "hall-a-fl1"));
    CHECK(d.placement.location_source == LocationSource::lis_subnet);
    CHECK(d.policies.emergency_calling.from == PolicySource::site);
    CHECK(d.dial_plan.plan == npos);
    CHECK(d.emergency.routing_case == RoutingPolicyCase::site);
    CHECK(d.emergency.routing_policy == id(Kind::emergency_call_routing_policy, "campus-routing"));
    REQUIRE(d.emergency.match);
    CHECK(d.emergency.match->dial_string == "911");
    CHECK(d.route.usage_case == UsageCase::emergency_usage);
    CHECK(d.route.usage == id(Kind::pstn_usage, "us-emergency"));
    CHECK(d.route.route == id(Kind::route, "us-emergency"));
    CHECK(d.route.pstn == PstnConnectivity::direct_routing);
    CHECK(d.gateways.primary == id(Kind::gateway, "sbc-springfield.contoso.edu"));
    CHECK(d.gateways.count == 2);  // campus has a second SBC on the emergency route
    CHECK(d.calling_number.why == CallingNumberCase::location_elin);
    CHECK(d.psap.reach.why == PsapCase::elin);
    CHECK(d.psap.reach.psap == id(Kind::psap, "sangamon-ecc"));
    CHECK(d.psap.correct == std::optional<bool>(true));
    CHECK(d.notification.why == NotificationCase::teams_policy);
    CHECK(d.pidf.sent);
    CHECK(std::string(d.pidf.method) == "DHCP");
    // Explanations off: no prose, no PIDF-LO, same result fields.
    CHECK(t.outcome == Outcome::routed);
    CHECK(t.trace.empty());
    CHECK(t.psap_reason.empty());
    CHECK(t.pidf_lo.empty());
    CHECK(t.notifications->mode == NotificationMode::conference_muted);
}

TEST_CASE_METHOD(Campus, "stages: untrusted egress, not enabled, ordinary calls, BSSID wildcard") {
    auto untrusted = decide(at("911", "10.10.1.57", "8.8.8.8"));
    CHECK(untrusted.placement.trust == TrustCase::untrusted);
    CHECK(untrusted.placement.site_case == SiteCase::untrusted);
    CHECK(untrusted.placement.location_case == LocationCase::untrusted);
    CHECK(untrusted.emergency.not_enabled);
    CHECK(untrusted.route.usage_case == UsageCase::no_routing_policy);

    Trace t;
    auto ordinary = decide(at("5551234", "10.10.1.57/24"), &t);
    CHECK(ordinary.emergency.routing_case == RoutingPolicyCase::site_without_fallback);
    CHECK_FALSE(ordinary.emergency.match);
    CHECK_FALSE(ordinary.emergency.not_enabled);
    CHECK(t.outcome == Outcome::not_emergency_no_route);
    CHECK_FALSE(t.notifications);

    Caller wifi = at("911", "172.29.80.10");
    wifi.bssid = "f0:6e:0b:c2:01:ab";
    auto w = decide(wifi);
    CHECK(w.placement.site_case == SiteCase::no_subnet);
    CHECK(w.placement.location_case == LocationCase::bssid_wildcard);
    CHECK(w.placement.location_source == LocationSource::wireless_access_point);
}

TEST_CASE_METHOD(Campus, "explanations are rendered from the decisions only when asked for") {
    Caller c = at("911", "10.10.1.57/24");
    auto none = sim.simulate(c, Explain::none);
    auto reasons = sim.simulate(c, Explain::reasons);
    auto steps = sim.simulate(c);
    CHECK(none.trace.empty());
    CHECK(none.psap_reason.empty());
    CHECK(reasons.trace.empty());
    CHECK(reasons.psap_reason == "ELIN routing: the PSTN routes on ELIN +12175550101, registered with address `hall-a`");
    CHECK(steps.psap_reason == reasons.psap_reason);
    REQUIRE(steps.trace.size() == 17);  // with location_class (lis) and screening (an ELIN gateway: none)
    CHECK(steps.trace.front().step == "trusted_ip");
    CHECK(steps.trace.back().step == "pidf_lo");
    CHECK_FALSE(steps.pidf_lo.empty());
    CHECK(trace_to_json(none).find("\"outcome\": \"routed\"") != std::string::npos);
}

TEST_CASE("enums have stable JSON names") {
    CHECK(std::string(to_string(Outcome::not_emergency_no_route)) == "not_emergency_no_route");
    CHECK(std::string(to_string(Outcome::not_enabled)) == "not_enabled");
    CHECK(std::string(to_string(LocationSource::switch_)) == "switch");
    CHECK(std::string(to_string(LocationSource::none)) == "none");
    CHECK(std::string(to_string(NotificationMode::conference_twoway)) == "conference_twoway");
}

TEST_CASE("caller fields: one setter for flags, rows and keywords") {
    Caller c;
    CHECK(set_caller_field(c, "dial", "911"));
    CHECK(set_caller_field(c, "platform", "sfb"));
    CHECK(set_caller_field(c, "client", "legacy"));
    CHECK_FALSE(set_caller_field(c, "time", "0"));
    CHECK(c.dialed == "911");
    CHECK(c.platform == Platform::sfb);
    CHECK(c.client == SfbClient::legacy);
    CHECK_THROWS_WITH(set_caller_field(c, "platform", "skype"), "platform `skype`: expected teams or sfb");
}

TEST_CASE("caller fields: every name reaches its own member, and no other name does") {
    // Names are found by length, then compared: each one set alone must land where it belongs.
    const std::vector<std::pair<std::string, std::string Caller::*>> text = {
        {"dialed", &Caller::dialed}, {"dial", &Caller::dialed}, {"user", &Caller::user}, {"ip", &Caller::ip},
        {"public_ip", &Caller::public_ip}, {"client_location", &Caller::client_location}, {"bssid", &Caller::bssid},
        {"chassis_id", &Caller::chassis_id}, {"port_id", &Caller::port_id}, {"down", &Caller::down}};
    for (const auto& [name, member] : text) {
        Caller c;
        CHECK(set_caller_field(c, name, "10.0.0.1"));
        for (const auto& [other, other_member] : text)
            CHECK((c.*other_member).empty() == (other_member != member));
        CHECK(c.*member == "10.0.0.1");
    }
    Caller c;
    CHECK(set_caller_field(c, "client_location_source", "entered"));
    CHECK(c.client_location_source == ClientLocationSource::entered);
    for (const char* other : {"", "i", "IP", "ipv4", "dialled", "usr", "users", "downs", "bssids", "client_locations",
                              "client_location_sourc", "kind", "time", "elin", "duration"})
        CHECK_FALSE(set_caller_field(c, other, "x"));
}

TEST_CASE_METHOD(Campus, "caller errors name the field, never a command-line flag") {
    auto error = [&](const Caller& c) {
        try {
            sim.simulate(c);
        } catch (const UsageError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(error(at("9x11", "")) == "dialed `9x11`: use digits, +, * and # only");
    CHECK(error(at("", "")) == "dialed: nothing dialled");
    CHECK(error(at("911", "10.10.1.999")).rfind("ip: ", 0) == 0);
    CHECK(error(at("911", "10.10.1.5/40")) == "ip: prefix length must be 0-32");
    // The length is read by hand: every malformed one is refused, however long, and none wraps.
    for (const char* bad : {"10.10.1.5/", "10.10.1.5/033", "10.10.1.5/-1", "10.10.1.5/2x", "10.10.1.5/99999999999999999999",
                            "10.10.1.5/ 24"})
        CHECK(error(at("911", bad)) == "ip: prefix length must be 0-32");
    CHECK(error(at("911", "2001:db8::5/129")) == "ip: prefix length must be 0-128");
    CHECK(detail::parse_client_address("10.10.1.5/032").prefix_length == 32);
    CHECK(detail::parse_client_address("2001:db8::5/128").prefix_length == 128);
    CHECK(detail::parse_client_address("10.10.1.5/0").prefix_length == 0);
    CHECK(error(at("911", "", "nope")).rfind("public_ip: ", 0) == 0);
    Caller mac = at("911", "");
    mac.bssid = "zz";
    CHECK(error(mac).rfind("bssid: ", 0) == 0);
    Caller port = at("911", "");
    port.port_id = "Gi1/0/1";
    CHECK(error(port).rfind("port_id: ", 0) == 0);
    Caller who = at("911", "");
    who.user = "nobody";
    CHECK(error(who).rfind("user: unknown user `nobody`", 0) == 0);
}

// Drift: `simulate --dial 9x11` was a usage error, but the same row in a batch was simulated as an
// ordinary call; and a bad `ip` column was reported as `--ip: ...`.
TEST_CASE_METHOD(Campus, "batch rows are validated like the command line: dialled digits and ip") {
    std::istringstream in("dialed,ip\n9x11,10.10.1.57\n911,10.10.1.999\n911,10.10.1.57/24\n");
    std::ostringstream out;
    auto stats = simulate_batch(sim, in, out, BatchOutput::json, false);
    CHECK(stats.rows == 3);
    CHECK(stats.errors == 2);
    std::istringstream o(out.str());
    std::vector<std::string> lines;
    for (std::string l; std::getline(o, l);) lines.push_back(l);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "{\"row\":1,\"error\":\"dialed `9x11`: use digits, +, * and # only\"}");
    CHECK(lines[1].find("\"error\":\"ip: `10.10.1.999`") != std::string::npos);
    CHECK(lines[1].find("--ip") == std::string::npos);
    // Without the step-by-step trace a JSON row still says why this PSAP.
    CHECK(lines[2].find("\"psap_reason\":\"ELIN routing") != std::string::npos);
    CHECK(lines[2].find("\"trace\"") == std::string::npos);
}

namespace {
// The CLI's exit code and everything it printed (stdout and stderr).
std::pair<int, std::string> run_cli(const std::string& args) {
    std::string cmd = std::string(E911_CLI) + " " + args + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    int status = pclose(p);
    return {WEXITSTATUS(status), out};
}
}  // namespace

TEST_CASE("CLI: --dial 9x11 and a 9x11 row in --calls are both rejected, naming the field") {
    std::string campus = E911_SOURCE_DIR "/examples/campus.yaml";
    auto one = run_cli("simulate " + campus + " --dial 9x11");
    CHECK(one.first == 2);
    CHECK(one.second.find("dialed `9x11`: use digits") != std::string::npos);
    std::string calls = "/tmp/e911-test-sim-stages-calls.csv";
    std::ofstream(calls) << "dialed,ip\n9x11,10.10.1.57\n911,10.10.1.999\n";
    auto batch = run_cli("simulate " + campus + " --calls " + calls + " --format csv");
    CHECK(batch.first == 2);
    CHECK(batch.second.find("\"dialed `9x11`: use digits, +, * and # only\"") != std::string::npos);
    CHECK(batch.second.find(",ip: `10.10.1.999`") != std::string::npos);
    CHECK(batch.second.find("--ip") == std::string::npos);
    std::remove(calls.c_str());
}
