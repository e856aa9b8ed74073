// One entry point per answer: pick the renderer for the format. The older per-question
// functions (findings_to_sarif, matrix_to_csv, ...) are thin wrappers kept for compatibility.
#include "report/row_writer.hpp"
#include "report/tables.hpp"

namespace e911 {

namespace {

constexpr const char* kFormatNames[] = {"text", "json", "csv", "sarif", "junit", "github", "html"};

[[noreturn]] void unsupported(const char* what, ReportFormat f, const char* formats) {
    throw std::invalid_argument(std::string(what) + " cannot be written as " + to_string(f) + "; use " + formats);
}

// JSON answers are written straight from their cells (the bytes nlohmann's dump(indent) would write,
// without building the document first: lint of a large tenant has hundreds of thousands of findings).
std::string record(const std::vector<Column>& columns, const std::vector<Cell>& cells, int indent) {
    std::string out;
    detail::append_record_json(out, columns, cells, indent);
    return out;
}

std::string document(const Table& t, int indent) { return record(t.columns, t.rows.at(0), indent); }

}  // namespace

const char* to_string(ReportFormat format) { return kFormatNames[static_cast<int>(format)]; }

bool parse_report_format(const std::string& text, ReportFormat& out) {
    for (int i = 0; i < 7; ++i)
        if (text == kFormatNames[i]) {
            out = static_cast<ReportFormat>(i);
            return true;
        }
    return false;
}

std::string render(const std::vector<Finding>& fs, ReportFormat f, const RenderOptions& o) {
    switch (f) {
        case ReportFormat::text:
            return detail::text_findings(fs, o.color);
        case ReportFormat::json: {
            std::string out;
            detail::append_lint_report_json(out, fs, o.indent);
            return out;
        }
        case ReportFormat::csv:
            return table_to_csv(findings_table(fs));
        case ReportFormat::sarif:
            return detail::sarif_findings(fs);
        case ReportFormat::junit:
            return detail::junit_findings(fs);
        case ReportFormat::github:
            return detail::github_findings(fs);
        case ReportFormat::html:  // the findings' page is the whole report: report_html()
            break;
    }
    unsupported("findings", f, "text, json, csv, sarif, junit or github");
}

void render(const std::vector<Finding>& fs, ReportFormat f, const RenderOptions& o, const TextSink& write) {
    if (f == ReportFormat::text) return detail::write_text_findings(fs, o.color, write);
    if (f == ReportFormat::json) return detail::write_lint_report_json(fs, o.indent, write);
    write(render(fs, f, o));
}

std::string render(const std::vector<Diagnostic>& ds, ReportFormat f, const RenderOptions& o) {
    if (f == ReportFormat::text) return detail::text_diagnostics(ds, o.color);
    if (f == ReportFormat::json) return document(validation_table(ds), o.indent);
    if (f == ReportFormat::csv) return table_to_csv(diagnostics_table(ds));
    unsupported("diagnostics", f, "text, json or csv");
}

std::string render(const std::vector<MatrixRow>& rows, ReportFormat f, const RenderOptions& o) {
    return detail::whole([&](const TextSink& write) { render(rows, f, o, write); });
}

void render(const std::vector<MatrixRow>& rows, ReportFormat f, const RenderOptions& o, const TextSink& write) {
    if (f == ReportFormat::text) return detail::write_text_matrix(rows, write);
    if (f == ReportFormat::csv) return detail::write_matrix_csv(rows, write);
    if (f != ReportFormat::json) unsupported("a matrix", f, "text, json or csv");
    std::vector<Cell> cells;  // matrix_table(rows)'s bytes, a row's cells made as it is written
    detail::write_rows_json(detail::matrix_columns(), rows.size(), [&](std::size_t k) -> const std::vector<Cell>& {
        cells = detail::matrix_cells(rows[k]);
        return cells;
    }, o.indent, write);
}

std::string render(const DiffResult& d, ReportFormat f, const RenderOptions& o) {
    if (f == ReportFormat::text) return detail::text_diff(d);
    if (f == ReportFormat::json) return document(diff_table(d), o.indent);
    if (f == ReportFormat::html) return detail::html_diff(d);
    unsupported("a diff", f, "text, json or html");
}

std::string render(const std::vector<RuleInfo>& rs, ReportFormat f, const RenderOptions& o) {
    if (f == ReportFormat::text) return detail::text_rules(rs);
    if (f == ReportFormat::json) return table_to_json(rules_table(rs), o.indent);
    if (f == ReportFormat::csv) return table_to_csv(rules_table(rs));
    unsupported("the rule list", f, "text, json or csv");
}

std::string render(const Trace& t, ReportFormat f, const RenderOptions& o) {
    if (f == ReportFormat::text) return trace_to_text(t);
    if (f == ReportFormat::json)
        return record(detail::trace_columns(), detail::trace_cells(t), o.indent);
    unsupported("a trace", f, "text or json");
}

// ---- compatibility wrappers
std::string findings_to_text(const std::vector<Finding>& fs, bool color) { return detail::text_findings(fs, color); }
std::string findings_to_json(const std::vector<Finding>& fs, int indent) {
    return render(fs, ReportFormat::json, {false, indent});
}
std::string findings_to_sarif(const std::vector<Finding>& fs) { return detail::sarif_findings(fs); }
std::string findings_to_junit(const std::vector<Finding>& fs) { return detail::junit_findings(fs); }
std::string findings_to_github(const std::vector<Finding>& fs) { return detail::github_findings(fs); }
std::string diagnostics_to_text(const std::vector<Diagnostic>& ds, bool color) {
    return detail::text_diagnostics(ds, color);
}
std::string diagnostics_to_json(const std::vector<Diagnostic>& ds, int indent) {
    return render(ds, ReportFormat::json, {false, indent});
}
std::string matrix_to_text(const std::vector<MatrixRow>& rows) { return detail::text_matrix(rows); }
std::string matrix_to_json(const std::vector<MatrixRow>& rows, int indent) {
    return render(rows, ReportFormat::json, {false, indent});
}
std::string matrix_to_csv(const std::vector<MatrixRow>& rows) { return detail::matrix_csv(rows); }
std::string diff_to_text(const DiffResult& d) { return detail::text_diff(d); }
std::string diff_to_json(const DiffResult& d, int indent) { return render(d, ReportFormat::json, {false, indent}); }
std::string trace_to_json(const Trace& t, int indent) { return render(t, ReportFormat::json, {false, indent}); }
std::string callback_to_json(const CallbackAnswer& a, int indent) {
    return record(detail::callback_columns(), detail::callback_cells(a), indent);
}

}  // namespace e911
