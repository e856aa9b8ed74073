// Platform fidelity v2 (issue 10), the simulator side: each item on a small config that the earlier
// simulator answered wrongly, with the trace's explanation and configuration line.
#include <nlohmann/json.hpp>

#include "e911/batch.hpp"
#include "helpers.hpp"

using namespace e911;
using test::base_us;
using test::line_of;
using test::run_rule;
using test::edit;
using test::after;

namespace {
Trace call(const std::string& yaml, const std::string& dialed, const std::string& ip = "10.0.0.5/24",
           const std::string& user = "alice") {
    static std::vector<std::unique_ptr<Config>> keep;  // the Simulator needs its Config alive
    keep.push_back(std::make_unique<Config>(test::config(yaml)));
    Simulator sim(*keep.back());
    Caller c;
    c.dialed = dialed, c.user = user, c.ip = ip, c.public_ip = "203.0.113.1";
    return sim.simulate(c);
}
const TraceStep* step(const Trace& t, const std::string& name, const std::string& result = "") {
    for (const auto& s : t.trace)
        if (s.step == name && (result.empty() || s.result == result)) return &s;
    return nullptr;
}
}  // namespace

TEST_CASE("item 1: a caller at a known site without a LIS entry keeps the site's routing policy", "[fidelity]") {
    auto y = edit(base_us(), "    - {prefix: 10.0.0.0/24, site: hq}\n",
                  "    - {prefix: 10.0.0.0/24, site: hq}\n    - {prefix: 10.0.1.0/24, site: hq}\n");
    y = edit(y, "emergency_call_routing_policy: routing, routing_policy: users}",
             "emergency_call_routing_policy: user-routing, routing_policy: users}");
    y = edit(y, "voice:\n",
             "  - id: user-routing\n    numbers:\n      - {dial_string: \"911\", pstn_usage: local}\nvoice:\n");
    auto t = call(y, "911", "10.0.1.5/24");
    CHECK(t.site == "hq");
    CHECK(t.location.empty());  // the LIS has no entry for 10.0.1.0
    CHECK(t.policies.emergency_call_routing == "routing");
    CHECK(t.pstn_usage == "emergency");
    CHECK(t.outcome == Outcome::routed);
    const auto* s = step(t, "policy", "emergency_call_routing_policy routing");
    REQUIRE(s);
    CHECK(s->because.find("whether or not the LIS found a location") != std::string::npos);
    CHECK(s->line == line_of(y, "  - id: routing"));
    // The user's policy still decides a number the site's policy lacks.
    auto u = call(edit(y, "numbers:\n      - {dial_string: \"911\", dial_masks", "numbers:\n      - {dial_string: \"912\", dial_masks"),
                  "911", "10.0.1.5/24");
    CHECK(u.policies.emergency_call_routing == "user-routing");
}

TEST_CASE("item 2: an extended notification with nothing set notifies nobody", "[fidelity]") {
    auto y = edit(base_us(), "notification_dial_out: \"+12175550199\"}",
                  "notification_dial_out: \"+12175550199\", extended_notifications: [{dial_string: \"933\"}]}");
    y = edit(y, "dial_masks: [\"9911\", \"112\"], pstn_usage: emergency}",
             "dial_masks: [\"9911\", \"112\"], pstn_usage: emergency}\n      - {dial_string: \"933\", pstn_usage: emergency}");
    y = edit(y, "number_pattern: '^911$'", "number_pattern: '^9(11|33)$'");
    auto t = call(y, "933");
    REQUIRE(t.notifications);
    CHECK_FALSE(t.notifications->anyone());
    CHECK(t.notifications->group.empty());
    CHECK(t.notifications->dial_out.empty());
    const auto* s = step(t, "notification");
    REQUIRE(s);
    CHECK(s->result == "nobody");
    CHECK(s->line == line_of(y, "extended_notifications"));
    auto n911 = call(y, "911");  // other numbers keep the policy's settings
    CHECK(n911.notifications->anyone());
    // A group alone in the extended notification replaces the policy's group and drops its dial-out.
    auto g = call(edit(y, "{dial_string: \"933\"}]", "{dial_string: \"933\", notification_group: [test@acme.com]}]"),
                  "933");
    CHECK(g.notifications->group == std::vector<std::string>{"test@acme.com"});
    CHECK(g.notifications->dial_out.empty());
    CHECK(g.notifications->mode == NotificationMode::notification_only);
}

