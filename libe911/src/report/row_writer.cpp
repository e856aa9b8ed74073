#include "report/row_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <deque>
#include <iterator>
#include <optional>
#include <utility>
#include <unordered_map>

#include "report/batch_row.hpp"
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

// Writes one JSON value from cells. Pretty output (indent >= 0) breaks lines as nlohmann's
// dump(indent) does: each member or item on its own line, `"key": value`, empty objects and lists as
// {} and []. Key orders are computed once per column list and call: within one call the lists stay
// where they are, so their address names them (a table's lists are not static, so nothing is kept).
class JsonWriter {
public:
    JsonWriter(std::string& out, int indent, const TextSink* write = nullptr) : out_(out), indent_(indent), write_(write) {}

    void record(const std::vector<Column>& columns, const std::vector<Cell>& cells, int level) {
        fields(columns, cells.size(), level, [&](std::size_t i, int at) { value(columns[i], cells[i], at); });
    }

    // A record of `count` cells whose values write_value(i, level) writes, keys in the table's order.
    template <class WriteValue>
    void fields(const std::vector<Column>& columns, std::size_t count, int level, WriteValue&& write_value) {
        out_ += '{';
        bool first = true;
        for (std::size_t i : order(columns)) {
            if (i >= count) continue;
            if (!first) out_ += ',';
            first = false;
            new_line(level + 1);
            append_json_string(out_, columns[i].name);
            out_ += indent_ >= 0 ? ": " : ":";
            write_value(i, level + 1);
        }
        if (!first) new_line(level);
        out_ += '}';
    }

    // A list of `count` records of `fields`, the cells of record k from cells_of(k).
    template <class CellsOf>
    void records(const std::vector<Column>& fields, std::size_t count, int level, CellsOf&& cells_of) {
        out_ += '[';
        for (std::size_t k = 0; k < count; ++k) {
            if (k) out_ += ',';
            new_line(level + 1);
            record(fields, cells_of(k), level + 1);
            if (write_) write_when_full(out_, *write_);
        }
        if (count) new_line(level);
        out_ += ']';
    }

    void value(const Column& column, const Cell& cell, int level) {
        switch (cell.kind) {
            case Cell::Kind::null:
                out_ += "null";
                return;
            case Cell::Kind::boolean:
                out_ += cell.flag ? "true" : "false";
                return;
            case Cell::Kind::integer:
                append_int(out_, cell.number);
                return;
            case Cell::Kind::string:
                append_json_string(out_, cell.text);
                return;
            case Cell::Kind::list:
                break;
        }
        if (column.type == CellType::record) return record(column.fields, cell.items, level);
        if (column.type == CellType::records)
            return records(column.fields, cell.items.size(), level,
                           [&](std::size_t k) -> const std::vector<Cell>& { return cell.items[k].items; });
        out_ += '[';
        for (std::size_t i = 0; i < cell.items.size(); ++i) {
            if (i) out_ += ',';
            new_line(level + 1);
            value(Column{}, cell.items[i], level + 1);
        }
        if (!cell.items.empty()) new_line(level);
        out_ += ']';
    }

    void new_line(int level) {
        if (indent_ < 0) return;
        out_ += '\n';
        out_.append(static_cast<std::size_t>(indent_) * static_cast<std::size_t>(level), ' ');
    }

private:
    const std::vector<std::size_t>& order(const std::vector<Column>& columns) {
        for (const auto& [list, known] : orders_)
            if (list == &columns) return known;
        std::vector<std::string_view> names;
        for (const auto& c : columns) names.push_back(c.name);
        orders_.emplace_back(&columns, object_order(names));
        return orders_.back().second;
    }
    std::string& out_;
    int indent_;
    const TextSink* write_;  // when set, whole pieces of out_ go here as records are written
    std::deque<std::pair<const void*, std::vector<std::size_t>>> orders_;  // a deque: references stay valid
};

void append_value(std::string& out, const Column& column, const Cell& cell) { JsonWriter(out, -1).value(column, cell, 0); }

