// Regression tests for pattern cost: bounded pattern length, bounded steps per match, an
// abandoned match reported (never a silent "no match"), the answer cache bounded in bytes.
#include "compile/compiled.hpp"
#include "e911/simulate.hpp"
#include "helpers.hpp"

using namespace e911;
using detail::Pattern;

namespace {
// A catastrophically backtracking pattern large enough that Boost's own limit (which grows with
// the pattern's size squared) would allow minutes: only the step bound stops it.
std::string big_evil_pattern() {
    std::string alternatives;
    for (int i = 0; i < 150; ++i) alternatives += "|x" + std::to_string(i) + "y";
    return "^(?:(\\d+)+#" + alternatives + ")$";
}
}  // namespace

TEST_CASE("robust: a pattern longer than the bound does not compile, and says why") {
    Pattern p(std::string(limits::max_pattern_length + 1, '1'));
    CHECK_FALSE(p.ok());
    CHECK(p.error().find("more than the limit of " + std::to_string(limits::max_pattern_length)) != std::string::npos);
    CHECK(Pattern(std::string(limits::max_pattern_length, '1')).ok());
}

TEST_CASE("robust: a catastrophic match is abandoned quickly and names its input") {
    for (const std::string& text : {std::string("^(\\d+)+#$"), big_evil_pattern()}) {
        Pattern p(text);
        REQUIRE(p.ok());
        std::string input(60, '1');
        auto m = p.search(input);
        CHECK_FALSE(m.matched);
        CHECK(m.abandoned);
        CHECK(m.failed);
        CHECK(m.error.find("matching `" + input + "` was abandoned") != std::string::npos);
        std::string err;
        CHECK_FALSE(p.replace(input, "x", &err));
        CHECK(err.find("abandoned") != std::string::npos);
    }
    auto ok = Pattern("^9(\\d{10})$");
    CHECK(ok.search("92175550123").matched);
    CHECK_FALSE(ok.search("92175550123").abandoned);
    std::string err;
    CHECK(ok.replace("92175550123", "+1$1", &err) == std::optional<std::string>("+12175550123"));
}

TEST_CASE("robust: lint reports a pattern over the cost bound as route-pattern-invalid naming the input") {
    std::string yaml = test::base_us();
    auto at = yaml.find("'^911$'");
    yaml.replace(at, 7, "'^(\\d+)+#$'");
    auto fs = test::run_rule(yaml, "route-pattern-invalid");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].message.find("abandoned") != std::string::npos);
    // ... naming the probe input that exceeded the bound, and the bound.
    CHECK(fs[0].message.find("matching `" + std::string(40, '1') + "` was abandoned after " +
                             std::to_string(limits::max_match_steps) + " steps") != std::string::npos);
}

TEST_CASE("robust: lint finds a costly pattern behind a literal prefix, with the input the simulator abandons") {
    std::string yaml = test::base_us();
    yaml.replace(yaml.find("'^\\+1\\d{10}$'"), 13, "'^\\+1(\\d+)+#$'");
    auto fs = test::run_rule(yaml, "route-pattern-invalid");
    REQUIRE(fs.size() == 1);
    CHECK(fs[0].target == "route/local");
    std::string probe = "+1" + std::string(limits::max_dial_length - 2, '1');
    CHECK(fs[0].message.find("matching `" + probe.substr(0, 80) + "` was abandoned after") != std::string::npos);
}

TEST_CASE("robust: routes and dial-plan rules whose match was abandoned are listed, not silently unmatched") {
    std::string yaml = test::base_us();
    yaml.replace(yaml.find("'^911$'"), 7, "'^(\\d+)+#$'");
    auto cfg = test::config(yaml);
    detail::Compiled c(cfg);
    std::string number(40, '9');
    auto usage = cfg.find(Kind::pstn_usage, "emergency");
    REQUIRE(usage != npos);
    CHECK(c.matching_routes(usage, number).empty());
    REQUIRE(c.route_answer(usage, number).abandoned.size() == 1);
    CHECK(cfg.routes[c.route_answer(usage, number).abandoned[0]].id == "emergency");
}

TEST_CASE("robust: the answer cache is bounded in bytes") {
    auto cfg = test::config(test::base_us());
    detail::Compiled c(cfg);
    auto usage = cfg.find(Kind::pstn_usage, "local");
    detail::set_answer_cache_limit(64 * 1024);
    std::size_t peak = 0;
    for (int i = 0; i < 3000; ++i) {
        c.matching_routes(usage, "+1" + std::to_string(1000000000 + i) + std::string(50, '0'));
        peak = std::max(peak, detail::answer_cache_bytes());
    }
    detail::set_answer_cache_limit(0);
    CHECK(peak > 32 * 1024);  // it did fill up ...
    CHECK(peak <= 64 * 1024 + 1024);  // ... and never past the bound (plus one entry)
}

namespace {
// The trace steps whose result says a match was abandoned.
std::vector<TraceStep> abandoned_steps(const Trace& t) {
    std::vector<TraceStep> out;
    for (const auto& s : t.trace)
        if (s.result.find("match abandoned") != std::string::npos) out.push_back(s);
    return out;
}
Trace call_from_alice(const Config& cfg, const std::string& dialed) {
    Simulator sim(cfg);
    Caller c;
    c.dialed = dialed;
    c.user = "alice";
    c.ip = "10.0.0.5";
    return sim.simulate(c, Explain::steps);
}
}  // namespace

TEST_CASE("robust: a call whose route match was abandoned says so in its trace, naming pattern, input and bound") {
    std::string yaml = test::base_us();
    yaml.replace(yaml.find("'^\\+1\\d{10}$'"), 13, "'^\\+1(\\d+)+#$'");
    auto cfg = test::config(yaml);
    std::string dialed = "+1" + std::string(40, '2');
    auto t = call_from_alice(cfg, dialed);
    CHECK(t.route.empty());
    auto steps = abandoned_steps(t);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].step == "route");
    CHECK(steps[0].result == "local match abandoned");
    CHECK(steps[0].because.find("pattern `^\\+1(\\d+)+#$` on `" + dialed + "` was abandoned after " +
                                std::to_string(limits::max_match_steps) + " steps") != std::string::npos);
    CHECK(steps[0].line == test::line_of(yaml, "id: local, priority"));
    // A number the pattern answers cheaply leaves no such step.
    CHECK(abandoned_steps(call_from_alice(cfg, "+12175550100")).empty());
}

TEST_CASE("robust: a dial-plan rule whose match was abandoned is passed over, and the trace says so") {
    std::string yaml = test::base_us();
    yaml.replace(yaml.find("  routing_policies:"), 0,
                 "  dial_plans:\n    - id: global\n      rules:\n"
                 "        - {name: evil, pattern: '^(\\d+)+#$', translation: '$1'}\n"
                 "        - {name: strip-9, pattern: '^9(\\d+)$', translation: '$1'}\n");
    auto cfg = test::config(yaml);
    std::string dialed = "9" + std::string(40, '1');
    auto t = call_from_alice(cfg, dialed);
    CHECK(t.normalized == std::string(40, '1'));  // the next rule applied
    auto steps = abandoned_steps(t);
    REQUIRE(steps.size() == 1);
    CHECK(steps[0].step == "dial_plan");
    CHECK(steps[0].result == "rule `evil` match abandoned");
    CHECK(steps[0].because.find("pattern `^(\\d+)+#$` on `" + dialed + "` was abandoned after " +
                                std::to_string(limits::max_match_steps) + " steps") != std::string::npos);
    CHECK(steps[0].line == test::line_of(yaml, "name: evil"));
}
