#include "questions/call_log.hpp"

#include <algorithm>
#include <cstring>
#include <istream>
#include <nlohmann/json.hpp>

#include "e911/limits.hpp"
#include "util/text_util.hpp"

namespace e911 {

namespace detail {
namespace {

std::string kib(std::size_t bytes) { return std::to_string(bytes / 1024) + " KiB"; }

}  // namespace

CallLogReader::CallLogReader(std::istream& in) : buf_(in.rdbuf()), in_(&buf_) {
    Line first;
    while (true) {
        if (!next_line(first)) {
            has_input_ = false;
            return;
        }
        if (first.text.find_first_not_of(" \t") != std::string::npos) break;
    }
    jsonl_ = first.text[first.text.find_first_not_of(" \t")] == '{';
    pending_.push_back(std::move(first));
    if (jsonl_) return;
    long long at = 0;
    read_csv(header_, header_error_, at);
    for (auto& h : header_) {
        h = printable_utf8(h);  // names appear in messages ("unknown column")
        h.erase(0, h.find_first_not_of(' ')), h.erase(h.find_last_not_of(' ') + 1);
    }
}

// One line without its line end (LF or CRLF), at most limits::max_row_bytes kept: a longer line
// is read to its end and dropped, so one huge line costs no memory.
bool CallLogReader::next_line(Line& line, bool check_utf8) {
    if (!pending_.empty()) {
        line = std::move(pending_.front());
        pending_.pop_front();
        return true;
    }
    line.text.clear();
    line.too_long = line.bad_utf8 = false;
    bool any = false;
    // A buffer at a time: memchr finds the line end, and the line is appended in one piece.
    for (auto avail = buf_.buffered(); !avail.empty(); avail = buf_.buffered()) {
        any = true;
        const void* nl = std::memchr(avail.data(), '\n', avail.size());
        std::size_t take = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - avail.data()) : avail.size();
        std::size_t room = limits::max_row_bytes - std::min(line.text.size(), limits::max_row_bytes);
        line.text.append(avail.data(), std::min(take, room));
        if (take > room) line.too_long = true;
        buf_.consume(take + (nl ? 1 : 0));
        if (nl) break;
    }
    if (!any) return false;
    if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
    line.number = ++lines_;
    line.bad_utf8 = check_utf8 && !valid_utf8(line.text);
    if (line.too_long) line.text.clear();
    return true;
}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. A quote still open when
// the row reaches limits::max_row_bytes or the end of the input is reported for its row alone:
// the lines read ahead are read again as rows of their own, so one stray quote costs one row.
bool CallLogReader::read_csv(std::vector<std::string>& cells, std::string& error, long long& first_line) {
    cells.clear();
    error.clear();
    Line line;
    if (!next_line(line)) return false;
    first_line = line.number;
    std::vector<Line> ahead;
    std::string field;
    std::size_t row_bytes = line.text.size();
    bool quoted = false, bad_utf8 = line.bad_utf8;
    if (line.too_long) error = "line " + std::to_string(line.number) + " is longer than " + kib(limits::max_row_bytes);
    while (true) {
        const std::string& t = ahead.empty() ? line.text : ahead.back().text;
        for (std::size_t i = 0; i < t.size(); ++i) {
            char ch = t[i];
            if (quoted) {
                if (ch != '"') field += ch;
                else if (i + 1 < t.size() && t[i + 1] == '"') field += '"', ++i;
                else quoted = false;
            } else if (ch == '"') quoted = true;
            else if (ch == ',') cells.push_back(std::move(field)), field.clear();
            else field += ch;
        }
        if (!quoted) break;
        Line more;
        bool have = next_line(more);
        if (!have || more.too_long || row_bytes + more.text.size() > limits::max_row_bytes) {
            error = "a quoted cell opened on line " + std::to_string(first_line) + " is not closed " +
                    (have ? "within " + kib(limits::max_row_bytes) : std::string("before the end of the input")) +
                    "; the row was skipped and reading goes on with the next line";
            if (have) ahead.push_back(std::move(more));
            for (auto it = ahead.rbegin(); it != ahead.rend(); ++it) pending_.push_front(std::move(*it));
            cells.assign(1, std::string());
            return true;
        }
        row_bytes += more.text.size() + 1;
        bad_utf8 = bad_utf8 || more.bad_utf8;
        field += '\n';
        ahead.push_back(std::move(more));
    }
    cells.push_back(std::move(field));
    if (error.empty() && bad_utf8)
        error = "line " + std::to_string(first_line) +
                " is not valid UTF-8; save the call log as UTF-8 (or UTF-16 with a byte-order mark)";
    for (std::size_t i = 0; error.empty() && i < cells.size(); ++i)
        if (cells[i].size() > limits::max_field_bytes)
            error = "cell " + std::to_string(i + 1) + " is " + std::to_string(cells[i].size()) +
                    " bytes, more than the limit of " +
                    kib(limits::max_field_bytes);
    return true;
}

namespace {

// The row's line (next_raw) into its fields, or why it cannot be read.
void read_jsonl(CallLogRecord& rec) {
    const std::string& text = rec.line;
    if (rec.too_long) {
        rec.error = "line " + std::to_string(rec.line_number) + " is longer than " + kib(limits::max_row_bytes);
        return;
    }
    if (!valid_utf8(text)) {
        rec.error = "line " + std::to_string(rec.line_number) + " is not valid UTF-8; save the call log as UTF-8";
        return;
    }
    if (parse_flat_jsonl(text, rec.fields)) return;
    rec.fields.clear();
    try {
        auto j = nlohmann::json::parse(text);
        if (!j.is_object()) throw UsageError("a JSON Lines row must be an object");
        for (auto it = j.begin(); it != j.end(); ++it) {
            std::string v = it->is_string() ? it->get<std::string>() : it->is_null() ? "" : it->dump();
            if (v.size() > limits::max_field_bytes)
                throw UsageError("`" + it.key() + "` is " + std::to_string(v.size()) +
                                 " bytes, more than the limit of " +
                                 kib(limits::max_field_bytes));
            rec.fields.set(it.key(), v);
        }
    } catch (const nlohmann::json::exception& e) {
        rec.error = std::string("not JSON: ") + printable_utf8(e.what());
        rec.fields.clear();
    } catch (const UsageError& e) {
        rec.error = e.what();
        rec.fields.clear();
    }
}

}  // namespace

void finish_record(CallLogRecord& rec) {
    if (!rec.raw) return;
    rec.raw = false;
    rec.fields.clear();
    rec.error.clear();
    read_jsonl(rec);
}

CallFields::Span CallFields::keep(std::string_view key, std::string_view value) {
    Span s{static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(key.size()), 0,
           static_cast<std::uint32_t>(value.size())};
    text_.append(key);
    s.value = static_cast<std::uint32_t>(text_.size());
    text_.append(value);
    return s;
}

void CallFields::set(std::string_view key, std::string_view value) {
    std::size_t i = 0;
    while (i < size_ && item(i).first < key) ++i;
    const Span s = keep(key, value);
    if (i < size_ && item(i).first == key) {
        spans_[i] = s;  // the old value's bytes stay in the buffer until the next row
        return;
    }
    if (size_ == spans_.size()) spans_.emplace_back();
    spans_[size_] = s;
    std::rotate(spans_.begin() + static_cast<std::ptrdiff_t>(i), spans_.begin() + static_cast<std::ptrdiff_t>(size_),
                spans_.begin() + static_cast<std::ptrdiff_t>(size_) + 1);
    ++size_;
}

void CallFields::assign_sorted(const Item* items, std::size_t n) {
    clear();
    if (spans_.size() < n) spans_.resize(n);
    for (std::size_t i = 0; i < n; ++i) spans_[i] = keep(items[i].first, items[i].second);
    size_ = n;
}

std::map<std::string, std::string> CallFields::to_map() const {
    std::map<std::string, std::string> m;
    for (const auto& [k, v] : *this) m.emplace(k, v);
    return m;
}

namespace {

void skip_space(std::string_view t, std::size_t& i) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n')) ++i;
}

// A string without escapes or control characters (the line is already known to be UTF-8).
bool plain_string(std::string_view t, std::size_t& i, std::string_view& out) {
    if (i >= t.size() || t[i] != '"') return false;
    std::size_t start = ++i;
    while (i < t.size() && t[i] != '"') {
        if (t[i] == '\\' || static_cast<unsigned char>(t[i]) < 0x20) return false;
        ++i;
    }
    if (i >= t.size()) return false;
    out = t.substr(start, i++ - start);
    return true;
}

}  // namespace

