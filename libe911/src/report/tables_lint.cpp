// Lint and load answers as tables: findings, diagnostics, the rule list and their summaries.
#include "report/tables.hpp"

namespace e911 {
namespace detail {

Column col(std::string name, CellType type, bool nullable, std::string description) {
    return Column{std::move(name), type, nullable, std::move(description), {}, {}};
}

Column nested(std::string name, CellType type, bool nullable, std::string record, std::vector<Column> fields,
              std::string description) {
    return Column{std::move(name), type, nullable, std::move(description), std::move(record), std::move(fields)};
}

namespace {
constexpr auto S = CellType::string;
constexpr auto I = CellType::integer;
constexpr auto B = CellType::boolean;

std::vector<Column> position_columns() {
    return {col("file", S, false, "configuration file"), col("line", I, false, "1-based line; 0 when unknown"),
            col("column", I, false, "1-based column; 0 when unknown")};
}

Cell position(const std::string& file, std::uint32_t line, std::uint32_t column) {
    return cell_list({cell_text(file), cell_int(line), cell_int(column)});
}
}  // namespace

const std::vector<Column>& finding_columns() {
    static const std::vector<Column> columns = [] {
        std::vector<Column> related = {col("target", S, false, "the related object, <kind>/<id>"),
                                       col("note", S, true, "how it is related")};
        for (auto& c : position_columns()) related.push_back(c);
        std::vector<Column> v = {col("rule", S, false, "rule id (or load diagnostic id)"),
                                 col("severity", S, false, "error, warning or info"),
                                 col("message", S, false, "what is wrong"), col("hint", S, true, "how to fix it"),
                                 col("target", S, false, "the object concerned, <kind>/<id>")};
        for (auto& c : position_columns()) v.push_back(c);
        v.push_back(nested("related", CellType::records, false, "Related", related, "other objects involved"));
        v.push_back(nested("waived", CellType::record, true, "Waived",
                           {col("reason", S, false, "why it is accepted"),
                            col("approved_by", S, false, "who accepted it"), col("expires", S, false, "YYYY-MM-DD")},
                           "the waiver that accepts it; null when none"));
        v.push_back(col("baselined", B, false, "accepted by the baseline file"));
        v.push_back(col("fingerprint", S, false, "stable identity across edits that move lines"));
        v.push_back(col("baseline_reason", S, true, "why the baseline accepts it; null when none"));
        return v;
    }();
    return columns;
}

std::vector<Cell> finding_cells(const Finding& f) {
    std::vector<Cell> related;
    for (const auto& r : f.related) {
        auto pos = position(r.file, r.line, r.column).items;
        std::vector<Cell> rc = {cell_text(r.target), cell_text_or_null(r.note)};
        rc.insert(rc.end(), pos.begin(), pos.end());
        related.push_back(cell_list(std::move(rc)));
    }
    Cell waived;
    if (f.waived)
        waived =
            cell_list({cell_text(f.waived->reason), cell_text(f.waived->approved_by), cell_text(f.waived->expires)});
    std::vector<Cell> v = {cell_text(f.rule), cell_text(to_string(f.severity)), cell_text(f.message),
                           cell_text_or_null(f.hint), cell_text(f.target)};
    for (auto& c : position(f.file, f.line, f.column).items) v.push_back(std::move(c));
    v.push_back(cell_list(std::move(related)));
    v.push_back(std::move(waived));
    v.push_back(cell_bool(f.baselined));
    v.push_back(cell_text(f.fingerprint));
    v.push_back(cell_text_or_null(f.baseline_reason));
    return v;
}

const std::vector<Column>& diagnostic_columns() {
    static const std::vector<Column> columns = [] {
        std::vector<Column> v = {col("id", S, false, "diagnostic id, e.g. unknown-key"),
                                 col("severity", S, false, "error, warning or info")};
        for (auto& c : position_columns()) v.push_back(c);
        v.push_back(col("key", S, true, "where in the document, e.g. network.subnets[3].prefix"));
        v.push_back(col("message", S, false, "what is wrong"));
        v.push_back(col("hint", S, true, "how to fix it"));
        return v;
    }();
    return columns;
}

}  // namespace detail

using namespace detail;

Table findings_table(const std::vector<Finding>& findings) {
    Table t{"Finding", "a lint finding", finding_columns(), {}};
    for (const auto& f : findings) t.rows.push_back(finding_cells(f));
    return t;
}

Table diagnostics_table(const std::vector<Diagnostic>& diagnostics) {
    Table t{"Diagnostic", "a problem found while loading", diagnostic_columns(), {}};
    for (const auto& d : diagnostics)
        t.rows.push_back({cell_text(d.id), cell_text(to_string(d.severity)), cell_text(d.file), cell_int(d.line),
                          cell_int(d.column), cell_text_or_null(d.key), cell_text(d.message),
                          cell_text_or_null(d.hint)});
    return t;
}

Table rules_table(const std::vector<RuleInfo>& rules) {
    Table t{"Rule",
            "a lint rule",
            {col("id", S, false, "stable kebab-case id"), col("severity", S, false, "default severity"),
             col("category", S, false, "network, address, numbers, routing, notification, psap, waivers or load"),
             col("summary", S, false, "one line")},
            {}};
    for (const auto& r : rules)
        t.rows.push_back(
            {cell_text(r.id), cell_text(to_string(r.severity)), cell_text(r.category), cell_text(r.summary)});
    return t;
}

namespace detail {
const std::vector<Column>& lint_report_columns() {
    static const std::vector<Column> v = {
        nested("findings", CellType::records, false, "Finding", finding_columns(), "every finding, load diagnostics first"),
        nested("summary", CellType::record, false, "LintSummary",
               {col("errors", I, false, "active errors"), col("warnings", I, false, "active warnings"),
                col("infos", I, false, "active infos"), col("waived", I, false, "accepted by a waiver"),
                col("baselined", I, false, "accepted by the baseline")},
               "counts by severity")};
    return v;
}

Cell lint_summary_cell(const std::vector<Finding>& findings) {
    auto s = summarize(findings);
    return cell_list({cell_int(s.errors), cell_int(s.warnings), cell_int(s.infos), cell_int(s.waived), cell_int(s.baselined)});
}
}  // namespace detail

Table lint_report_table(const std::vector<Finding>& findings) {
    Table t{"LintReport", "the findings of `e911 lint` and their counts", lint_report_columns(), {}};
    std::vector<Cell> rows;
    for (auto& row : findings_table(findings).rows) rows.push_back(cell_list(std::move(row)));  // moved: 100k+ findings
    t.rows.push_back({cell_list(std::move(rows)), lint_summary_cell(findings)});
    return t;
}

Table validation_table(const std::vector<Diagnostic>& diagnostics) {
    Table t{"Validation",
            "the diagnostics of `e911 validate` and their counts",
            {nested("diagnostics", CellType::records, false, "Diagnostic", diagnostic_columns(), "every load problem"),
             nested("summary", CellType::record, false, "DiagnosticSummary",
                    {col("errors", I, false, "errors"), col("warnings", I, false, "warnings"),
                     col("infos", I, false, "infos")},
                    "counts by severity")},
            {}};
    long long counts[3] = {0, 0, 0};
    for (const auto& d : diagnostics) ++counts[static_cast<int>(d.severity)];
    std::vector<Cell> rows;
    for (auto& row : diagnostics_table(diagnostics).rows) rows.push_back(cell_list(std::move(row)));
    t.rows.push_back(
        {cell_list(std::move(rows)), cell_list({cell_int(counts[2]), cell_int(counts[1]), cell_int(counts[0])})});
    return t;
}

}  // namespace e911
