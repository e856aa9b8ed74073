// Row writers that append to one output buffer: the batch's hot path. They are generic over the
// column list (tables_sim.cpp's batch_columns / trace_columns), so a new column needs no change here,
// and write the same bytes as record_json(...).dump(indent, ' ', false, replace) and csv_row(). The
// renderers use them for every JSON answer.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "e911/batch.hpp"
#include "e911/files.hpp"  // TextSink
#include "e911/lint.hpp"
#include "e911/table.hpp"

namespace e911::detail {

// A JSON string as nlohmann's dump writes it (no ASCII escaping; invalid UTF-8 becomes U+FFFD).
void append_json_string(std::string& out, std::string_view text);
// One record, keys in column order (as detail::json, insertion-ordered, keeps them). With `indent` >= 0
// the bytes of record_json(...).dump(indent) at nesting `level`; answers of hundreds of thousands of
// rows are written this way rather than built as a JSON document first.
void append_record_json(std::string& out, const std::vector<Column>& columns, const std::vector<Cell>& cells,
                        int indent = -1, int level = 0);
// The bytes of record_json(lint_report_table(findings)).dump(indent), each finding's cells made as
// it is written: the table held a copy of every finding (a million-finding lint held them twice).
void append_lint_report_json(std::string& out, const std::vector<Finding>& findings, int indent = -1);
// The same bytes handed to `write` a piece at a time.
void write_lint_report_json(const std::vector<Finding>& findings, int indent, const TextSink& write);
// The size of the pieces a report is written in: large enough that writing costs nothing, small
// enough that a report of a million findings is never held whole.
constexpr std::size_t kPieceBytes = std::size_t{1} << 20;
// What a writer of pieces writes, as one string: whole([&](const TextSink& w) { write_x(..., w); }).
template <class Produce>
std::string whole(Produce&& produce) {
    std::string all;
    produce(TextSink([&](std::string_view piece) { all += piece; }));
    return all;
}
// Hands `out` to `write` and empties it once it holds a piece's worth.
inline void write_when_full(std::string& out, const TextSink& write) {
    if (out.size() < kPieceBytes) return;
    write(out);
    out.clear();
}
// A table's rows as a JSON array: the bytes of rows_json(table).dump(indent).
void append_rows_json(std::string& out, const Table& table, int indent = -1);
// The same for rows made one at a time, cells_of(k) giving row k (valid until the next call): an
// answer of a million rows is written without being copied into a table first.
using RowCells = std::function<const std::vector<Cell>&(std::size_t)>;
void append_rows_json(std::string& out, const std::vector<Column>& columns, std::size_t count, const RowCells& cells_of,
                      int indent = -1);
// The same bytes handed to `write` a piece at a time.
void write_rows_json(const std::vector<Column>& columns, std::size_t count, const RowCells& cells_of, int indent,
                     const TextSink& write);
// One CSV line (with its "\n"), as csv_row() writes it.
void append_csv_row(std::string& out, const std::vector<Column>& columns, const std::vector<Cell>& cells);
// One line of the batch's JSON Lines output without its "\n" (see batch_row_to_json).
void append_batch_json(std::string& out, long long row, const CallRow& call, const Trace* trace,
                       const CallbackAnswer* callback, bool with_trace);
// An error row of the batch's JSON Lines output without its "\n".
void append_batch_error_json(std::string& out, long long row, const std::string& error);

}  // namespace e911::detail
