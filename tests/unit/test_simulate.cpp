#include <sstream>

#include "compile/compiled.hpp"
#include "helpers.hpp"

using namespace e911;

namespace {
// Two sites (Springfield / Peoria), Teams and SfB users, an ELIN gateway and a location gateway.
const char* kSim = R"(version: 1
defaults: {platform: teams, country: US}
addresses:
  - {id: spr, house_number: "1", street_name: MAIN, street_suffix: ST, city: SPRINGFIELD, county: SANGAMON, state: IL, country: US, validated: true, elins: ["+12175550100"]}
  - {id: peo, house_number: "2", street_name: MAIN, street_suffix: ST, city: PEORIA, county: PEORIA, state: IL, country: US, validated: true}
locations:
  - {id: spr-fl1, address: spr, place: FL 1, elins: ["+12175550101", "+12175550102"]}
  - {id: spr-fl2, address: spr, place: FL 2}
  - {id: peo-fl1, address: peo, place: FL 1}
network:
  trusted_ips: [203.0.113.0/28]
  sites:
    - {id: spr, emergency_calling_policy: notify-spr, emergency_call_routing_policy: site-routing, location_policy: lp-site}
    - {id: peo, emergency_call_routing_policy: site-routing}
  subnets:
    - {prefix: 10.1.0.0/16, site: spr}
    - {prefix: 10.1.5.0/24, site: peo}
    - {prefix: 2001:db8:1::/48, site: spr}
    - {prefix: 10.2.0.0/16, site: peo}
lis:
  subnets:
    - {network_id: 10.1.0.0, location: spr-fl1}
    - {network_id: 10.1.7.0, location: spr-fl2}
    - {network_id: 10.2.0.0, location: peo-fl1}
  wireless_access_points:
    - {bssid: AA-BB-CC-DD-EE-*, location: spr-fl1}
    - {bssid: AA-BB-CC-DD-EE-01, location: spr-fl2}
  switches:
    - {chassis_id: 00-11-22-33-44-55, location: spr-fl1}
  ports:
    - {chassis_id: 00-11-22-33-44-55, port_id: "7", location: spr-fl2}
emergency_calling_policies:
  - {id: notify-spr, notification_mode: conference_muted, notification_group: [spr@x.com], notification_dial_out: "+12175550199", extended_notifications: [{dial_string: "933", notification_mode: none}]}
  - {id: notify-user, notification_mode: notification_only, notification_group: [user-desk@x.com]}
emergency_call_routing_policies:
  - id: site-routing
    numbers:
      - {dial_string: "911", dial_masks: ["9911"], pstn_usage: emergency}
      - {dial_string: "933", pstn_usage: emergency}
  - id: user-routing
    numbers:
      - {dial_string: "911", pstn_usage: emergency}
      - {dial_string: "112", pstn_usage: emergency-alt}
location_policies:
  - {id: lp-site, enhanced_emergency_services: true, pstn_usage: emergency, dial_string: "911", dial_masks: ["9911"], numbers: [{dial_string: "911"}], notification_uris: ["sip:site@x.com"]}
  - {id: lp-user, enhanced_emergency_services: true, pstn_usage: emergency, dial_string: "911", numbers: [{dial_string: "911", dial_masks: ["112"]}], notification_uris: ["sip:user@x.com"], conference_uri: "sip:+12175550198@x.com", conference_mode: oneway}
voice:
  pstn_usages: [catchall, emergency, emergency-alt, local]
  gateways:
    - {id: gw-elin, pidf_lo: true, address: spr, emergency_routing: elin, elin_callback_minutes: 10}
    - {id: gw-dead, enabled: false, address: spr, emergency_routing: fixed}
    - {id: gw-loc, pidf_lo: true, address: spr, emergency_routing: location, fallback_psap: ecrc}
  routes:
    - {id: e-dead, priority: 1, number_pattern: '^\+?911$', pstn_usages: [emergency], gateways: [gw-dead]}
    - {id: e-elin, priority: 2, number_pattern: '^\+?9[13]{2}$', pstn_usages: [emergency], gateways: [gw-elin]}
    - {id: e-alt, priority: 1, number_pattern: '^112$', pstn_usages: [emergency-alt], gateways: [gw-loc]}
    - {id: anything, priority: 1, number_pattern: '\d+', pstn_usages: [catchall], gateways: [gw-loc]}
    - {id: local, priority: 1, number_pattern: '^\+1\d{10}$', pstn_usages: [local], gateways: [gw-loc]}
  routing_policies:
    - {id: trap, pstn_usages: [catchall, emergency]}
    - {id: normal, pstn_usages: [local]}
  dial_plans:
    - id: eats
      rules:
        - {name: strip-9, pattern: '^9(\d+)$', translation: '$1'}
users:
  - {id: tu, phone_number: "+12175550123", emergency_calling_policy: notify-user, emergency_call_routing_policy: user-routing, routing_policy: normal}
  - {id: noroute, phone_number: "+12175550124", routing_policy: trap}
  - {id: eaten, phone_number: "+12175550125", emergency_call_routing_policy: site-routing, routing_policy: normal, dial_plan: eats}
  - {id: su, platform: sfb, phone_number: "+12175550126", location_policy: lp-user, routing_policy: normal}
  - {id: legacy, platform: sfb, sfb_client: legacy, location_policy: lp-user, routing_policy: normal}
psaps:
  - {id: sangamon, serves: [{country: US, state: IL, county: SANGAMON}]}
  - {id: peoria, serves: [{country: US, state: IL, county: PEORIA}]}
  - {id: ecrc, relay: true}
)";

