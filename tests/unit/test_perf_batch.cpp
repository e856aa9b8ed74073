// Batch performance work must not change a byte: the fast row parser and writers against the
// reference (nlohmann) path, --jobs against one thread, and reused rows against fresh ones.
#include <algorithm>
#include <sstream>

#include "helpers.hpp"
#include "questions/call_log.hpp"
#include "e911/limits.hpp"
#include "report/batch_row.hpp"
#include "report/row_writer.hpp"
#include "report/tables.hpp"
#include "report/trace_json.hpp"
#include "simulate/decisions.hpp"

using namespace e911;

namespace {
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

// The batch's JSON line as it was written before the fast writer (nlohmann tree, sorted keys).
std::string reference_json(long long row, const CallRow& call, const Trace* trace, const CallbackAnswer* cb,
                           bool with_trace) {
    detail::json j;
    if (cb) {
        j = detail::record_json(detail::callback_columns(), detail::callback_cells(*cb));
    } else if (trace) {
        j = detail::trace_json(*trace);
        j.erase("pidf_lo");
        if (!with_trace) j.erase("trace");
    }
    detail::json head = {{"row", row}, {"kind", call.kind}, {"time", call.time ? detail::json(*call.time) : detail::json(nullptr)}};
    head.update(j);
    return head.dump(-1, ' ', false, detail::json::error_handler_t::replace);
}

// Each row simulated alone in order by a fresh CallRow and Trace, written by the reference writers.
std::string reference_batch(const Simulator& sim, const std::vector<std::string>& lines, BatchOutput format, bool with_trace) {
    CallSession session(sim, with_trace && format == BatchOutput::json ? Explain::steps
                             : format == BatchOutput::json        ? Explain::reasons
                                                                  : Explain::none);
    std::string out = format == BatchOutput::csv ? detail::csv_header(detail::batch_columns()) : "";
    long long n = 0;
    for (const auto& line : lines) {
        ++n;
        std::map<std::string, std::string> fields;
        std::string error;
        CallRow row;
        std::optional<Trace> trace;
        std::optional<CallbackAnswer> cb;
        try {
            auto j = detail::json::parse(line);
            for (auto it = j.begin(); it != j.end(); ++it)
                fields[it.key()] = it->is_string() ? it->get<std::string>() : it->is_null() ? "" : it->dump();
            row = call_row_from_fields(fields);
            if (row.kind == "callback") cb = session.callback(row.elin, *row.time);
            else trace = session.call(row);
        } catch (const detail::json::exception& e) {
            error = std::string("not JSON: ") + e.what();
        } catch (const UsageError& e) {
            error = e.what();
        }
        const Trace* t = trace ? &*trace : nullptr;
        const CallbackAnswer* c = cb ? &*cb : nullptr;
        if (format == BatchOutput::csv) out += detail::csv_row(detail::batch_columns(), detail::batch_cells(n, row, t, c, error));
        else if (!error.empty()) out += detail::json{{"row", n}, {"error", error}}.dump(-1, ' ', false, detail::json::error_handler_t::replace) + "\n";
        else out += reference_json(n, row, t, c, with_trace) + "\n";
    }
    return out;
}

std::string run(const Simulator& sim, const std::vector<std::string>& lines, BatchOutput format, bool trace, unsigned jobs) {
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    std::istringstream in(text);
    std::ostringstream out;
    BatchOptions o;
    o.trace = trace, o.jobs = jobs;
    simulate_batch(sim, in, out, format, o);
    return out.str();
}

// A deterministic mix: every caller kind, located by IP, BSSID, LLDP or not at all, emergency and
// ordinary numbers, busy ELINs, callbacks in and out of the window, and bad rows.
std::vector<std::string> call_log(std::size_t n) {
    const char* users[] = {"tu", "su", "legacy", "eaten", "noroute", "", "nobody"};
    const char* ips[] = {"10.1.0.20/16", "10.1.7.9/24", "10.2.3.4/16", "10.1.5.5/24", "2001:db8:1::5/64", "", "bad-ip", "192.0.2.1"};
    const char* dials[] = {"911", "9911", "933", "112", "+12175550100", "2175550100", ""};
    const char* bssids[] = {"", "AA-BB-CC-DD-EE-01", "AA-BB-CC-DD-EE-77", ""};
    std::vector<std::string> lines;
    unsigned long long x = 911;
    auto next = [&x](unsigned long long m) { x = x * 6364136223846793005ULL + 1442695040888963407ULL; return (x >> 33) % m; };
    long long t = 1795255200;
    for (std::size_t i = 0; i < n; ++i) {
        t += static_cast<long long>(next(40));
        auto r = next(100);
        if (r < 8) {
            lines.push_back("{\"kind\":\"callback\",\"elin\":\"" + std::string(next(2) ? "+12175550101" : "+12175550102") + "\",\"time\":" + std::to_string(t) + "}");
            continue;
        }
        if (r == 8) { lines.push_back("{\"user\":\"tu\",\"dialed\":\"911\",\"bogus\":1}"); continue; }
        if (r == 9) { lines.push_back("not json"); continue; }
        if (r == 10) { lines.push_back("{\"user\":\"t\\u0075\",\"dialed\":\"911\",\"ip\":\"10.1.0.3/16\",\"time\":" + std::to_string(t) + "}"); continue; }
        if (r == 11) { lines.push_back("{\"dialed\":\"911\",\"ip\":\"10.1.0.3/16\",\"duration\":\"x\"}"); continue; }
        std::string l = "{";
        auto add = [&l](const std::string& k, const std::string& v) { if (!v.empty()) l += (l.size() > 1 ? "," : "") + ("\"" + k + "\":\"" + v + "\""); };
        add("user", users[next(7)]);
        add("ip", ips[next(8)]);
        add("bssid", bssids[next(4)]);
        if (next(10) == 0) add("chassis_id", "00-11-22-33-44-55"), add("port_id", next(2) ? "7" : "8");
        if (next(10) == 0) add("platform", next(2) ? "sfb" : "teams");
        add("dialed", dials[next(7)]);
        l += std::string(l.size() > 1 ? "," : "") + "\"time\":" + std::to_string(t);
        if (next(5) == 0) l += ",\"duration\":" + std::to_string(next(1200));
        lines.push_back(l + "}");
    }
    return lines;
}

}  // namespace

