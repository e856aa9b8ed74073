// Gateways that are down (issue 10 item 15, domain §7 v2): the route's remaining gateways, then the next route
// of the usage by priority, then the call is dropped; on simulate, batch, matrix and diff, and lint agreeing.
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "helpers.hpp"

using namespace e911;
using test::edit;
using test::after;
using test::base_us;
using test::config;

namespace {
// One gateway on the emergency route, a second route of the same usage through sbc2.
std::string two_routes() {
    auto one = edit(base_us(), "gateways: [sbc, sbc2]", "gateways: [sbc]");
    return after(one, "- {id: emergency, priority: 1",
                 "    - {id: emergency-b, priority: 2, number_pattern: '^911$', pstn_usages: [emergency], "
                 "gateways: [sbc2]}\n");
}
Caller at_hq(const std::string& down) {
    Caller c;
    c.dialed = "911";
    c.user = "alice";
    c.ip = "10.0.0.5";
    c.public_ip = "203.0.113.1";
    c.down = down;
    return c;
}
std::string steps(const Trace& t) {
    std::string all;
    for (const auto& s : t.trace) all += s.step + ": " + s.result + " - " + s.because + "\n";
    return all;
}
std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("down: the route's remaining gateway takes the call, and the trace says which was skipped", "[fidelity]") {
    auto cfg = config(base_us());
    Simulator sim(cfg);
    auto up = sim.simulate(at_hq(""));
    CHECK(up.gateways == std::vector<std::string>{"sbc", "sbc2"});
    CHECK(up.gateways_down.empty());
    auto t = sim.simulate(at_hq("sbc"));
    INFO(steps(t));
    CHECK(t.outcome == Outcome::routed);
    CHECK(t.route == "emergency");
    CHECK(t.gateways == std::vector<std::string>{"sbc2"});
    CHECK(t.gateways_down == std::vector<std::string>{"sbc"});
    CHECK(steps(t).find("gateways: sbc2 - the one enabled gateway; down and skipped: sbc") != std::string::npos);
    CHECK(trace_to_json(t).find("\"gateways_down\"") != std::string::npos);
}

TEST_CASE("down: a route with no gateway left fails over to the next route of the usage by priority", "[fidelity]") {
    auto cfg = config(two_routes());
    Simulator sim(cfg);
    CHECK(sim.simulate(at_hq("")).route == "emergency");
    auto t = sim.simulate(at_hq("sbc"));
    INFO(steps(t));
    CHECK(t.outcome == Outcome::routed);
    CHECK(t.route == "emergency-b");
    CHECK(t.gateways == std::vector<std::string>{"sbc2"});
    CHECK(t.gateways_down == std::vector<std::string>{"sbc"});
    CHECK(steps(t).find("route: emergency skipped - matches, but no gateway of the route is left (down: sbc)") !=
          std::string::npos);
    CHECK(t.psap == "sangamon");
}

TEST_CASE("down: with no gateway left the call is dropped, and later usages are not tried", "[fidelity]") {
    // An ordinary call's second usage has a route through a gateway that is up: still not tried (domain §7).
    auto y = edit(base_us(), "{id: users, pstn_usages: [local]}", "{id: users, pstn_usages: [local, other]}");
    y = edit(y, "pstn_usages: [emergency, local]", "pstn_usages: [emergency, local, other]");
    y = after(y, "- {id: local, priority: 5",
              "    - {id: other, priority: 5, number_pattern: '^\\+1\\d{10}$', pstn_usages: [other], gateways: [sbc2]}\n");
    auto cfg = config(y);
    Simulator sim(cfg);
    auto t = sim.simulate(at_hq("sbc,sbc2"));
    INFO(steps(t));
    CHECK(t.outcome == Outcome::no_route);
    CHECK(t.route.empty());
    CHECK(t.gateways.empty());
    CHECK(t.gateways_down == std::vector<std::string>{"sbc", "sbc2"});
    CHECK(steps(t).find("the call is dropped") != std::string::npos);
    auto ordinary = at_hq("sbc");
    ordinary.dialed = "+12175550100";
    auto o = sim.simulate(ordinary);
    INFO(steps(o));
    CHECK(o.outcome == Outcome::not_emergency_no_route);
    CHECK(o.pstn_usage == "local");
    CHECK(o.gateways_down == std::vector<std::string>{"sbc"});
}

TEST_CASE("down: an unknown gateway id is an error naming it, with a suggestion", "[fidelity]") {
    auto cfg = config(base_us());
    Simulator sim(cfg);
    try {
        sim.simulate(at_hq("sbc, sbx2"));
        FAIL("no error");
    } catch (const UsageError& e) {
        CHECK(std::string(e.what()) == "down: unknown gateway `sbx2`; did you mean `sbc2`?");
    }
    CHECK_THROWS_AS(matrix(sim, {"nope"}), UsageError);
    auto other = config(two_routes());
    CHECK_THROWS_WITH(diff(cfg, other, {}, {"sbx"}), "down: unknown gateway `sbx`; did you mean `sbc`?");
}

TEST_CASE("down: a call log row's `down` column gives the same answer as simulate", "[fidelity]") {
    auto cfg = config(two_routes());
    Simulator sim(cfg);
    CallSession session(sim);
    auto row = call_row_from_fields({{"dialed", "911"}, {"user", "alice"}, {"ip", "10.0.0.5"},
                                     {"public_ip", "203.0.113.1"}, {"down", "sbc"}});
    auto batch = session.call(row);
    auto one = sim.simulate(at_hq("sbc"));
    CHECK(batch.route == one.route);
    CHECK(batch.gateways_down == one.gateways_down);
    CHECK(batch_row_to_json(1, row, &batch, nullptr).find("\"gateways_down\":[\"sbc\"]") != std::string::npos);
}

TEST_CASE("down: the matrix shows what one SBC failure does to every site", "[fidelity]") {
    auto cfg = config(two_routes());
    Simulator sim(cfg);
    for (const auto& r : matrix(sim, {"sbc"})) {
        INFO(r.key());
        if (!r.emergency) continue;
        CHECK(r.outcome == Outcome::routed);
        CHECK(r.route == "emergency-b");
        CHECK(r.gateways_down == std::vector<std::string>{"sbc"});
    }
    auto both = matrix(sim, {"sbc", "sbc2"});
    REQUIRE(!both.empty());
    for (const auto& r : both) CHECK(r.outcome == Outcome::no_route);
    CHECK(matrix_to_json(matrix(sim)) == matrix_to_json(matrix(sim, {})));
}

TEST_CASE("down: diff compares two configurations under the same failure", "[fidelity]") {
    auto one = config(edit(base_us(), "gateways: [sbc, sbc2]", "gateways: [sbc]"));
    auto two = config(two_routes());
    CHECK_FALSE(diff(one, two).worse());
    auto d = diff(one, two, {}, {"sbc"});
    REQUIRE(!d.outcomes.empty());
    bool saw = false;
    for (const auto& o : d.outcomes) {
        if (!o.before || !o.after || !o.before->emergency) continue;
        CHECK(o.before->outcome == Outcome::no_route);
        CHECK(o.after->outcome == Outcome::routed);
        CHECK(o.after->route == "emergency-b");
        saw = true;
    }
    CHECK(saw);
    CHECK_FALSE(d.worse());
    CHECK(diff(two, one, {}, {"sbc"}).worse());  // the change that removes the backup route is worse
    // A gateway only one side has is down where it exists.
    auto renamed = config(edit(edit(base_us(), "{id: sbc2,", "{id: sbc3,"), "gateways: [sbc, sbc2]", "gateways: [sbc, sbc3]"));
    CHECK_NOTHROW(diff(one, renamed, {}, {"sbc3"}));
}

TEST_CASE("emergency-single-gateway agrees with simulate --down", "[fidelity]") {
    auto one = edit(base_us(), "gateways: [sbc, sbc2]", "gateways: [sbc]");
    auto disabled = edit(base_us(), "{id: sbc2, pidf_lo: true", "{id: sbc2, enabled: false, pidf_lo: true");
    for (const auto& y : {base_us(), one, two_routes(), disabled}) {
        auto cfg = config(y);
        Simulator sim(cfg);
        bool dropped = false;
        for (const auto* g : {"sbc", "sbc2"})
            dropped = dropped || sim.simulate(at_hq(g)).outcome == Outcome::no_route;
        CHECK(test::run_rule(cfg, "emergency-single-gateway").empty() == !dropped);
    }
}

TEST_CASE("CLI: --down on simulate, matrix and diff; an unknown id exits 2", "[fidelity]") {
    auto path = std::string("/tmp/e911-test-down.yaml");
    std::ofstream(path) << two_routes();
    auto run = [](const std::string& args) {
        FILE* p = popen((std::string(E911_CLI) + " " + args + " 2>&1").c_str(), "r");
        REQUIRE(p);
        std::string out;
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        int status = pclose(p);
        return std::make_pair(WEXITSTATUS(status), out);
    };
    auto s = run("simulate " + path + " --dial 911 --user alice --ip 10.0.0.5 --public-ip 203.0.113.1 --down sbc --format json");
    CHECK(s.first == 0);
    CHECK(nlohmann::json::parse(s.second)["route"] == "emergency-b");
    auto m = run("matrix " + path + " --down sbc,sbc2 --format json");
    CHECK(m.first == 0);
    for (const auto& row : nlohmann::json::parse(m.second)) CHECK(row["outcome"] == "no_route");
    auto d = run("diff " + path + " " + path + " --down sbc");
    CHECK(d.first == 0);
    auto bad = run("matrix " + path + " --down sbx2");
    CHECK(bad.first == 2);
    CHECK(bad.second.find("unknown gateway `sbx2`; did you mean `sbc2`?") != std::string::npos);
    CHECK(run("simulate " + path + " --dial 911 --down nope").first == 2);
}

// The example of issue 10 items 11-15: its whole coverage matrix, normal and with one SBC down, is pinned.
// Regenerate both files with scripts/regen-us-canada-matrix.sh after a change that moves them on purpose.
TEST_CASE("us-canada: the pinned coverage matrix, and with sbc-chi down", "[fidelity]") {
    auto r = load_files({E911_SOURCE_DIR "/examples/us-canada.yaml"});
    REQUIRE(r.ok());
    Simulator sim(r.config);
    for (const auto& [file, down] :
         {std::pair<std::string, std::vector<std::string>>{"us-canada.matrix.json", {}},
          std::pair<std::string, std::vector<std::string>>{"us-canada.down-sbc-chi.matrix.json", {"sbc-chi.northwind.com"}}}) {
        INFO(file << " (regenerate: scripts/regen-us-canada-matrix.sh)");
        auto text = slurp(E911_SOURCE_DIR "/tests/data/" + file);
        REQUIRE(!text.empty());
        auto got = render(matrix(sim, down), ReportFormat::json);
        INFO(got);
        CHECK(nlohmann::json::parse(got) == nlohmann::json::parse(text));
    }
}
