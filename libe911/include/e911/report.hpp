// Rendering answers for people and machines. Every front end (CLI, Python) uses these, so the same
// question gets the same text, JSON, CSV, SARIF, JUnit or GitHub annotations everywhere.
//
// Each answer is first a typed table (table.hpp); one renderer per format reads it. Renderers are
// pure functions of their input (SARIF also reads E911_DOCS_URL and the working directory); an
// answer that has no such format (a matrix as SARIF) throws std::invalid_argument naming the ones
// it has.
//
//   auto findings = e911::lint(config);
//   std::string sarif = e911::render(findings, e911::ReportFormat::sarif);
//   e911::ReportFormat f;
//   if (e911::parse_report_format("junit", f)) std::cout << e911::render(findings, f);
#pragma once
#include <string>
#include <vector>

#include "e911/batch.hpp"
#include "e911/diagnostic.hpp"
#include "e911/files.hpp"  // TextSink
#include "e911/lint.hpp"
#include "e911/matrix.hpp"
#include "e911/simulate.hpp"
#include "e911/table.hpp"

namespace e911 {

enum class ReportFormat : std::uint8_t { text, json, csv, sarif, junit, github, html };
const char* to_string(ReportFormat format);
bool parse_report_format(const std::string& text, ReportFormat& out);  // false when unknown

struct RenderOptions {
    bool color = false;  // ANSI colour in text
    int indent = 2;      // JSON indentation; -1 = one line
};

// Formats: text, json, csv, sarif, junit, github.
std::string render(const std::vector<Finding>& findings, ReportFormat format, const RenderOptions& options = {});
// The same bytes handed to `write` a piece at a time (write_file in e911/files.hpp takes them into a
// file): text and json are written as they are made, so half a million findings' report is never
// held whole; the other formats are made whole first.
void render(const std::vector<Finding>& findings, ReportFormat format, const RenderOptions& options,
            const TextSink& write);
// Formats: text, json, csv.
std::string render(const std::vector<Diagnostic>& diagnostics, ReportFormat format, const RenderOptions& options = {});
// Formats: text, json, csv.
std::string render(const std::vector<MatrixRow>& rows, ReportFormat format, const RenderOptions& options = {});
// The same bytes handed to `write` a piece at a time, as for findings.
void render(const std::vector<MatrixRow>& rows, ReportFormat format, const RenderOptions& options, const TextSink& write);
// Formats: text, json, html (one self-contained page, what got worse first).
std::string render(const DiffResult& diff, ReportFormat format, const RenderOptions& options = {});
// Formats: text, json, csv.
std::string render(const std::vector<RuleInfo>& rules, ReportFormat format, const RenderOptions& options = {});
// Formats: text (the step-by-step explanation), json.
std::string render(const Trace& trace, ReportFormat format, const RenderOptions& options = {});

// The HTML report (`e911 report`): one self-contained page (no network requests) with a summary, the
// coverage matrix as a heat map, each cell's call flow citing file:line, and the findings with their
// rule docs. The data is one JSON document (report_data_json) read by a small embedded script;
// docs/report.md says how it stays usable at 20,000 sites. Lint options as for lint().
std::string report_html(const Config& config, const LintOptions& options = {});
// The page's data: {"kind": "report", "summary", "findings", "rule_docs", "rows", "columns", "flows",
// "notices", "cells", "objects", "strings"}; cells has one entry (5 integers) per matrix() row.
std::string report_data_json(const Config& config, const LintOptions& options = {}, int indent = -1);
// A JSON document made safe to sit inside <script type="application/json">: every '<' written as \u003c.
std::string json_for_script(const std::string& json_text);

// Answers as tables. Column names are the JSON keys; descriptions document them.
Table findings_table(const std::vector<Finding>& findings);
Table diagnostics_table(const std::vector<Diagnostic>& diagnostics);
Table rules_table(const std::vector<RuleInfo>& rules);
Table matrix_table(const std::vector<MatrixRow>& rows);
Table traces_table(const std::vector<Trace>& traces);
Table callbacks_table(const std::vector<CallbackAnswer>& answers);
// Documents: one-row tables for answers that are more than a list (the JSON object of the CLI).
Table lint_report_table(const std::vector<Finding>& findings);          // findings + summary
Table validation_table(const std::vector<Diagnostic>& diagnostics);     // diagnostics + summary
Table diff_table(const DiffResult& diff);                               // outcomes, findings added/fixed
// Every table's columns (no rows), for generating documentation and the Python classes.
std::vector<Table> table_schemas();

// Compatibility wrappers (same output as render()).
// "file:line:col: severity [id] message" plus an indented hint line; ANSI colour when asked.
std::string diagnostics_to_text(const std::vector<Diagnostic>& diagnostics, bool color);
// {"diagnostics": [...], "summary": {"errors": n, "warnings": n, "infos": n}}
std::string diagnostics_to_json(const std::vector<Diagnostic>& diagnostics, int indent = 2);

}  // namespace e911