TEST_CASE("[perf] JSON strings are written as nlohmann writes them", "[perf]") {
    for (std::string s : {std::string(""), std::string("plain"), std::string("q\"uo\\te"), std::string("\n\r\t\b\f\x01\x1f\x7f"),
                          std::string("caf\xc3\xa9 \xe6\x97\xa5"), std::string("bad \xff byte"), std::string("cut \xc3"),
                          std::string("surrogate \xed\xa0\x80 x")}) {
        std::string mine;
        detail::append_json_string(mine, s);
        CHECK(mine == detail::json(s).dump(-1, ' ', false, detail::json::error_handler_t::replace));
    }
    // Longer text is scanned 8 bytes at a time: a special byte at every position of a word, and every byte value.
    std::string all;
    for (int c = 1; c < 256; ++c) all += static_cast<char>(c);
    std::vector<std::string> texts = {all, "0123456789abcdef0123456789abcdef"};
    for (char special : {'"', '\\', '\n', '\x1f', '\x7f', ' ', '\xc3'})
        for (std::size_t at = 0; at < 24; ++at) {
            std::string t(24, 'a');
            t[at] = special;
            texts.push_back(t);
        }
    texts.push_back("caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9 -- valid UTF-8 past the first word");
    // Plain strings either side of the stack-quoted length, and a long one with an escape at its end.
    for (std::size_t n : {253, 254, 255, 256, 1000}) texts.push_back(std::string(n, 'x'));
    texts.push_back(std::string(300, 'y') + "\n");
    for (const auto& t : texts) {
        std::string mine;
        detail::append_json_string(mine, t);
        CHECK(mine == detail::json(t).dump(-1, ' ', false, detail::json::error_handler_t::replace));
    }
}