// The batch JSON line's keys: `row`, `kind`, `time` then the record's columns, a record column of the
// same name taking the head key's place (as json::update does). Negative = one of the head keys.
struct Key {
    std::string_view name;
    int column;
    std::string quoted = {};  // `"name":`, escaped once here rather than on every row
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
    for (auto& k : keys) append_json_string(k.quoted, k.name), k.quoted += ':';
    return keys;
}

// ---- a Trace straight to JSON, without building its cells (the batch's JSON Lines hot path) ----

// The trace columns this writer knows; any other (a column added to trace_columns() later) is written
// from trace_cells(), so a new column is right before it is fast.
enum class TraceField : std::uint8_t {
    dialed, normalized, emergency, dial_string, platform, trusted, user, site, location, location_source, address,
    policies, pstn_usage, route, gateways, calling_number, elin, psap, psap_reason, psap_relay, psap_expected,
    psap_correct, notifications, outcome, pidf_lo, trace, gateways_down, pstn, location_class, screened, other
};

const std::vector<TraceField>& trace_fields() {
    static const std::vector<TraceField> fields = [] {
        static const std::pair<std::string_view, TraceField> known[] = {
            {"dialed", TraceField::dialed}, {"normalized", TraceField::normalized},
            {"emergency", TraceField::emergency}, {"dial_string", TraceField::dial_string},
            {"platform", TraceField::platform}, {"trusted", TraceField::trusted}, {"user", TraceField::user},
            {"site", TraceField::site}, {"location", TraceField::location},
            {"location_source", TraceField::location_source}, {"address", TraceField::address},
            {"policies", TraceField::policies}, {"pstn_usage", TraceField::pstn_usage}, {"route", TraceField::route},
            {"gateways", TraceField::gateways}, {"calling_number", TraceField::calling_number},
            {"elin", TraceField::elin}, {"psap", TraceField::psap}, {"psap_reason", TraceField::psap_reason},
            {"psap_relay", TraceField::psap_relay}, {"psap_expected", TraceField::psap_expected},
            {"psap_correct", TraceField::psap_correct}, {"notifications", TraceField::notifications},
            {"outcome", TraceField::outcome}, {"pidf_lo", TraceField::pidf_lo}, {"trace", TraceField::trace},
            {"gateways_down", TraceField::gateways_down}, {"pstn", TraceField::pstn},
            {"location_class", TraceField::location_class}, {"screened", TraceField::screened}};
        std::vector<TraceField> v;
        for (const auto& c : trace_columns()) {
            auto it = std::find_if(std::begin(known), std::end(known), [&](const auto& k) { return k.first == c.name; });
            v.push_back(it == std::end(known) ? TraceField::other : it->second);
        }
        return v;
    }();
    return fields;
}

void append_text_or_null(std::string& out, std::string_view s) {
    if (s.empty()) out += "null";
    else append_json_string(out, s);
}
void append_bool(std::string& out, bool b) { b ? out.append("true", 4) : out.append("false", 5); }  // no strlen per cell
void append_optional_bool(std::string& out, const std::optional<bool>& b) {
    if (b) append_bool(out, *b);
    else out += "null";
}
void append_strings(std::string& out, const std::vector<std::string>& v) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, v[i]);
    }
    out += ']';
}
// `"name":` of each field of a record column (one of trace_columns(), which live as long as the
// program), escaped once per thread rather than for every step of every row.
const std::vector<std::string>& field_keys(const Column& record) {
    thread_local std::unordered_map<const Column*, std::vector<std::string>> cache;
    auto& keys = cache[&record];
    if (keys.empty())
        for (const auto& f : record.fields) append_json_string(keys.emplace_back(), f.name), keys.back() += ':';
    return keys;
}

void append_policies(std::string& out, const Column& column, const EffectivePolicies& p) {
    const std::string* values[] = {&p.emergency_calling, &p.emergency_call_routing, &p.location, &p.routing,
                                   &p.dial_plan};
    const auto& key = field_keys(column);
    out += '{';
    for (std::size_t i = 0; i < std::size(values); ++i) {
        if (i) out += ',';
        out += key[i];
        append_text_or_null(out, *values[i]);
    }
    out += '}';
}