TEST_CASE("item 3: enhanced emergency services off on a Teams routing policy: no location is sent", "[fidelity]") {
    auto y = edit(base_us(), "  - id: routing\n", "  - id: routing\n    enhanced_emergency_services: false\n");
    auto t = call(y, "911");
    CHECK(t.outcome == Outcome::routed);   // still routed by its number
    CHECK(t.location == "hq-fl1");         // the LIS found it...
    CHECK(t.psap == "ecrc");               // ...but it never went with the call
    CHECK(t.psap_relay);
    CHECK(t.psap_correct == false);
    CHECK(t.pidf_lo.empty());
    const auto* s = step(t, "location", "not sent");
    REQUIRE(s);
    CHECK(s->line == line_of(y, "enhanced_emergency_services: false"));
    // An ELIN gateway has no location to map: the caller's own number goes out.
    auto elin = edit(y, "{id: sbc, pidf_lo: true, address: hq, emergency_routing: location",
                     "{id: sbc, pidf_lo: true, address: hq, emergency_routing: elin");
    auto e = call(elin, "911");
    CHECK(e.elin.empty());
    CHECK(e.calling_number == "+12175550123");
    // The lint rule agrees.
    CHECK(run_rule(y, "enhanced-emergency-off").size() == 1);
}

TEST_CASE("item 4: SfB's documented rule ^9(911)$ -> +$1 keeps the call an emergency call, in lint and simulation",
          "[fidelity]") {
    auto y = edit(base_us(), "defaults: {platform: teams, country: US}", "defaults: {platform: sfb, country: US}");
    y = edit(y, "  routing_policies:",
             "  dial_plans:\n    - id: global\n      rules:\n        - {name: nine-911, pattern: '^9(911)$', "
             "translation: '+$1'}\n  routing_policies:");
    y = edit(y, "number_pattern: '^911$'", "number_pattern: '^\\+?911$'");
    y = edit(y, "dial_masks: [\"9911\", \"112\"]", "dial_masks: [\"112\"]");  // the unused Teams policy's
    y += "location_policies:\n  - {id: global, enhanced_emergency_services: true, pstn_usage: emergency, "
         "dial_string: \"911\", dial_masks: [\"9911\"], notification_uris: [\"sip:desk@acme.com\"]}\n";
    CHECK(run_rule(y, "dial-plan-shadows-emergency").empty());
    auto t = call(y, "9911");
    CHECK(t.normalized == "+911");
    CHECK(t.emergency);
    CHECK(t.dial_string == "911");
    // A rule that does eat 911 is still flagged, as the simulator loses the call.
    auto eat = edit(y, "pattern: '^9(911)$', translation: '+$1'", "pattern: '^9(\\d+)$', translation: '$1'");
    auto fs = run_rule(eat, "dial-plan-shadows-emergency");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message.find("`911` into `11`") != std::string::npos);
    CHECK_FALSE(call(eat, "911").emergency);
}