TEST_CASE("[perf] flat JSON Lines rows read as the full parser reads them", "[perf]") {
    detail::CallFields f;
    CHECK(detail::parse_flat_jsonl(R"( {"user": "tu", "ip":"10.1.0.20/16" ,"time":1795255200,"elin":null} )", f));
    std::map<std::string, std::string> want = {{"elin", ""}, {"ip", "10.1.0.20/16"}, {"time", "1795255200"}, {"user", "tu"}};
    CHECK(f.to_map() == want);
    // Fields come out in key order whatever order the row has, and a reused CallFields keeps none
    // of the previous row's.
    CHECK(detail::parse_flat_jsonl(R"({"zz":"3","b":"2","a":"1","ba":"4"})", f));
    std::vector<std::string> keys;
    for (const auto& item : f) keys.emplace_back(item.first);
    CHECK(keys == std::vector<std::string>{"a", "b", "ba", "zz"});
    CHECK(f.to_map().at("ba") == "4");
    CHECK(detail::parse_flat_jsonl(R"({"user":"u2"})", f));
    CHECK(f.to_map() == std::map<std::string, std::string>{{"user", "u2"}});
    std::string many = "{";  // 32 keys are read here; a 33rd sends the row to the full parser
    for (int i = 0; i < 33; ++i) many += (i ? ",\"k" : "\"k") + std::to_string(100 - i) + "\":\"v\"";
    CHECK_FALSE(detail::parse_flat_jsonl(many + "}", f));
    CHECK(detail::parse_flat_jsonl(many.substr(0, many.rfind(',')) + "}", f));
    CHECK(f.size() == 32);
    CHECK(detail::parse_flat_jsonl("{}", f));
    CHECK(f.empty());
    // Anything unusual goes to the full parser.
    for (const char* odd : {R"({"user":"t\u0075"})", R"({"a":1.5})", R"({"a":-1})", R"({"a":true})", R"({"a":{}})",
                            R"({"a":"1","a":"2"})", R"({"a":"1","c":"3","b":"2","a":"4"})", R"({"a":01})", R"({"a":"1"} x)", R"({"a":"1")", "[1]", R"({"a" "1"})"})
        CHECK_FALSE(detail::parse_flat_jsonl(odd, f));
}

TEST_CASE("[perf] batch output equals the reference writers, row by row", "[perf]") {
    Config cfg = test::config(kSim);
    Simulator sim{cfg};
    auto lines = call_log(600);
    CHECK(run(sim, lines, BatchOutput::json, true, 1) == reference_batch(sim, lines, BatchOutput::json, true));
    CHECK(run(sim, lines, BatchOutput::json, false, 1) == reference_batch(sim, lines, BatchOutput::json, false));
    CHECK(run(sim, lines, BatchOutput::csv, false, 1) == reference_batch(sim, lines, BatchOutput::csv, false));
}

TEST_CASE("[perf] --jobs N writes the same bytes in input order as one thread", "[perf]") {
    Config cfg = test::config(kSim);
    Simulator sim{cfg};
    auto lines = call_log(9000);  // several chunks per worker
    for (auto format : {BatchOutput::json, BatchOutput::csv}) {
        std::string one = run(sim, lines, format, true, 1);
        CHECK(run(sim, lines, format, true, 2) == one);
        CHECK(run(sim, lines, format, true, 3) == one);
    }
}

TEST_CASE("[perf] a reused row and trace carry nothing into the next row", "[perf]") {
    Config cfg = test::config(kSim);
    Simulator sim{cfg};
    // A fully located SfB emergency call, then a bare ordinary call: the second must read as if alone.
    std::string full = R"({"user":"su","ip":"10.1.0.20/16","bssid":"AA-BB-CC-DD-EE-01","chassis_id":"00-11-22-33-44-55","port_id":"7","platform":"sfb","dialed":"911","time":1795255200,"duration":60})";
    std::string bare = R"({"dialed":"2175550100"})";
    for (auto format : {BatchOutput::json, BatchOutput::csv}) {
        std::string both = run(sim, {full, bare}, format, true, 1);
        std::string alone = run(sim, {bare}, format, true, 1);
        std::string last = both.substr(both.rfind('\n', both.size() - 2) + 1);
        std::string only = alone.substr(alone.rfind('\n', alone.size() - 2) + 1);
        if (format == BatchOutput::json) {
            auto a = detail::json::parse(last), b = detail::json::parse(only);
            a.erase("row"), b.erase("row");
            CHECK(a == b);
        } else {
            CHECK(last.substr(last.find(',')) == only.substr(only.find(',')));
        }
    }
}

