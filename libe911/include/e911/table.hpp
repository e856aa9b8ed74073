// Answers as typed tables: every question (lint, a trace, batch rows, the matrix, a diff, the rule
// list) can be turned into a Table whose columns carry a name, a type and a description. One
// renderer per output format (report.hpp) reads these tables, and the Python classes are generated
// from the same column metadata, so a column is described once.
//
// Tables are plain values: build one, read it, render it; nothing is shared or cached.
//
//   e911::Table t = e911::findings_table(findings);
//   for (const auto& row : t.rows)
//       std::cout << row[t.column("rule")].text << "\n";
//   std::cout << e911::table_to_csv(t);
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace e911 {

enum class CellType : std::uint8_t {
    boolean,
    integer,
    string,
    strings,  // a list of strings
    record,   // a nested record: its cells align with Column::fields
    records,  // a list of nested records
};
const char* to_string(CellType type);

struct Column {
    std::string name;
    CellType type = CellType::string;
    bool nullable = false;
    std::string description;     // one line, for documentation and the Python classes
    std::string record;          // record/records: the record type's name, e.g. "Related"
    std::vector<Column> fields;  // record/records: the record's columns
};

// One value. A record is a list of cells aligned with its column's fields; strings and records
// are lists of string cells and of record cells.
struct Cell {
    enum class Kind : std::uint8_t { null, boolean, integer, string, list };
    Kind kind = Kind::null;
    bool flag = false;
    long long number = 0;
    std::string text;
    std::vector<Cell> items;
    bool is_null() const { return kind == Kind::null; }
};

Cell cell_bool(bool value);
Cell cell_int(long long value);
Cell cell_text(std::string value);
Cell cell_text_or_null(std::string value);  // empty text is null, as in the JSON output
Cell cell_strings(const std::vector<std::string>& values);
Cell cell_list(std::vector<Cell> items);  // a record (cells in field order) or a list of records

struct Table {
    std::string record;       // what one row is, e.g. "Finding"
    std::string description;  // one line
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
    // Index of the named column; npos when there is none.
    std::size_t column(const std::string& name) const;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

// Generic renderers for any table (the question-specific formats are in report.hpp).
// JSON: an array of objects, one per row (records nested, empty optional cells null).
std::string table_to_json(const Table& table, int indent = 2);
// CSV (RFC 4180) with a header row of column names; lists joined with spaces, records as JSON.
std::string table_to_csv(const Table& table);

}  // namespace e911
