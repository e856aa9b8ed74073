// Every example loads clean and lints exactly as its header says.
#include "helpers.hpp"

using namespace e911;

namespace {
std::vector<std::string> rules_of(const std::string& file, bool active_only) {
    auto r = load_files({std::string(E911_SOURCE_DIR "/examples/") + file});
    INFO(diagnostics_to_text(r.diagnostics, false));
    REQUIRE(r.diagnostics.empty());
    LintOptions opt;
    opt.today = "2026-11-21";
    std::vector<std::string> ids;
    for (const auto& f : lint(r.config, opt))
        if (!active_only || f.active()) ids.push_back(f.rule + " " + f.target);
    return ids;
}
}  // namespace

TEST_CASE("campus: one waived kari-notification-building on the Wi-Fi site") {
    CHECK(rules_of("campus.yaml", false) == std::vector<std::string>{"kari-notification-building site/campus-wifi"});
    CHECK(rules_of("campus.yaml", true).empty());
}

// Issue 10 added emergency-single-gateway (one SBC carrying every emergency call of a site is a single point of
// failure, domain §10 v2). Rather than pin that warning on every example, each example's emergency route now
// has two gateways at the same place, which changes none of the outcomes the examples exist to show.
TEST_CASE("bern and the fixed multi-PSAP variant are clean") {
    CHECK(rules_of("bern.yaml", false).empty());
    CHECK(rules_of("multi-psap-fixed.yaml", false).empty());
}

TEST_CASE("multi-psap: exactly the wrong-PSAP finding it demonstrates, in YAML and JSON") {
    std::vector<std::string> want = {"psap-mismatch site/peoria"};
    CHECK(rules_of("multi-psap.yaml", false) == want);
    CHECK(rules_of("multi-psap.json", false) == want);
}

TEST_CASE("us-canada: one waived emergency-single-gateway on Toronto, nothing active") {
    CHECK(rules_of("us-canada.yaml", false) == std::vector<std::string>{"emergency-single-gateway site/toronto"});
    CHECK(rules_of("us-canada.yaml", true).empty());
}

TEST_CASE("bern: the numbers of the header simulate as the header says") {
    auto r = load_files({E911_SOURCE_DIR "/examples/bern.yaml"});
    Simulator sim(r.config);
    for (const char* dialed : {"117", "144", "118", "112", "999", "911"}) {
        Caller c;
        c.dialed = dialed;
        c.user = "urs@contoso.ch";
        c.ip = "172.29.81.57/24";  // the SfB client's own network ID: an exact match
        auto t = sim.simulate(c);
        INFO(dialed);
        CHECK(t.emergency);
        CHECK(t.outcome == Outcome::routed);
        CHECK(t.site == "bern");
        CHECK(t.route == "ch-emergency");
        CHECK(t.psap_correct == std::optional<bool>(true));
        CHECK(t.dial_string == (std::string(dialed) == "999" || std::string(dialed) == "911" ? "112" : dialed));
    }
}