TEST_CASE("[perf] a Trace filled again answers as a fresh one, steps and PIDF-LO included", "[perf]") {
    // A reused Trace keeps its steps through the reset and overwrites them (step_at): rows with more
    // and fewer steps than the one before, and with and without a PIDF-LO, must each read as fresh.
    Config cfg = test::config(kSim);
    Simulator sim{cfg};
    const std::map<std::string, std::string> full = {{"user", "su"}, {"ip", "10.1.0.20/16"}, {"bssid", "AA-BB-CC-DD-EE-01"},
                                                     {"chassis_id", "00-11-22-33-44-55"}, {"port_id", "7"}, {"platform", "sfb"},
                                                     {"dialed", "911"}, {"time", "1795255200"}, {"duration", "60"}};
    const std::map<std::string, std::string> located = {{"user", "tu"}, {"ip", "10.1.0.20/16"}, {"dialed", "911"}};
    const std::map<std::string, std::string> bare = {{"dialed", "2175550100"}};
    CallSession again(sim, Explain::steps), fresh(sim, Explain::steps);
    Trace reused;
    std::size_t most = 0, fewest = SIZE_MAX, with_pidf = 0;
    for (const auto* fields : {&full, &bare, &located, &full, &full, &bare, &bare, &located, &bare, &full}) {
        CallRow row = call_row_from_fields(*fields);
        again.call(row, reused);
        Trace alone = fresh.call(row);
        CHECK(render(reused, ReportFormat::json, {false, -1}) == render(alone, ReportFormat::json, {false, -1}));
        CHECK(reused.trace.size() == alone.trace.size());
        most = std::max(most, alone.trace.size()), fewest = std::min(fewest, alone.trace.size());
        with_pidf += !alone.pidf_lo.empty();
    }
    CHECK(most > fewest);  // the sequence grows and shrinks the steps
    CHECK(with_pidf > 0);
    CHECK(with_pidf < 10);
}

TEST_CASE("[perf] batch CSV cells sit under their own column names", "[perf]") {
    Config cfg = test::config(kSim);
    Simulator sim{cfg};
    CallSession session(sim, false);
    CallRow row = call_row_from_fields({{"user", "tu"}, {"ip", "10.1.0.20/16"}, {"dialed", "911"}, {"time", "1795255200"}});
    Trace t = session.call(row);
    auto cells = detail::batch_cells(7, row, &t, nullptr, "");
    const auto& columns = detail::batch_columns();
    REQUIRE(cells.size() == columns.size());
    auto at = [&](const std::string& name) -> const Cell& {
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i].name == name) return cells[i];
        FAIL("no column " << name);
        return cells[0];
    };
    CHECK(at("row").number == 7);
    CHECK(at("kind").text == "call");
    CHECK(at("time").number == 1795255200);
    CHECK(at("user").text == t.user);
    CHECK(at("dialed").text == "911");
    CHECK(at("site").text == t.site);
    CHECK(at("location").text == t.location);
    CHECK(at("route").text == t.route);
    CHECK(at("calling_number").text == t.calling_number);
    CHECK(at("psap").text == t.psap);
    CHECK(at("outcome").text == to_string(t.outcome));
    CHECK(at("location_class").text == to_string(t.location_class));
    CHECK(at("error").is_null());
    CHECK(at("rings").is_null());
    // The fast CSV writer and the cells agree.
    std::string fast;
    detail::append_batch_csv(fast, {7, row, &t, nullptr, std::string()});
    CHECK(fast == detail::csv_row(columns, cells));
}

TEST_CASE("[perf] JSON Lines rows split by the reader and parsed by the workers read as before", "[perf]") {
    Config cfg = test::config(kSim);
    Simulator sim{cfg};
    std::vector<std::string> lines = {R"({"user":"tu","ip":"10.1.0.20/16","dialed":"911"})",
                                      "",
                                      "   ",
                                      "{\"user\":\"tu\",\"dialed\":\"911\"}\r",
                                      "{\"user\":\"t\xff\",\"dialed\":\"911\"}",
                                      "{\"user\":\"tu\",\"dialed\":\"" + std::string(limits::max_row_bytes + 10, '1') + "\"}",
                                      R"({"dialed":"911","ip":"10.1.0.3/16"})"};
    for (auto format : {BatchOutput::json, BatchOutput::csv}) {
        std::string one = run(sim, lines, format, true, 1);
        CHECK(run(sim, lines, format, true, 2) == one);
        CHECK(one.find("line 5 is not valid UTF-8") != std::string::npos);
        CHECK(one.find("line 6 is longer than 1024 KiB") != std::string::npos);
    }
    std::string json = run(sim, lines, BatchOutput::json, true, 1);
    CHECK(std::count(json.begin(), json.end(), '\n') == 5);  // blank lines are not rows
    CHECK(json.find("{\"row\":2,\"kind\":\"call\"") != std::string::npos);  // the CR of a CRLF line is not part of it
}

