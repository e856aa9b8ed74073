// Answers as typed tables and the one renderer per format that reads them.
#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "report/row_writer.hpp"
#include "report/tables.hpp"

namespace {

const char* kYaml = R"(version: 1
addresses:
  - {id: hq, country: US, state: IL, city: Springfield, street_name: Main, house_number: "1", postal_code: "62701"}
locations:
  - {id: hq-1, address: hq, description: Floor 1}
)";

e911::Finding sample_finding() {
    e911::Finding f;
    f.rule = "psap-mismatch";
    f.message = "a, \"quoted\" message";
    f.target = "site/hq";
    f.file = "c.yaml";
    f.line = 3;
    f.column = 5;
    f.related.push_back({"psap/x", "", "c.yaml", 9, 1});
    f.fingerprint = "fp";
    return f;
}

}  // namespace

TEST_CASE("tables carry typed columns with descriptions") {
    auto t = e911::findings_table({sample_finding()});
    REQUIRE(t.record == "Finding");
    REQUIRE(t.rows.size() == 1);
    auto related = t.column("related");
    REQUIRE(related != e911::Table::npos);
    CHECK(t.columns[related].type == e911::CellType::records);
    CHECK(t.columns[related].record == "Related");
    CHECK(t.rows[0][t.column("line")].number == 3);
    CHECK(t.rows[0][t.column("hint")].is_null());
    CHECK(t.column("no-such-column") == e911::Table::npos);
    for (const auto& schema : e911::table_schemas())
        for (const auto& c : schema.columns) {
            INFO(schema.record << "." << c.name);
            CHECK(!c.description.empty());
            CHECK((c.type == e911::CellType::record || c.type == e911::CellType::records) == !c.fields.empty());
        }
}

TEST_CASE("the trace table carries every key of the trace JSON, psap_reason included") {
    auto cfg = test::config(kYaml);
    e911::Simulator sim(cfg);
    e911::Caller caller;
    caller.dialed = "911";
    auto trace = sim.simulate(caller);
    auto j = nlohmann::ordered_json::parse(e911::render(trace, e911::ReportFormat::json));
    auto t = e911::traces_table({trace});
    REQUIRE(j.size() == t.columns.size());
    std::size_t i = 0;
    for (auto it = j.begin(); it != j.end(); ++it, ++i) CHECK(it.key() == t.columns[i].name);
    CHECK(t.column("psap_reason") != e911::Table::npos);
}

TEST_CASE("generic CSV and JSON renderers") {
    auto t = e911::findings_table({sample_finding()});
    std::string csv = e911::table_to_csv(t);
    CHECK(csv.rfind("rule,severity,message,hint,target,file,line,column,related,waived,baselined,fingerprint,baseline_reason\n", 0) ==
          0);
    CHECK(csv.find("\"a, \"\"quoted\"\" message\"") != std::string::npos);
    CHECK(csv.find(",3,5,") != std::string::npos);
    auto j = nlohmann::json::parse(e911::table_to_json(t));
    CHECK(j[0]["related"][0]["note"].is_null());
    CHECK(j[0]["waived"].is_null());
    CHECK(j[0]["line"] == 3);
}

TEST_CASE("render picks one renderer per format and refuses formats an answer lacks") {
    std::vector<e911::Finding> fs = {sample_finding()};
    e911::ReportFormat f;
    for (const char* name : {"text", "json", "csv", "sarif", "junit", "github"}) {
        REQUIRE(e911::parse_report_format(name, f));
        CHECK(std::string(e911::to_string(f)) == name);
        CHECK(!e911::render(fs, f).empty());
    }
    CHECK_FALSE(e911::parse_report_format("pdf", f));
    CHECK(e911::render(fs, e911::ReportFormat::json) == e911::findings_to_json(fs));
    CHECK(e911::render(fs, e911::ReportFormat::sarif) == e911::findings_to_sarif(fs));
    CHECK_THROWS_AS(e911::render(std::vector<e911::MatrixRow>{}, e911::ReportFormat::sarif), std::invalid_argument);
    CHECK_THROWS_WITH(e911::render(e911::DiffResult{}, e911::ReportFormat::csv), Catch::Contains("use text, json or html"));
    auto rules = e911::render(e911::rules(), e911::ReportFormat::json);
    CHECK(nlohmann::json::parse(rules)[0].contains("summary"));
    CHECK(e911::render(e911::rules(), e911::ReportFormat::text).find("psap-mismatch") != std::string::npos);
}

TEST_CASE("findings rendered in pieces are the same bytes, and a large report comes in pieces of about a megabyte") {
    std::vector<e911::Finding> fs;
    for (int i = 0; i < 20000; ++i) {  // about 4 MB of text
        auto f = sample_finding();
        f.line = static_cast<std::uint32_t>(i + 1);
        f.message += " number " + std::to_string(i) + std::string(100, '.');
        if (i % 7 == 0) f.waived = e911::Waived{"accepted", "ops", "2099-01-01"};
        fs.push_back(std::move(f));
    }
    for (auto format : {e911::ReportFormat::text, e911::ReportFormat::json, e911::ReportFormat::csv, e911::ReportFormat::sarif,
                        e911::ReportFormat::junit, e911::ReportFormat::github}) {
        for (int indent : {-1, 2}) {
            std::vector<std::size_t> sizes;
            std::string joined;
            e911::render(fs, format, {false, indent}, [&](std::string_view piece) {
                sizes.push_back(piece.size());
                joined += piece;
            });
            INFO(e911::to_string(format) << " indent " << indent);
            CHECK(joined == e911::render(fs, format, {false, indent}));
            if (format == e911::ReportFormat::text || format == e911::ReportFormat::json) {
                CHECK(sizes.size() >= 3);
                for (auto n : sizes) CHECK(n < e911::detail::kPieceBytes + 4096);  // a piece, plus at most one finding
            }
        }
    }
    std::string empty;
    e911::render(std::vector<e911::Finding>{}, e911::ReportFormat::text, {}, [&](std::string_view piece) { empty += piece; });
    CHECK(empty == e911::render(std::vector<e911::Finding>{}, e911::ReportFormat::text));
}