void append_notifications(std::string& out, const Column& column, const std::optional<Notifications>& notifications) {
    if (!notifications) {
        out += "null";
        return;
    }
    const Notifications& n = *notifications;
    const auto& key = field_keys(column);
    out += '{';
    out += key[0], append_json_string(out, to_string(n.mode)), out += ',';
    out += key[1], append_strings(out, n.group), out += ',';
    out += key[2], append_text_or_null(out, n.dial_out), out += ',';
    out += key[3], append_strings(out, n.uris), out += ',';
    out += key[4], append_text_or_null(out, n.conference_uri), out += ',';
    out += key[5], append_bool(out, n.anyone()), out += ',';
    out += key[6], append_optional_bool(out, n.muted());
    out += '}';
}

void append_steps(std::string& out, const Column& column, const std::vector<TraceStep>& steps) {
    const auto& key = field_keys(column);
    out += '[';
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const TraceStep& s = steps[i];
        out += i ? ",{" : "{";
        out += key[0], append_json_string(out, s.step), out += ',';
        out += key[1], append_json_string(out, s.result), out += ',';
        out += key[2], append_json_string(out, s.because), out += ',';
        out += key[3], append_text_or_null(out, s.file), out += ',';
        out += key[4];
        if (s.line) append_int(out, s.line);
        else out += "null";
        out += '}';
    }
    out += ']';
}

// The value of trace column `i`, exactly as append_value(trace_columns()[i], trace_cells(t)[i]) writes it.
void append_trace_value(std::string& out, const Trace& t, std::size_t i, std::vector<Cell>& fallback) {
    const Column& column = trace_columns()[i];
    switch (trace_fields()[i]) {
        case TraceField::dialed: return append_json_string(out, t.dialed);
        case TraceField::normalized: return append_json_string(out, t.normalized);
        case TraceField::emergency: return append_bool(out, t.emergency);
        case TraceField::dial_string: return append_text_or_null(out, t.dial_string);
        case TraceField::platform: return append_json_string(out, to_string(t.platform));
        case TraceField::trusted: return append_optional_bool(out, t.trusted);
        case TraceField::user: return append_text_or_null(out, t.user);
        case TraceField::site: return append_text_or_null(out, t.site);
        case TraceField::location: return append_text_or_null(out, t.location);
        case TraceField::location_source:
            if (t.location_source == LocationSource::none) out += "null";
            else append_json_string(out, to_string(t.location_source));
            return;
        case TraceField::address: return append_text_or_null(out, t.address);
        case TraceField::policies: return append_policies(out, column, t.policies);
        case TraceField::pstn_usage: return append_text_or_null(out, t.pstn_usage);
        case TraceField::route: return append_text_or_null(out, t.route);
        case TraceField::gateways: return append_strings(out, t.gateways);
        case TraceField::calling_number: return append_text_or_null(out, t.calling_number);
        case TraceField::elin: return append_text_or_null(out, t.elin);
        case TraceField::psap: return append_text_or_null(out, t.psap);
        case TraceField::psap_reason: return append_text_or_null(out, t.psap_reason);
        case TraceField::psap_relay: return append_bool(out, t.psap_relay);
        case TraceField::psap_expected: return append_strings(out, t.psap_expected);
        case TraceField::psap_correct: return append_optional_bool(out, t.psap_correct);
        case TraceField::notifications: return append_notifications(out, column, t.notifications);
        case TraceField::outcome: return append_json_string(out, to_string(t.outcome));
        case TraceField::pidf_lo: return append_text_or_null(out, t.pidf_lo);
        case TraceField::trace: return append_steps(out, column, t.trace);
        case TraceField::gateways_down: return append_strings(out, t.gateways_down);
        case TraceField::pstn:
            if (t.pstn) append_json_string(out, to_string(*t.pstn));
            else out += "null";
            return;
        case TraceField::location_class: return append_json_string(out, to_string(t.location_class));
        case TraceField::screened: return append_bool(out, t.screened);
        case TraceField::other: break;
    }
    if (fallback.empty()) fallback = trace_cells(t);
    append_value(out, column, fallback[i]);
}