// The look-ahead only prefetches, so a wrong guess would cost speed, never an answer (the tests
// above hold the batch to the reference path). This one keeps it pointed at what the simulator
// reads: for callers placed by a LIS subnet or an exact BSSID it names the user, subnet, site and
// location that placement finds, and on text that does not parse it names nothing and throws nothing.
TEST_CASE("[perf] the batch look-ahead names the user, site and location the simulation finds", "[perf]") {
    Config cfg = test::config(kSim);
    Simulator sim{cfg};
    const auto& c = sim.compiled();
    struct Case {
        std::string user, ip, bssid;
    };
    for (const Case& k : {Case{"tu", "10.1.0.20/16", ""}, Case{"eaten", "10.2.0.9/16", ""},
                          Case{"tu", "10.1.7.3/24", ""}, Case{"noroute", " 10.1.0.20/16", ""},
                          Case{"tu", "10.1.0.20/16", "AA-BB-CC-DD-EE-01"}, Case{"tu", "10.1.5.1/16", ""}}) {
        for (bool steps : {false, true}) {  // a trace's steps prefetch more, and read the same
            INFO(k.user << " " << k.ip << " " << k.bssid << " steps " << steps);
            detail::LookAhead a;
            detail::look_ahead_keys(c, k.user, k.ip, k.bssid, steps, a);
            CHECK(a.steps == steps);
            detail::look_ahead_entries(c, a);
            detail::look_ahead_objects(c, a);
            detail::look_ahead_details(c, a);
            detail::look_ahead_lists(c, a);
            Caller caller;
            caller.user = k.user, caller.bssid = k.bssid, caller.dialed = "911";
            caller.ip = k.ip.substr(k.ip.find_first_not_of(' '));  // a row's cell is split and trimmed first
            auto setup = detail::setup_caller(c, caller);
            auto placed = detail::place(c, setup);
            CHECK((a.user_index == npos || &cfg.users[a.user_index] == setup.user));
            CHECK(a.subnet == placed.subnet);
            CHECK(a.site == placed.site);
            CHECK(a.location == placed.location);
            CHECK(a.location != npos);
        }
    }
    for (const Case& k : {Case{"nobody", "garbage", "zz:zz"}, Case{"", "10.1.0.20/99", ""}, Case{"", "/16", "AA-BB"},
                          Case{"", "", ""}, Case{"TU", "10.9.9.9/", ""}, Case{"nobody", "::ffff:10.1.0.20", ""}}) {
        INFO(k.user << " " << k.ip << " " << k.bssid);
        detail::LookAhead a;
        CHECK_NOTHROW(detail::look_ahead_keys(c, k.user, k.ip, k.bssid, true, a));
        CHECK_NOTHROW(detail::look_ahead_entries(c, a));
        CHECK_NOTHROW(detail::look_ahead_objects(c, a));
        CHECK_NOTHROW(detail::look_ahead_details(c, a));
        CHECK_NOTHROW(detail::look_ahead_lists(c, a));
        CHECK(a.user_index == npos);
        CHECK(a.location == npos);
    }
}

// The look-ahead runs only where the tables outgrow the caches; with 100,000 more subnets the same
// call log must give the same rows, alone and on two workers.
TEST_CASE("[perf] a configuration large enough for the look-ahead gives the same rows", "[perf]") {
    std::string big = kSim;
    std::string extra;
    for (std::uint32_t i = 0; i < 100000; ++i) {
        const std::uint32_t a = (172u << 24 | 16u << 16) + 4 * i;
        extra += "    - {prefix: " + std::to_string(a >> 24) + "." + std::to_string(a >> 16 & 255) + "." +
                 std::to_string(a >> 8 & 255) + "." + std::to_string(a & 255) + "/30, site: peo}\n";
    }
    const std::string subnets = "  subnets:\n";  // the network's, the first
    big.insert(big.find(subnets) + subnets.size(), extra);
    Config cfg = test::config(big);
    REQUIRE(cfg.subnets.size() == 100004);
    Simulator sim{cfg};
    REQUIRE(detail::look_ahead_pays(sim.compiled()));
    CHECK_FALSE(detail::look_ahead_pays(Simulator{test::config(kSim)}.compiled()));
    auto lines = call_log(3000);
    for (auto format : {BatchOutput::json, BatchOutput::csv}) {
        const std::string reference = reference_batch(sim, lines, format, true);
        CHECK(run(sim, lines, format, true, 1) == reference);
        CHECK(run(sim, lines, format, true, 2) == reference);
    }
}
