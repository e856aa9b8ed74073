// Row writers that append to one output buffer: the batch's hot path. They are generic over the
// column list (tables_sim.cpp's batch_columns / trace_columns), so a new column needs no change here,
// and write the same bytes as record_json(...).dump(-1, ' ', false, replace) and csv_row().
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "e911/batch.hpp"
#include "e911/table.hpp"

namespace e911::detail {

// A JSON string as nlohmann's dump writes it (no ASCII escaping; invalid UTF-8 becomes U+FFFD).
void append_json_string(std::string& out, std::string_view text);
// One record, keys in column order (as detail::json, insertion-ordered, keeps them).
void append_record_json(std::string& out, const std::vector<Column>& columns, const std::vector<Cell>& cells);
// One CSV line (with its "\n"), as csv_row() writes it.
void append_csv_row(std::string& out, const std::vector<Column>& columns, const std::vector<Cell>& cells);
// One line of the batch's JSON Lines output without its "\n" (see batch_row_to_json).
void append_batch_json(std::string& out, long long row, const CallRow& call, const Trace* trace,
                       const CallbackAnswer* callback, bool with_trace);
// An error row of the batch's JSON Lines output without its "\n".
void append_batch_error_json(std::string& out, long long row, const std::string& error);

}  // namespace e911::detail