// A batch CSV cell from visit_batch_column(), as csv_text() and csv_cell() write it.
struct CsvCell {
    std::string& out;
    void null() {}
    void text(std::string_view s) { append_csv_cell(out, s); }
    void text_or_null(std::string_view s) { append_csv_cell(out, s); }
    void boolean(bool b) { append_bool(out, b); }
    void integer(long long n) { append_int(out, n); }
    void strings(const std::string* first, std::size_t n) {  // joined with spaces, quoted as one cell
        bool quote = std::any_of(first, first + n, [](const std::string& s) { return csv_needs_quotes(s); });
        if (quote) out += '"';
        for (std::size_t i = 0; i < n; ++i) {
            if (i) out += ' ';
            if (!quote) out += first[i];
            else append_csv_escaped(out, first[i]);
        }
        if (quote) out += '"';
    }
};

}  // namespace

namespace {
// Per byte: 0 copied as is, 1 escaped, 2 not ASCII (copied; the string is then checked for UTF-8).
constexpr std::array<unsigned char, 256> json_byte_classes() {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = c < 0x20 || c == '"' || c == '\\' ? 1 : c >= 0x80 ? 2 : 0;
    return t;
}
constexpr auto kJsonBytes = json_byte_classes();

// Whether any of 8 bytes is not plain (below 0x20, '"', '\\' or not ASCII): most text is checked a
// word at a time, and only words with such a byte go through the table.
inline bool word_has_special(std::uint64_t x) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    std::uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
    std::uint64_t below_space = x - ones * 0x20;
    return ((below_space | (quote - ones) | (backslash - ones)) & ~x & highs) != 0 || (x & highs) != 0;
}

// Rare: invalid UTF-8, written by nlohmann so its U+FFFD land exactly where the reference output has
// them. Out of line, so the hot loop's frame stays small (its flag stays in a register).
[[gnu::noinline]] void append_json_string_replaced(std::string& out, std::string_view s) {
    out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
}

// The index of the first byte from `i` on that is not plain ASCII (below 0x20, '"', '\\' or not
// ASCII), else `n`: most text is checked a word at a time.
std::size_t plain_run(const unsigned char* p, std::size_t i, std::size_t n) {
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (word_has_special(w)) break;
    }
    while (i < n && kJsonBytes[p[i]] == 0) ++i;
    return i;
}
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = plain_run(p, 0, n);
    // Most strings (ids, sentences) are short plain ASCII: quoted on the stack and appended in one
    // piece, one call instead of a character append at each end.
    if (i == n && n <= 254) {
        char quoted[256];
        quoted[0] = '"';
        std::memcpy(quoted + 1, s.data(), n);
        quoted[n + 1] = '"';
        out.append(quoted, n + 2);
        return;
    }
    static const char hex[] = "0123456789abcdef";
    const std::size_t start = out.size();
    out.reserve(start + n + 2);
    out += '"';
    std::size_t run = 0;
    bool non_ascii = false;
    while (true) {
        if (i < n && kJsonBytes[p[i]] == 2) {  // copied as it is; the string is checked for UTF-8 below
            non_ascii = true;
            i = plain_run(p, i + 1, n);
            continue;
        }
        out.append(s.data() + run, i - run);
        if (i == n) break;
        unsigned char c = p[i];
        run = ++i;
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
        i = plain_run(p, i, n);
    }
    out += '"';
    if (non_ascii && !valid_utf8(std::string(s))) {
        out.resize(start);
        append_json_string_replaced(out, s);
    }
}