struct Fixture {
    Config cfg = test::config(kSim);
    Simulator sim{cfg};
    Trace call(Caller c) { return sim.simulate(c); }
};
Caller caller(const std::string& dial, const std::string& user = "", const std::string& ip = "") {
    Caller c;
    c.dialed = dial;
    c.user = user;
    c.ip = ip;
    return c;
}
bool has_step(const Trace& t, const std::string& step, const std::string& because_part) {
    for (const auto& s : t.trace)
        if (s.step == step && s.because.find(because_part) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE_METHOD(Fixture, "site policy beats user policy (notification and routing)") {
    auto t = call(caller("911", "tu", "10.1.0.20/16"));
    CHECK(t.site == "spr");
    CHECK(t.policies.emergency_calling == "notify-spr");
    CHECK(t.policies.emergency_call_routing == "site-routing");
    CHECK(t.outcome == Outcome::routed);
    REQUIRE(t.notifications);
    CHECK(t.notifications->mode == NotificationMode::conference_muted);
    CHECK(t.notifications->group == std::vector<std::string>{"spr@x.com"});
}

TEST_CASE_METHOD(Fixture, "Teams per-number fallback: a number the site policy lacks uses the user's policy") {
    auto t = call(caller("112", "tu", "10.1.0.20/16"));
    CHECK(t.emergency);
    CHECK(t.policies.emergency_call_routing == "user-routing");
    CHECK(t.pstn_usage == "emergency-alt");
    CHECK(t.route == "e-alt");
    CHECK(has_step(t, "policy", "has no number matching 112"));
    // the notification policy still comes from the site
    CHECK(t.policies.emergency_calling == "notify-spr");
}

TEST_CASE_METHOD(Fixture, "untrusted public IP: no site, no location, user policies") {
    auto c = caller("911", "tu", "10.1.0.20/16");
    c.public_ip = "198.51.100.7";
    auto t = call(c);
    CHECK(t.trusted == std::optional<bool>(false));
    CHECK(t.site.empty());
    CHECK(t.location.empty());
    CHECK(t.policies.emergency_call_routing == "user-routing");
    CHECK(t.policies.emergency_calling == "notify-user");
    CHECK_FALSE(t.psap_correct.has_value());  // real location unknown
    c.public_ip = "203.0.113.5";
    CHECK(call(c).site == "spr");
}

TEST_CASE_METHOD(Fixture, "longest prefix wins and the ambiguity is in the trace") {
    auto t = call(caller("911", "tu", "10.1.5.9"));
    CHECK(t.site == "peo");
    CHECK(has_step(t, "site", "ambiguous"));
    auto v6 = call(caller("911", "tu", "2001:db8:1::99"));
    CHECK(v6.site == "spr");
}

TEST_CASE_METHOD(Fixture, "SfB wants the exact network ID when the prefix length is known") {
    auto c = caller("911", "su", "10.1.7.57/24");
    auto miss = call(c);
    CHECK(miss.site.empty());
    CHECK(has_step(miss, "site", "exact network-ID miss"));
    CHECK(miss.policies.location == "lp-user");  // no network site: the user's policy
    c.ip = "10.1.7.57/16";
    auto hit = call(c);
    CHECK(hit.site == "spr");
    CHECK(hit.policies.location == "lp-site");  // the network site's policy overrides the user's
    c.ip = "10.1.7.57";
    auto lp = call(c);
    CHECK(lp.site == "spr");
    CHECK(has_step(lp, "site", "no client prefix length"));
}

TEST_CASE_METHOD(Fixture, "LIS order: BSSID (exact beats wildcard), port, switch, subnet network ID") {
    auto c = caller("911", "tu", "10.1.7.9/24");
    CHECK(call(c).location == "spr-fl2");  // subnet 10.1.7.0
    CHECK(call(c).location_source == LocationSource::lis_subnet);
    c.chassis_id = "00:11:22:33:44:55";
    CHECK(call(c).location == "spr-fl1");  // switch beats subnet
    c.port_id = "7";
    CHECK(call(c).location == "spr-fl2");  // port beats switch
    c.bssid = "aa-bb-cc-dd-ee-77";
    auto w = call(c);
    CHECK(w.location == "spr-fl1");  // wildcard BSSID beats everything wired
    CHECK(w.location_source == LocationSource::wireless_access_point);
    CHECK(has_step(w, "location", "wildcard"));
    c.bssid = "AA:BB:CC:DD:EE:01";
    CHECK(call(c).location == "spr-fl2");  // exact beats wildcard
    auto borrowed = call(caller("911", "tu", "10.1.0.77"));
    CHECK(borrowed.location == "spr-fl1");
    CHECK(has_step(borrowed, "location", "taken from the site subnet"));
}

TEST_CASE_METHOD(Fixture, "first usage wins: a catch-all route swallows 911 for a caller without emergency routing") {
    auto t = call(caller("911", "noroute", "198.18.0.1"));
    CHECK_FALSE(t.emergency);
    CHECK(t.outcome == Outcome::not_enabled);
    CHECK(t.pstn_usage == "catchall");
    CHECK(t.route == "anything");
    auto normal = call(caller("+12175550100", "tu"));
    CHECK(normal.outcome == Outcome::not_emergency_routed);
    CHECK(normal.route == "local");
}

TEST_CASE_METHOD(Fixture, "a disabled gateway fails over to the next route; ELIN per location") {
    auto t = call(caller("911", "tu", "10.1.0.20/16"));
    CHECK(t.route == "e-elin");
    CHECK(has_step(t, "route", "disabled"));
    CHECK(t.gateways == std::vector<std::string>{"gw-elin"});
    CHECK(t.calling_number == "+12175550101");  // the location's first ELIN
    CHECK(t.psap == "sangamon");
    CHECK(t.psap_correct == std::optional<bool>(true));
    auto fl2 = call(caller("911", "tu", "10.1.7.20/24"));
    CHECK(fl2.location == "spr-fl2");
    CHECK(fl2.calling_number == "+12175550100");  // no ELIN of its own: the address's
}

TEST_CASE_METHOD(Fixture, "ELIN routing without an ELIN reaches the trunk's PSAP: wrong for another county") {
    auto t = call(caller("911", "tu", "10.2.0.20/16"));
    CHECK(t.site == "peo");
    CHECK(t.location == "peo-fl1");
    CHECK(t.calling_number == "+12175550123");
    CHECK(t.psap == "sangamon");
    CHECK(t.psap_expected == std::vector<std::string>{"peoria"});
    CHECK(t.psap_correct == std::optional<bool>(false));
}

TEST_CASE_METHOD(Fixture, "a dial plan that rewrites 911 loses the emergency call") {
    auto t = call(caller("911", "eaten", "10.1.0.20/16"));
    CHECK(t.normalized == "11");
    CHECK_FALSE(t.emergency);
    CHECK(has_step(t, "emergency", "no longer recognised"));
    auto masked = call(caller("9911", "eaten", "10.1.0.20/16"));
    CHECK(masked.normalized == "911");
    CHECK(masked.emergency);  // 9911 -> 911 by the dial plan, then recognised
}

TEST_CASE_METHOD(Fixture, "SfB: routes see +911; modern clients use numbers, legacy ones the legacy pair") {
    auto t = call(caller("112", "su"));
    CHECK(t.emergency);
    CHECK(t.dial_string == "911");
    CHECK(t.route == "e-elin");  // pattern ^\+?9[13]{2}$ matches +911
    CHECK(has_step(t, "pstn_usage", "`+911`"));
    REQUIRE(t.notifications);
    CHECK(t.notifications->mode == NotificationMode::conference_oneway);
    auto legacy = call(caller("112", "legacy"));
    CHECK_FALSE(legacy.emergency);  // the legacy pair has no 112 mask
    auto c = caller("112", "su");
    c.client = SfbClient::legacy;
    CHECK_FALSE(call(c).emergency);
}

TEST_CASE_METHOD(Fixture, "extended notification for the dialled string overrides the policy") {
    auto t = call(caller("933", "tu", "10.1.0.20/16"));
    REQUIRE(t.notifications);
    CHECK(t.notifications->mode == NotificationMode::none);
    CHECK_FALSE(t.notifications->anyone());
}

TEST_CASE_METHOD(Fixture, "location routing without a validated location goes to the relay centre") {
    auto t = call(caller("112", "tu", "198.18.0.1"));  // no site, no location; gw-loc
    CHECK(t.psap == "ecrc");
    CHECK(t.psap_relay);
    CHECK_FALSE(t.psap_correct.has_value());
}

TEST_CASE_METHOD(Fixture, "usage errors are exceptions, with suggestions") {
    CHECK_THROWS_WITH(call(caller("911", "tuu")), Catch::Contains("did you mean `tu`"));
    CHECK_THROWS_AS(call(caller("911", "", "10.1.1")), UsageError);
    CHECK_THROWS_AS(call(caller("")), UsageError);
    CHECK_THROWS_AS(call(caller("9x1")), UsageError);
}

TEST_CASE_METHOD(Fixture, "trace JSON follows the contract") {
    auto j = trace_to_json(call(caller("911", "tu", "10.1.0.20/16")));
    for (const char* key : {"\"dialed\"", "\"emergency\"", "\"dial_string\"", "\"platform\"", "\"trusted\"", "\"site\"", "\"location\"", "\"location_source\"",
                            "\"address\"", "\"policies\"", "\"pstn_usage\"", "\"route\"", "\"gateways\"", "\"calling_number\"", "\"psap\"", "\"psap_expected\"",
                            "\"psap_correct\"", "\"notifications\"", "\"outcome\"", "\"pidf_lo\"", "\"trace\"", "\"because\""})
        CHECK(j.find(key) != std::string::npos);
    auto n = trace_to_json(call(caller("+12175550100", "tu")));
    CHECK(n.find("\"psap\": null") != std::string::npos);
}

TEST_CASE("PIDF-LO: civic elements in RFC 5139 order, escaped, ELINs in NAM on request") {
    auto cfg = test::config(std::string(kSim).replace(std::string(kSim).find("MAIN, street_suffix: ST, city: SPRINGFIELD"), 4, "\"A&B <C>\""));
    auto x = pidf(cfg, "spr-fl1");
    CHECK(x.find("A&amp;B &lt;C&gt;") != std::string::npos);
    std::vector<std::string> order = {"<ca:country>", "<ca:A1>", "<ca:A2>", "<ca:A3>", "<ca:RD>", "<ca:STS>", "<ca:HNO>", "<ca:LOC>"};
    std::size_t last = 0;
    for (const auto& tag : order) {
        auto p = x.find(tag);
        INFO(tag);
        REQUIRE(p != std::string::npos);
        CHECK(p > last);
        last = p;
    }
    CHECK(x.find("urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr") != std::string::npos);
    CHECK(x.find("<dm:device") != std::string::npos);
    CHECK(x.find("<ca:NAM>") == std::string::npos);  // no company set
    CHECK(pidf(cfg, "spr-fl1", true).find("<ca:NAM>+12175550101; +12175550102</ca:NAM>") != std::string::npos);
    CHECK_THROWS_AS(pidf(cfg, "nope"), UsageError);
}

TEST_CASE_METHOD(Fixture, "batch: ELIN callbacks inside and outside the window, busy ELINs") {
    std::istringstream in(
        "user,ip,dialed,time,kind,elin\n"
        "tu,10.1.0.20/16,911,2026-11-21T10:00:00Z,call,\n"
        "tu,10.1.0.21/16,911,2026-11-21T10:01:00Z,call,\n"
        ",,,2026-11-21T10:05:00Z,callback,+12175550101\n"
        ",,,2026-11-21T10:30:00Z,callback,+12175550101\n"
        ",,,2026-11-21T10:05:00Z,callback,+12175550199\n"
        "tu,bad-ip,911,2026-11-21T10:06:00Z,call,\n");
    std::ostringstream out;
    auto stats = simulate_batch(sim, in, out, BatchOutput::json);
    CHECK(stats.rows == 6);
    CHECK(stats.errors == 1);
    std::vector<std::string> lines;
    std::istringstream o(out.str());
    for (std::string l; std::getline(o, l);) lines.push_back(l);
    REQUIRE(lines.size() == 6);
    CHECK(lines[0].find("\"calling_number\":\"+12175550101\"") != std::string::npos);
    CHECK(lines[1].find("\"calling_number\":\"+12175550102\"") != std::string::npos);  // the first ELIN is busy
    CHECK(lines[2].find("\"rings\":\"tu\"") != std::string::npos);
    CHECK(lines[3].find("\"rings\":null") != std::string::npos);  // 10-minute window closed
    CHECK(lines[3].find("window") != std::string::npos);
    CHECK(lines[4].find("no emergency call in this batch used ELIN") != std::string::npos);
    CHECK(lines[5].find("\"error\"") != std::string::npos);
}

TEST_CASE_METHOD(Fixture, "batch: JSON Lines in, CSV out") {
    std::istringstream in("{\"user\": \"tu\", \"ip\": \"10.1.0.20/16\", \"dialed\": \"911\"}\n{\"user\": \"tu\", \"dialed\": \"911\", \"bogus\": 1}\n");
    std::ostringstream out;
    auto stats = simulate_batch(sim, in, out, BatchOutput::csv);
    CHECK(stats.rows == 2);
    CHECK(stats.errors == 1);
    CHECK(out.str().rfind("row,kind,time,user", 0) == 0);
    CHECK(out.str().find("routed") != std::string::npos);
    CHECK(out.str().find("unknown column `bogus`") != std::string::npos);
}

TEST_CASE("time parsing for batch rows") {
    CHECK(parse_time("2026-11-21T10:00:00Z") == 1795255200LL);
    CHECK(parse_time("2026-11-21T10:00Z") == 1795255200LL);
    CHECK(parse_time("1795255200") == 1795255200LL);
    CHECK_FALSE(parse_time("2026-11-21T10:00:00+01:00"));
    CHECK_FALSE(parse_time("yesterday"));
}

TEST_CASE_METHOD(Fixture, "matrix covers sites x locations x numbers x platforms and no-site callers") {
    auto rows = matrix(sim);
    bool peo_wrong = false, nosite = false, sfb = false;
    for (const auto& r : rows) {
        if (r.site == "peo" && r.location == "peo-fl1" && r.dialed == "911" && r.platform == Platform::teams) peo_wrong = r.psap_correct == std::optional<bool>(false);
        nosite = nosite || (r.site.empty() && !r.user.empty());
        sfb = sfb || r.platform == Platform::sfb;
    }
    CHECK(peo_wrong);
    CHECK(nosite);
    CHECK(sfb);
    CHECK(matrix_to_csv(rows).rfind("site,location,address", 0) == 0);
    CHECK(matrix_to_json(rows).front() == '[');
}

TEST_CASE("diff: worse when routed becomes unrouted, correct becomes wrong, notification is lost") {
    auto before = test::config(kSim);
    std::string s = kSim;
    auto worse_text = s;
    worse_text.replace(worse_text.find("{id: gw-elin, pidf_lo: true"), 27, "{id: gw-elin, enabled: false");
    auto after = test::config(worse_text);
    auto d = diff(before, after, LintOptions{{}, {}, "2026-11-21", {}});
    CHECK(d.worse());
    bool unrouted = false;
    for (const auto& o : d.outcomes) unrouted = unrouted || o.worse_because.find("no longer routed") != std::string::npos;
    CHECK(unrouted);
    CHECK_FALSE(d.added.empty());
    auto same = diff(before, test::config(kSim));
    CHECK_FALSE(same.worse());
    CHECK(same.outcomes.empty());
    auto quiet = s;
    quiet.replace(quiet.find("notification_group: [spr@x.com], notification_dial_out: \"+12175550199\""), 70, "notification_group: []");
    auto q = diff(before, test::config(quiet));
    bool lost = false;
    for (const auto& o : q.outcomes) lost = lost || o.worse_because == "notification lost";
    CHECK(lost);
}

TEST_CASE("PSAP service areas: most specific entry wins, case-insensitive, relays never serve") {
    auto cfg = test::config(R"(version: 1
defaults: {country: US}
addresses:
  - {id: a, county: Sangamon, state: il, country: US}
  - {id: b, county: MENARD, state: IL, country: US}
  - {id: c, state: WI, country: US}
psaps:
  - {id: state, serves: [{country: US, state: IL}]}
  - {id: county, serves: [{country: US, state: IL, county: SANGAMON}]}
  - {id: relay, relay: true, serves: [{country: US}]}
  - {id: twin, serves: [{state: IL, county: MENARD}]}
)");
    Simulator sim(cfg);
    const auto& c = sim.compiled();
    auto ids = [&](std::uint32_t a) {
        std::vector<std::string> r;
        for (auto p : c.psaps_serving(a)) r.push_back(cfg.psaps[p].id);
        return r;
    };
    CHECK(ids(0) == std::vector<std::string>{"county"});  // 3 keys beat 2
    CHECK(ids(1) == std::vector<std::string>{"state", "twin"});  // equally specific (2 keys each): both listed
    CHECK(ids(2).empty());                                // the relay serves nobody
}

TEST_CASE_METHOD(Fixture, "Teams: the site's routing policy applies whether or not the LIS found a location") {
    auto t = call(caller("911", "tu", "10.1.200.9/24"));  // site spr by prefix, but no LIS entry for 10.1.200.0
    CHECK(t.site == "spr");
    CHECK(t.location.empty());
    CHECK(t.policies.emergency_call_routing == "site-routing");
    CHECK(has_step(t, "policy", "whether or not the LIS found a location"));
    CHECK(t.policies.emergency_calling == "notify-spr");
    // A number the site's policy lacks falls back to the user's policy (Microsoft's third case).
    auto u = call(caller("112", "tu", "10.1.200.9/24"));
    CHECK(u.policies.emergency_call_routing == "user-routing");
    CHECK(u.route == "e-alt");
    CHECK(has_step(u, "policy", "has no number matching 112"));
}

TEST_CASE("a site policy without the dialled number leaves the caller enabled: ordinary call, not not_enabled") {
    std::string y = test::base_us();
    y.replace(y.find("dial_masks: [\"9911\", \"112\"]"), 27, "dial_masks: [\"9911\"]");
    auto cfg = test::config(y);
    Simulator sim(cfg);
    Caller c;
    c.dialed = "933";      // in Microsoft's Teams list for US (112 is not)
    c.ip = "10.0.0.9/24";  // site hq, no user: no user or global routing policy
    auto t = sim.simulate(c);
    CHECK_FALSE(t.emergency);
    CHECK(t.outcome == Outcome::not_emergency_no_route);
    CHECK(t.policies.emergency_call_routing == "routing");
    bool said = false;
    for (const auto& s : t.trace) said = said || s.because.find("neither dials nor masks") != std::string::npos;
    CHECK(said);
    c.ip = "198.18.0.1";  // no site, no user, no global: now genuinely not enabled
    CHECK(sim.simulate(c).outcome == Outcome::not_enabled);
}

TEST_CASE("an ELIN gateway with PIDF-LO off cannot substitute the ELIN") {
    std::string y = test::base_us();
    const std::string from = "pidf_lo: true, address: hq, emergency_routing: location";
    y.replace(y.find(from), from.size(), "pidf_lo: false, address: hq, emergency_routing: elin");
    auto cfg = test::config(y);
    Simulator sim(cfg);
    Caller c;
    c.dialed = "911";
    c.user = "alice";
    c.ip = "10.0.0.9/24";
    auto t = sim.simulate(c);
    CHECK(t.calling_number == "+12175550123");  // the user's own number, not the ELIN +12175550101
    CHECK(t.elin.empty());
    bool said = false;
    for (const auto& s : t.trace) said = said || s.because.find("PIDF-LO off") != std::string::npos;
    CHECK(said);
}