TEST_CASE("item 11: a Calling Plan user is routed by Microsoft on the usage location's numbers", "[fidelity]") {
    auto y = edit(base_us(), "emergency_call_routing_policy: routing, routing_policy: users}",
                  "emergency_call_routing_policy: routing, routing_policy: users, pstn: calling_plan}");
    auto t = call(y, "933");  // Microsoft's US list has 933; the routing policy does not
    CHECK(t.emergency);
    CHECK(t.dial_string == "933");
    CHECK(t.outcome == Outcome::routed);
    CHECK(t.pstn == PstnConnectivity::calling_plan);
    CHECK(t.route.empty());
    CHECK(t.gateways.empty());
    CHECK(t.policies.emergency_call_routing.empty());
    REQUIRE(t.notifications);
    CHECK(t.notifications->anyone());  // notification policies still apply
    const auto* s = step(t, "policy", "no emergency call routing policy");
    REQUIRE(s);
    CHECK(s->because.find("has no effect") != std::string::npos);
    CHECK(s->line == line_of(y, "pstn: calling_plan"));
    auto json = nlohmann::json::parse(trace_to_json(t));
    CHECK(json["pstn"] == "calling_plan");
    // Operator Connect in Germany: 110 is an emergency number there; 911 is not.
    auto de = edit(y, "pstn: calling_plan}", "pstn: operator_connect, usage_location: DE}");
    auto d = call(de, "110");
    CHECK(d.emergency);
    CHECK(d.pstn == PstnConnectivity::operator_connect);
    CHECK_FALSE(call(de, "911").emergency);
    // Direct Routing users say so; user-no-emergency-routing stays silent for the Calling Plan user.
    CHECK(call(base_us(), "911").pstn == PstnConnectivity::direct_routing);
    CHECK(run_rule(edit(y, ", emergency_call_routing_policy: routing, routing_policy: users", ""),
                   "user-no-emergency-routing")
              .empty());
}

TEST_CASE("item 5: a Teams user without a routing policy is not enabled for Microsoft's numbers of the country",
          "[fidelity]") {
    // 933 is in Microsoft's US list (the test number) but not libphonenumber's.
    auto y = edit(base_us(), ", emergency_call_routing_policy: routing}", "}");
    y = edit(y, "emergency_calling_policy: notify, emergency_call_routing_policy: routing, routing_policy: users}",
             "emergency_calling_policy: notify, routing_policy: users}");
    auto t = call(y, "933");
    CHECK(t.outcome == Outcome::not_enabled);
}

TEST_CASE("item 10: a zero-minute callback window routes no callback", "[fidelity]") {
    auto y = edit(base_us(), "{id: sbc, pidf_lo: true, address: hq, emergency_routing: location",
                  "{id: sbc, pidf_lo: true, address: hq, emergency_routing: elin, elin_callback_minutes: 0");
    y = edit(y, "{id: sbc2, pidf_lo: true, address: hq, emergency_routing: location",
             "{id: sbc2, pidf_lo: true, address: hq, emergency_routing: elin, elin_callback_minutes: 0");
    auto cfg = test::config(y);
    Simulator sim(cfg);
    CallSession session(sim);
    CallRow row;
    row.caller.dialed = "911", row.caller.user = "alice", row.caller.ip = "10.0.0.5/24";
    row.caller.public_ip = "203.0.113.1", row.time = 1000;
    auto t = session.call(row);
    REQUIRE(t.elin == "+12175550101");
    auto a = session.callback("+12175550101", 1000 + 120);
    CHECK(a.rings_user.empty());
    CHECK(a.because.find("no callback routing") != std::string::npos);
}

TEST_CASE("item 10: a Teams ELIN travels as <ca:ELIN> in the PIDF-LO, and may be a name", "[fidelity]") {
    auto y = edit(base_us(), "elins: [\"+12175550101\"]", "elins: [MICROSOFT_ELIN]");
    auto t = call(y, "911");
    CHECK(t.pidf_lo.find("<ca:ELIN>MICROSOFT_ELIN</ca:ELIN>") != std::string::npos);
}

TEST_CASE("item 10: a port ID that is a MAC address matches however it is written, like a BSSID", "[fidelity]") {
    auto y = edit(base_us(), "lis:\n",
                  "lis:\n  ports:\n    - {chassis_id: 00-11-22-33-44-55, port_id: \"aa:bb:cc:dd:ee:0f\", location: hq-fl1}\n");
    auto cfg = test::config(y);
    Simulator sim(cfg);
    Caller c;
    c.dialed = "911", c.user = "alice", c.ip = "10.9.9.9/24", c.public_ip = "203.0.113.1";
    c.chassis_id = "00:11:22:33:44:55", c.port_id = "AA-BB-CC-DD-EE-0F";
    auto t = sim.simulate(c);
    CHECK(t.location == "hq-fl1");
    CHECK(t.location_source == LocationSource::port);
}