namespace {
void lint_report_json(std::string& out, const std::vector<Finding>& findings, int indent, const TextSink* write) {
    const auto& columns = lint_report_columns();  // [0] findings, [1] summary
    const Cell summary = lint_summary_cell(findings);
    std::vector<Cell> cells;
    JsonWriter w(out, indent, write);
    w.fields(columns, 2, 0, [&](std::size_t i, int level) {
        if (i == 1) return w.value(columns[1], summary, level);
        w.records(columns[0].fields, findings.size(), level, [&](std::size_t k) -> const std::vector<Cell>& {
            cells = finding_cells(findings[k]);
            return cells;
        });
    });
}
}  // namespace

void append_lint_report_json(std::string& out, const std::vector<Finding>& findings, int indent) {
    lint_report_json(out, findings, indent, nullptr);
}

void write_lint_report_json(const std::vector<Finding>& findings, int indent, const TextSink& write) {
    std::string piece;
    lint_report_json(piece, findings, indent, &write);
    write(piece);
}

void append_record_json(std::string& out, const std::vector<Column>& columns, const std::vector<Cell>& cells,
                        int indent, int level) {
    JsonWriter(out, indent).record(columns, cells, level);
}

void append_rows_json(std::string& out, const Table& table, int indent) {
    JsonWriter(out, indent).records(table.columns, table.rows.size(), 0,
                                    [&](std::size_t k) -> const std::vector<Cell>& { return table.rows[k]; });
}

void append_rows_json(std::string& out, const std::vector<Column>& columns, std::size_t count, const RowCells& cells_of,
                      int indent) {
    JsonWriter(out, indent).records(columns, count, 0, cells_of);
}

void write_rows_json(const std::vector<Column>& columns, std::size_t count, const RowCells& cells_of, int indent,
                     const TextSink& write) {
    std::string piece;
    JsonWriter(piece, indent, &write).records(columns, count, 0, cells_of);
    write(piece);
}

void append_csv_row(std::string& out, const std::vector<Column>& columns, const std::vector<Cell>& cells) {
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
        if (i) out += ',';
        const Cell& c = cells[i];
        if (c.kind == Cell::Kind::string) append_csv_cell(out, c.text);
        else if (c.kind == Cell::Kind::boolean) append_bool(out, c.flag);
        else if (c.kind == Cell::Kind::integer) append_int(out, c.number);
        else if (c.kind == Cell::Kind::list) append_csv_cell(out, csv_text(columns[i], c));
    }
    out += '\n';
}

void append_batch_json(std::string& out, long long row, const CallRow& call, const Trace* trace,
                       const CallbackAnswer* callback, bool with_trace) {
    thread_local std::vector<Cell> cells;
    const std::vector<Column>* columns = nullptr;
    cells.clear();
    if (callback) cells = callback_cells(*callback), columns = &callback_columns();
    else if (trace) columns = &trace_columns();  // written from the Trace itself (cells only for unknown columns)
    else columns = &batch_columns();  // no record: only the head keys
    out += '{';
    bool first = true;
    for (const Key& k : batch_keys(*columns, with_trace)) {
        if (k.column >= 0 && (!trace && !callback)) continue;
        if (!first) out += ',';
        first = false;
        out += k.quoted;
        if (k.column == -1) append_int(out, row);
        else if (k.column == -2) append_json_string(out, call.kind);
        else if (k.column == -3) call.time ? append_int(out, *call.time) : void(out += "null");
        else if (callback) append_value(out, (*columns)[k.column], cells[k.column]);
        else append_trace_value(out, *trace, static_cast<std::size_t>(k.column), cells);
    }
    out += '}';
}

void append_batch_csv(std::string& out, const BatchRowParts& parts) {
    CsvCell cell{out};
    for (std::size_t i = 0; i < static_cast<std::size_t>(BatchColumn::count_); ++i) {
        if (i) out += ',';
        visit_batch_column(cell, static_cast<BatchColumn>(i), parts);
    }
    out += '\n';
}

void append_batch_error_json(std::string& out, long long row, const std::string& error) {
    out += "{\"row\":";
    append_int(out, row);
    out += ",\"error\":";
    append_json_string(out, error);
    out += '}';
}

}  // namespace e911::detail
