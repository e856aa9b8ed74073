// The HTML report's data and page: one heat-map cell per matrix row, citations, and names that
// cannot break out of the page's script element.
#include <nlohmann/json.hpp>

#include "helpers.hpp"

namespace {

e911::Config example(const std::string& name) {
    auto r = e911::load_files({E911_SOURCE_DIR "/examples/" + name});
    INFO(e911::diagnostics_to_text(r.diagnostics, false));
    REQUIRE(r.ok());
    return std::move(r.config);
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("report data: one cell per matrix row, outcomes summed, objects cited", "[html]") {
    auto cfg = example("multi-psap.yaml");
    auto rows = e911::matrix(e911::Simulator(cfg));
    auto data = nlohmann::json::parse(e911::report_data_json(cfg));
    CHECK(data["kind"] == "report");
    REQUIRE(data["cells"].size() == rows.size() * 5);
    CHECK(data["summary"]["cells"] == rows.size());
    int wrong = 0;
    for (const auto& r : rows) wrong += r.psap_correct == false && !r.psap_relay && r.outcome == e911::Outcome::routed;
    CHECK(data["summary"]["outcomes"]["wrong"] == wrong);
    CHECK(wrong > 0);  // the example routes a site to the wrong PSAP
    CHECK(data["summary"]["sites"] == cfg.sites.size());
    // Every cited site has its file and line.
    const auto& strings = data["strings"];
    bool cited = false;
    for (const auto& o : data["objects"])
        if (strings[o[0].get<int>()] == "site") {
            CHECK(o[2].get<int>() >= 0);
            CHECK(o[3].get<int>() > 0);
            cited = true;
        }
    CHECK(cited);
    CHECK(!data["findings"]["rows"].empty());
    CHECK(data["rule_docs"].contains("psap-mismatch"));
}

TEST_CASE("report data: a flow carries how the call leaves, its location class and screening", "[html][text]") {
    auto cfg = example("us-canada.yaml");
    auto data = nlohmann::json::parse(e911::report_data_json(cfg));
    const auto& strings = data["strings"];
    bool calling_plan = false, screened = false;
    for (const auto& f : data["flows"]) {
        REQUIRE(f.size() == 17);  // report.js reads pstn, location_class and screened at 14, 15 and 16
        calling_plan |= !f[14].is_null() && strings[f[14].get<int>()] == "calling_plan";
        screened |= f[16].get<bool>() && strings[f[15].get<int>()] == "none";  // no-site callers: the relay centre
    }
    CHECK(calling_plan);
    CHECK(screened);
}

TEST_CASE("report page: self-contained, data in one script element", "[html]") {
    auto html = e911::report_html(example("campus.yaml"));
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(count(html, "<script type=\"application/json\" id=\"e911-data\">") == 1);
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);  // no external script, style or image
}

TEST_CASE("report page: a hostile name cannot end the script element", "[html]") {
    std::string hostile = "</script><script>alert(1)</script><!--";
    auto cfg = test::config(test::base_us());
    REQUIRE(!cfg.sites.empty());
    std::string old = cfg.sites[0].id;
    cfg.name = hostile;
    cfg.sites[0].id = hostile;
    for (auto& s : cfg.subnets)
        if (s.site.id == old) s.site.id = hostile;
    cfg.build_indexes();
    auto html = e911::report_html(cfg);
    // Exactly the page's own two script elements, closed once each; the name is in the data escaped.
    CHECK(count(html, "<script") == 2);
    CHECK(count(html, "</script>") == 2);
    CHECK(html.find("<!--") == std::string::npos);
    CHECK(html.find("\\u003c/script>\\u003cscript>alert(1)") != std::string::npos);
    CHECK(html.find("<title>e911 report: &lt;/script&gt;") != std::string::npos);
    // The data still parses back to the same name.
    auto start = html.find("id=\"e911-data\">") + 15;
    auto blob = html.substr(start, html.find("</script>", start) - start);
    auto data = nlohmann::json::parse(blob);
    CHECK(data["summary"]["name"] == hostile);
    bool site_named = false;
    for (const auto& o : data["objects"]) site_named = site_named || data["strings"][o[1].get<int>()] == hostile;
    CHECK(site_named);
    CHECK(e911::json_for_script("{\"a\":\"</x>\"}") == "{\"a\":\"\\u003c/x>\"}");
}

TEST_CASE("diff as HTML: what got worse first", "[html]") {
    auto fixed = example("multi-psap-fixed.yaml"), broken = example("multi-psap.yaml");
    auto d = e911::diff(fixed, broken);
    REQUIRE(d.worse());
    auto html = e911::render(d, e911::ReportFormat::html);
    auto start = html.find("id=\"e911-data\">") + 15;
    auto data = nlohmann::json::parse(html.substr(start, html.find("</script>", start) - start));
    CHECK(data["kind"] == "diff");
    CHECK(data["summary"]["worse"].get<int>() > 0);
    CHECK(data["outcomes"][0][1] == true);  // worse rows lead
    e911::ReportFormat f;
    CHECK(e911::parse_report_format("html", f));
    CHECK(f == e911::ReportFormat::html);
    CHECK_THROWS_AS(e911::render(e911::matrix(e911::Simulator(fixed)), e911::ReportFormat::html), std::invalid_argument);
}