bool parse_flat_jsonl(std::string_view t, CallFields& fields) {
    fields.clear();
    // The row's keys and values as views into the line, kept in key order as they are read (a row
    // has a handful), then copied into `fields` once.
    constexpr std::size_t kMostKeys = 32;  // more go to the full parser
    CallFields::Item items[kMostKeys];
    std::size_t n = 0;
    std::size_t i = 0;
    skip_space(t, i);
    if (i >= t.size() || t[i++] != '{') return false;
    skip_space(t, i);
    bool first = true;
    while (i < t.size() && t[i] != '}') {
        if (!first && t[i++] != ',') return false;
        first = false;
        skip_space(t, i);
        std::string_view key, value;
        if (!plain_string(t, i, key)) return false;
        skip_space(t, i);
        if (i >= t.size() || t[i++] != ':') return false;
        skip_space(t, i);
        if (i < t.size() && t[i] == '"') {
            if (!plain_string(t, i, value)) return false;
        } else if (t.compare(i, 4, "null") == 0) {
            i += 4;
        } else {
            // A small non-negative integer reads as its own text (as dump() writes it); other numbers,
            // booleans and nested values go to the full parser.
            std::size_t start = i;
            while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
            std::size_t n = i - start;
            if (n == 0 || n > 18 || (n > 1 && t[start] == '0')) return false;
            value = t.substr(start, n);
        }
        if (value.size() > limits::max_field_bytes || n == kMostKeys) return false;
        std::size_t at = n++;
        for (; at > 0 && key <= items[at - 1].first; --at) {
            if (key == items[at - 1].first) return false;  // a repeated key: the full parser decides which wins
            items[at] = items[at - 1];
        }
        items[at] = {key, value};
        skip_space(t, i);
    }
    if (i >= t.size()) return false;
    ++i;
    skip_space(t, i);
    if (i != t.size()) return false;
    fields.assign_sorted(items, n);
    return true;
}

