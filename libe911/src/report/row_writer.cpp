#include "report/row_writer.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "report/tables.hpp"
#include "util/encoding.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void append_int(std::string& out, long long v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// The keys of `names` as detail::json (an insertion-ordered object) keeps them: in order of first
// appearance, a repeated name holding its last value. Entries are indices into `names`.
template <class Names>
std::vector<std::size_t> object_order(const Names& names) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto same = std::find_if(order.begin(), order.end(), [&](std::size_t k) { return names[k] == names[i]; });
        if (same != order.end()) *same = i;
        else order.push_back(i);
    }
    return order;
}

// Computed once per column list: the lists are static, so their address names them.
const std::vector<std::size_t>& record_order(const std::vector<Column>& columns) {
    thread_local std::unordered_map<const void*, std::vector<std::size_t>> cache;
    auto& order = cache[&columns];
    if (order.empty() && !columns.empty()) {
        std::vector<std::string_view> names;
        for (const auto& c : columns) names.push_back(c.name);
        order = object_order(names);
    }
    return order;
}

void append_value(std::string& out, const Column& column, const Cell& cell) {
    switch (cell.kind) {
        case Cell::Kind::null:
            out += "null";
            return;
        case Cell::Kind::boolean:
            out += cell.flag ? "true" : "false";
            return;
        case Cell::Kind::integer:
            append_int(out, cell.number);
            return;
        case Cell::Kind::string:
            append_json_string(out, cell.text);
            return;
        case Cell::Kind::list:
            break;
    }
    if (column.type == CellType::record) return append_record_json(out, column.fields, cell.items);
    out += '[';
    for (std::size_t i = 0; i < cell.items.size(); ++i) {
        if (i) out += ',';
        if (column.type == CellType::records) append_record_json(out, column.fields, cell.items[i].items);
        else append_value(out, Column{}, cell.items[i]);
    }
    out += ']';
}

void append_csv_text(std::string& out, std::string_view s) {
    if (s.find_first_of(",\"\n") == std::string_view::npos) {
        out += s;
        return;
    }
    out += '"';
    for (char c : s) c == '"' ? out += "\"\"" : out += c;
    out += '"';
}

// The batch JSON line's keys: `row`, `kind`, `time` then the record's columns, a record column of the
// same name taking the head key's place (as json::update does). Negative = one of the head keys.
struct Key {
    std::string_view name;
    int column;
};
const std::vector<Key>& batch_keys(const std::vector<Column>& columns, bool with_trace) {
    thread_local std::unordered_map<const void*, std::vector<Key>> cache[2];
    auto& keys = cache[with_trace][&columns];
    if (!keys.empty()) return keys;
    std::vector<Key> all = {{"row", -1}, {"kind", -2}, {"time", -3}};
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& n = columns[i].name;
        if (&columns == &trace_columns() && (n == "pidf_lo" || (!with_trace && n == "trace"))) continue;
        all.push_back({n, static_cast<int>(i)});
    }
    std::vector<std::string_view> names;
    for (const auto& k : all) names.push_back(k.name);
    for (std::size_t i : object_order(names)) keys.push_back(all[i]);
    return keys;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii && !valid_utf8(std::string(s))) {  // rare: let nlohmann place its U+FFFD exactly as the reference output does
        out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
    }
    static const char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: out += "\\u00", out += hex[c >> 4], out += hex[c & 15];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void append_record_json(std::string& out, const std::vector<Column>& columns, const std::vector<Cell>& cells) {
    out += '{';
    bool first = true;
    for (std::size_t i : record_order(columns)) {
        if (i >= cells.size()) continue;
        if (!first) out += ',';
        first = false;
        append_json_string(out, columns[i].name);
        out += ':';
        append_value(out, columns[i], cells[i]);
    }
    out += '}';
}

void append_csv_row(std::string& out, const std::vector<Column>& columns, const std::vector<Cell>& cells) {
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
        if (i) out += ',';
        const Cell& c = cells[i];
        if (c.kind == Cell::Kind::string) append_csv_text(out, c.text);
        else if (c.kind == Cell::Kind::boolean) out += c.flag ? "true" : "false";
        else if (c.kind == Cell::Kind::integer) append_int(out, c.number);
        else if (c.kind == Cell::Kind::list) append_csv_text(out, csv_text(columns[i], c));
    }
    out += '\n';
}

void append_batch_json(std::string& out, long long row, const CallRow& call, const Trace* trace,
                       const CallbackAnswer* callback, bool with_trace) {
    thread_local std::vector<Cell> cells;
    const std::vector<Column>* columns = nullptr;
    if (callback) cells = callback_cells(*callback), columns = &callback_columns();
    else if (trace) cells = trace_cells(*trace), columns = &trace_columns();
    else cells.clear(), columns = &batch_columns();  // no record: only the head keys
    out += '{';
    bool first = true;
    for (const Key& k : batch_keys(*columns, with_trace)) {
        if (k.column >= 0 && (!trace && !callback)) continue;
        if (!first) out += ',';
        first = false;
        append_json_string(out, k.name);
        out += ':';
        if (k.column == -1) append_int(out, row);
        else if (k.column == -2) append_json_string(out, call.kind);
        else if (k.column == -3) call.time ? append_int(out, *call.time) : void(out += "null");
        else append_value(out, (*columns)[k.column], cells[k.column]);
    }
    out += '}';
}

void append_batch_error_json(std::string& out, long long row, const std::string& error) {
    out += "{\"row\":";
    append_int(out, row);
    out += ",\"error\":";
    append_json_string(out, error);
    out += '}';
}

}  // namespace e911::detail
