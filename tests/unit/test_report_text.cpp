// The plain-text renderers show how a call leaves, where its location came from, whether a relay centre screens
// it and which gateways were down — and nothing more for the common case, so ordinary output reads as before.
#include "helpers.hpp"

using namespace e911;

namespace {
const Config& us_canada() {
    static const Config cfg = [] {
        auto r = load_files({E911_SOURCE_DIR "/examples/us-canada.yaml"});
        REQUIRE(r.ok());
        return std::move(r.config);
    }();
    return cfg;
}

std::string text_of(std::initializer_list<std::pair<const char*, const char*>> fields) {
    Caller c;
    for (const auto& f : fields) set_caller_field(c, f.first, f.second);
    return trace_to_text(Simulator(us_canada()).simulate(c));
}

// Everything after the `outcome:` line.
std::string after_outcome(const std::string& text) {
    auto p = text.find("\noutcome: ");
    REQUIRE(p != std::string::npos);
    return text.substr(text.find('\n', p + 1) + 1);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("Text trace: a Calling Plan call says Microsoft carries it", "[text]") {
    auto text = text_of({{"dialed", "911"}, {"user", "dave@northwind.com"}, {"ip", "10.1.0.5/24"}});
    INFO(text);
    CHECK(after_outcome(text) == "  pstn: carried by Microsoft (Calling Plan), not a Direct Routing trunk\n");
}

TEST_CASE("Text trace: a remote worker's static address is named and the call screened", "[text]") {
    auto text = text_of({{"dialed", "911"}, {"user", "rita@northwind.com"}, {"ip", "192.168.1.5/24"}});
    INFO(text);
    CHECK(after_outcome(text) ==
          "  location class: static\n"
          "  screened: a relay centre answers the call before a PSAP\n");
}

TEST_CASE("Text trace: the gateways skipped as down are listed", "[text]") {
    auto text = text_of({{"dialed", "911"},
                         {"user", "carol@northwind.com"},
                         {"ip", "10.1.0.5/24"},
                         {"down", "sbc-chi.northwind.com"}});
    INFO(text);
    CHECK(after_outcome(text) == "  gateways down (skipped): sbc-chi.northwind.com\n");
}

TEST_CASE("Text trace: a Direct Routing call located by the LIS, nothing down, adds no lines", "[text]") {
    auto text = text_of({{"dialed", "911"}, {"user", "carol@northwind.com"}, {"ip", "10.1.0.5/24"}});
    INFO(text);
    CHECK(after_outcome(text).empty());
    CHECK(text.substr(text.size() - 1) == "\n");
}

TEST_CASE("Text matrix: Microsoft routes, location classes, screening and down gateways as markers", "[text]") {
    Simulator sim(us_canada());
    auto text = render(matrix(sim), ReportFormat::text);
    INFO(text);
    CHECK(has(text, "Microsoft (Calling Plan)"));
    CHECK(has(text, "us-ecrc (screened)"));  // callers at no known site reach the provider's relay centre
    CHECK_FALSE(has(text, "(down:"));
    auto down = render(matrix(sim, {"sbc-chi.northwind.com"}), ReportFormat::text);
    INFO(down);
    CHECK(has(down, "sbc-tor.northwind.com (down: sbc-chi.northwind.com)"));
}

TEST_CASE("Text matrix: a location not from the LIS carries its class", "[text]") {
    MatrixRow row;
    row.location = "rita-home";
    row.location_class = LocationClass::static_;
    auto text = render(std::vector<MatrixRow>{row}, ReportFormat::text);
    INFO(text);
    CHECK(has(text, "rita-home [static]"));
}

TEST_CASE("Text matrix: Direct Routing calls located by the LIS carry no markers", "[text]") {
    auto r = load_files({E911_SOURCE_DIR "/examples/campus.yaml"});
    REQUIRE(r.ok());
    auto text = render(matrix(Simulator(r.config)), ReportFormat::text);
    INFO(text);
    for (const char* marker : {"Microsoft (", " [", "(screened)", "(down:"}) CHECK_FALSE(has(text, marker));
}