TEST_CASE("a matrix rendered in pieces is the same bytes, whatever the widest cell") {
    auto loaded = e911::load_files({E911_SOURCE_DIR "/examples/campus.yaml"});
    REQUIRE(loaded.ok());
    e911::Simulator sim(loaded.config);
    auto one = e911::matrix(sim);
    REQUIRE(!one.empty());
    std::vector<e911::MatrixRow> rows;
    for (int copy = 0; copy < 400; ++copy) rows.insert(rows.end(), one.begin(), one.end());
    rows.back().site = std::string(300, 's');  // the text table's widths come from the last row too
    for (auto format : {e911::ReportFormat::text, e911::ReportFormat::json, e911::ReportFormat::csv}) {
        std::size_t pieces = 0;
        std::string joined;
        e911::render(rows, format, {}, [&](std::string_view piece) {
            ++pieces;
            joined += piece;
        });
        INFO(e911::to_string(format));
        CHECK(joined == e911::render(rows, format));
        CHECK(pieces >= 2);
    }
    CHECK_THROWS_WITH(e911::render(rows, e911::ReportFormat::sarif, {}, [](std::string_view) {}),
                      Catch::Contains("use text, json or csv"));
}

// Every JSON answer is written straight from its cells; the bytes must be what nlohmann's dump of the
// same record wrote before, at every indent, for every table the renderers write.
TEST_CASE("the JSON writer writes the bytes of nlohmann's dump at every indent") {
    auto multi = e911::load_files({E911_SOURCE_DIR "/examples/multi-psap.yaml"});
    auto fixed = e911::load_files({E911_SOURCE_DIR "/examples/multi-psap-fixed.yaml"});
    REQUIRE(multi.ok());
    REQUIRE(fixed.ok());
    auto findings = e911::lint(multi.config);
    REQUIRE(!findings.empty());
    auto f = sample_finding();
    f.message = "caf\xC3\xA9 \xE2\x98\x8E \"q\" \\ \t\x01 tab";  // non-ASCII, escapes and a control character
    f.related.clear();  // an empty list of records
    findings.push_back(f);
    std::vector<e911::Diagnostic> diags = multi.diagnostics;
    e911::Diagnostic d;
    d.id = "unknown-key", d.file = "x.yaml", d.line = 2, d.message = "unknown key `n\xC3\xA4me`";
    diags.push_back(d);
    e911::Simulator sim(multi.config);
    e911::Caller caller;
    caller.dialed = "911";
    caller.ip = "10.10.1.5/24";
    auto trace = sim.simulate(caller);
    std::vector<e911::Table> tables = {e911::lint_report_table(findings), e911::lint_report_table({}),
                                       e911::validation_table(diags), e911::findings_table(findings),
                                       e911::matrix_table(e911::matrix(sim)),
                                       e911::diff_table(e911::diff(multi.config, fixed.config)),
                                       e911::traces_table({trace}), e911::rules_table(e911::rules())};
    // `lint --format json` writes the report without building its table first: the same bytes.
    const std::vector<e911::Finding> none;
    for (const auto* list : {&std::as_const(findings), &none})
        for (int indent : {-1, 0, 2, 4}) {
            INFO("lint report of " << list->size() << " findings, indent " << indent);
            std::string streamed;
            e911::detail::append_lint_report_json(streamed, *list, indent);
            const auto table = e911::lint_report_table(*list);
            CHECK(streamed == e911::detail::record_json(table.columns, table.rows.at(0)).dump(indent));
            CHECK(e911::render(*list, e911::ReportFormat::json, {false, indent}) == streamed);
        }
    // `matrix --format json` too writes each row as it makes it: the bytes of its table.
    const auto rows = e911::matrix(sim);
    REQUIRE(rows.size() > 10);
    for (int indent : {-1, 0, 2, 4})
        CHECK(e911::render(rows, e911::ReportFormat::json, {false, indent}) == e911::table_to_json(e911::matrix_table(rows), indent));
    for (const auto& t : tables) {
        for (int indent : {-1, 0, 2, 4}) {
            INFO(t.record << " indent " << indent);
            std::string rows;
            e911::detail::append_rows_json(rows, t, indent);
            CHECK(rows == e911::detail::rows_json(t).dump(indent));
            CHECK(e911::table_to_json(t, indent) == rows);
            for (const auto& row : t.rows) {
                std::string one;
                e911::detail::append_record_json(one, t.columns, row, indent);
                REQUIRE(one == e911::detail::record_json(t.columns, row).dump(indent));
            }
        }
    }
}
