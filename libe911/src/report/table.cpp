// Cells, columns and the two generic renderers (JSON, CSV) every answer shares.
#include "e911/table.hpp"

#include "report/row_writer.hpp"
#include "report/tables.hpp"
#include "util/text_util.hpp"

namespace e911 {

const char* to_string(CellType type) {
    switch (type) {
        case CellType::boolean:
            return "boolean";
        case CellType::integer:
            return "integer";
        case CellType::string:
            return "string";
        case CellType::strings:
            return "strings";
        case CellType::record:
            return "record";
        case CellType::records:
            return "records";
    }
    return "string";
}

Cell cell_bool(bool value) {
    Cell c;
    c.kind = Cell::Kind::boolean;
    c.flag = value;
    return c;
}

Cell cell_int(long long value) {
    Cell c;
    c.kind = Cell::Kind::integer;
    c.number = value;
    return c;
}

Cell cell_text(std::string value) {
    Cell c;
    c.kind = Cell::Kind::string;
    c.text = std::move(value);
    return c;
}

Cell cell_text_or_null(std::string value) { return value.empty() ? Cell{} : cell_text(std::move(value)); }

Cell cell_strings(const std::vector<std::string>& values) {
    Cell c;
    c.kind = Cell::Kind::list;
    c.items.reserve(values.size());
    for (const auto& v : values) c.items.push_back(cell_text(v));
    return c;
}

Cell cell_list(std::vector<Cell> items) {
    Cell c;
    c.kind = Cell::Kind::list;
    c.items = std::move(items);
    return c;
}

std::size_t Table::column(const std::string& name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name) return i;
    return npos;
}

namespace detail {

json to_json(const Column& column, const Cell& cell) {
    switch (cell.kind) {
        case Cell::Kind::null:
            return nullptr;
        case Cell::Kind::boolean:
            return cell.flag;
        case Cell::Kind::integer:
            return cell.number;
        case Cell::Kind::string:
            return cell.text;
        case Cell::Kind::list:
            break;
    }
    if (column.type == CellType::record) return record_json(column.fields, cell.items);
    json a = json::array();
    for (const auto& item : cell.items)
        a.push_back(column.type == CellType::records ? record_json(column.fields, item.items)
                                                     : to_json(Column{}, item));
    return a;
}

json record_json(const std::vector<Column>& columns, const std::vector<Cell>& cells) {
    json o = json::object();
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i)
        o[columns[i].name] = to_json(columns[i], cells[i]);
    return o;
}

json rows_json(const Table& table) {
    json a = json::array();
    for (const auto& row : table.rows) a.push_back(record_json(table.columns, row));
    return a;
}

std::string csv_text(const Column& column, const Cell& cell) {
    switch (cell.kind) {
        case Cell::Kind::null:
            return "";
        case Cell::Kind::boolean:
            return cell.flag ? "true" : "false";
        case Cell::Kind::integer:
            return std::to_string(cell.number);
        case Cell::Kind::string:
            return cell.text;
        case Cell::Kind::list:
            break;
    }
    if (column.type == CellType::strings) {
        std::string s;
        for (const auto& item : cell.items) s += (s.empty() ? "" : " ") + item.text;
        return s;
    }
    return to_json(column, cell).dump();
}

std::string csv_header(const std::vector<Column>& columns) {
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + csv_cell(columns[i].name);
    return out + "\n";
}

std::string csv_row(const std::vector<Column>& columns, const std::vector<Cell>& cells) {
    std::string out;
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i)
        out += (i ? "," : "") + csv_cell(csv_text(columns[i], cells[i]));
    return out + "\n";
}

}  // namespace detail

std::string table_to_json(const Table& table, int indent) {
    std::string out;
    detail::append_rows_json(out, table, indent);
    return out;
}

std::string table_to_csv(const Table& table) {
    std::string out = detail::csv_header(table.columns);
    for (const auto& row : table.rows) out += detail::csv_row(table.columns, row);
    return out;
}

}  // namespace e911