bool CallLogReader::next_csv(CallLogRecord& rec) {
    rec.fields.clear();
    rec.error.clear();
    while (true) {
        long long at = 0;
        if (!read_csv(cells_, rec.error, at)) return false;
        if (rec.error.empty() && cells_.size() == 1 && cells_[0].empty()) continue;
        rec.number = ++rows_;
        if (!rec.error.empty()) return true;
        if (!header_error_.empty()) rec.error = "the header row could not be read: " + header_error_;
        else if (cells_.size() != header_.size())
            rec.error = "row has " + std::to_string(cells_.size()) + " cells, the header " + std::to_string(header_.size());
        else
            for (std::size_t i = 0; i < cells_.size(); ++i) rec.fields.set(header_[i], cells_[i]);
        return true;
    }
}

bool CallLogReader::next_raw(CallLogRecord& rec) {
    if (!has_input_) return false;
    if (!jsonl_) {
        rec.raw = false;
        return next_csv(rec);
    }
    rec.fields.clear();
    rec.error.clear();
    Line line;
    while (true) {
        // The line goes straight into the record's buffer (swapped back after), so no copy per row.
        line.text.swap(rec.line);
        bool have = next_line(line, false);
        line.text.swap(rec.line);
        if (!have) return false;
        if (!line.too_long && rec.line.find_first_not_of(" \t") == std::string::npos) continue;
        rec.number = ++rows_;
        rec.line_number = line.number, rec.too_long = line.too_long, rec.raw = true;
        return true;
    }
}

}  // namespace detail
}  // namespace e911
