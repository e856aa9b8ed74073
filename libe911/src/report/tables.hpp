// Inside the report stage: the column builders, the JSON/CSV cell conversions and the few places
// that read a result's enum-like fields, shared by the renderers.
#pragma once
#include <string>
#include <vector>

#include "e911/report.hpp"
#include "util/json_util.hpp"

namespace e911::detail {

// Column builders, so a schema reads as a list.
Column col(std::string name, CellType type, bool nullable, std::string description);
Column nested(std::string name, CellType type, bool nullable, std::string record, std::vector<Column> fields,
              std::string description);

// The one place that turns enum-like result fields into their stable names, so a change of their
// C++ type (string today, enum tomorrow) is adapted here only.
std::string outcome_name(const Trace& t);
std::string outcome_name(const MatrixRow& r);
std::string notification_mode(const Notifications& n);

// Column lists of the record types (also nested in other tables).
const std::vector<Column>& finding_columns();
const std::vector<Column>& diagnostic_columns();
const std::vector<Column>& matrix_columns();
const std::vector<Column>& trace_columns();
const std::vector<Column>& callback_columns();
const std::vector<Column>& batch_columns();  // one CSV line of `simulate --calls --format csv`

std::vector<Cell> finding_cells(const Finding& f);
// lint_report_table()'s columns (findings, then summary) and its summary cell.
const std::vector<Column>& lint_report_columns();
Cell lint_summary_cell(const std::vector<Finding>& findings);
std::vector<Cell> matrix_cells(const MatrixRow& r);
std::vector<Cell> trace_cells(const Trace& t);
std::vector<Cell> callback_cells(const CallbackAnswer& a);
std::vector<Cell> batch_cells(long long row, const CallRow& call, const Trace* trace, const CallbackAnswer* callback,
                              const std::string& error);

json to_json(const Column& column, const Cell& cell);
json record_json(const std::vector<Column>& columns, const std::vector<Cell>& cells);
json rows_json(const Table& table);
std::string csv_text(const Column& column, const Cell& cell);
std::string csv_header(const std::vector<Column>& columns);
std::string csv_row(const std::vector<Column>& columns, const std::vector<Cell>& cells);

// Format renderers over typed answers (one file each).
std::string text_findings(const std::vector<Finding>& fs, bool color);
void write_text_findings(const std::vector<Finding>& fs, bool color, const TextSink& write);  // kPieceBytes at a time
std::string text_diagnostics(const std::vector<Diagnostic>& ds, bool color);
std::string text_matrix(const std::vector<MatrixRow>& rows);
void write_text_matrix(const std::vector<MatrixRow>& rows, const TextSink& write);  // kPieceBytes at a time
std::string text_diff(const DiffResult& d);
std::string text_rules(const std::vector<RuleInfo>& rules);
std::string matrix_csv(const std::vector<MatrixRow>& rows);
void write_matrix_csv(const std::vector<MatrixRow>& rows, const TextSink& write);  // kPieceBytes at a time
std::string sarif_findings(const std::vector<Finding>& fs);
std::string junit_findings(const std::vector<Finding>& fs);
std::string github_findings(const std::vector<Finding>& fs);
std::string html_diff(const DiffResult& d);  // html_diff.cpp

}  // namespace e911::detail
