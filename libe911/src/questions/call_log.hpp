// Reading a call log: CSV with a header row (RFC 4180) or JSON Lines, one call per row, streamed
// in constant memory. Only the reading lives here; simulating the rows lives in batch.cpp.
// Bounded (limits::max_row_bytes, max_field_bytes), UTF-8 checked, UTF-16 / BOM / CRLF as
// Windows tools write them; a bad row is an error row and reading goes on with the next one.
#pragma once
#include <cstdint>
#include <deque>
#include <iosfwd>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "e911/batch.hpp"
#include "util/encoding.hpp"

namespace e911::detail {

// A row's cells by column name, in column-name order (as a std::map iterates them, so errors name
// the same column first); a repeated name keeps its last value. Keys and values are copied into one
// buffer kept between rows, so a long call log reads without allocating per row, and a row's
// dozen cells cost one buffer's appends instead of a string assignment each.
class CallFields {
public:
    using Item = std::pair<std::string_view, std::string_view>;
    // Iterates the fields as views into the buffer, valid until the fields next change.
    class Iterator {
    public:
        Iterator(const CallFields* f, std::size_t i) : f_(f), i_(i) {}
        Item operator*() const { return f_->item(i_); }
        Iterator& operator++() { return ++i_, *this; }
        bool operator!=(const Iterator& o) const { return i_ != o.i_; }
    private:
        const CallFields* f_;
        std::size_t i_;
    };
    void clear() { size_ = 0, text_.clear(); }
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size_}; }
    Item item(std::size_t i) const {
        const Span& s = spans_[i];
        return {std::string_view(text_).substr(s.key, s.key_size), std::string_view(text_).substr(s.value, s.value_size)};
    }
    // Sets `key` to `value` (a new key is inserted in order).
    void set(std::string_view key, std::string_view value);
    // Replaces every field with `items`: distinct keys, already in order (no search, no moves).
    void assign_sorted(const Item* items, std::size_t n);
    std::map<std::string, std::string> to_map() const;
private:
    struct Span {
        std::uint32_t key, key_size, value, value_size;  // offsets into text_ (a row is at most max_row_bytes)
    };
    Span keep(std::string_view key, std::string_view value);
    std::string text_;
    std::vector<Span> spans_;
    std::size_t size_ = 0;
};

// One input row: its number (1-based, blank lines not counted), its cells by column name, or why
// it could not be read (then `fields` is empty and the batch reports the row as an error).
struct CallLogRecord {
    long long number = 0;
    CallFields fields;
    std::string error;
    // A JSON Lines row read by next_raw(): its line, not yet checked or parsed (finish_record does
    // that, on whichever thread simulates the row, so the reading thread only splits lines).
    std::string line;
    long long line_number = 0;
    bool raw = false, too_long = false;
};

// Parses a row next_raw() left raw into `fields` / `error`; nothing for others.
void finish_record(CallLogRecord& record);

class CallLogReader {
public:
    // Detects the format: JSON Lines when the first non-blank character is '{', else CSV.
    explicit CallLogReader(std::istream& in);
    // False when the input holds nothing at all (a CSV without even a header row).
    bool has_input() const { return has_input_; }
    TextEncoding encoding() const { return buf_.encoding(); }
    // The next non-blank row; false at the end of the input. A CSV row is read whole; a JSON Lines
    // row is only split off (record.raw) and finish_record() parses it, on whichever thread simulates it.
    bool next_raw(CallLogRecord& record);

private:
    struct Line {
        std::string text;
        long long number = 0;
        bool too_long = false, bad_utf8 = false;
    };
    // `check_utf8` false leaves bad_utf8 unset (finish_record checks a raw row).
    bool next_line(Line& line, bool check_utf8 = true);
    // The next non-blank CSV row, into the record's fields or error.
    bool next_csv(CallLogRecord& record);
    // One CSV record (a quoted field may span lines); `error` says why it could not be read.
    bool read_csv(std::vector<std::string>& cells, std::string& error, long long& first_line);

    DecodingStreambuf buf_;
    std::istream in_;
    std::deque<Line> pending_;  // lines read ahead for a quoted field that never closed
    bool jsonl_ = false, has_input_ = true;
    long long rows_ = 0, lines_ = 0;
    std::vector<std::string> header_, cells_;
    std::string header_error_;
};

// Fast path for the common JSON Lines row: a flat object of plain strings (no escapes), integers and
// nulls. False for anything else, which the full parser then reads (and reports).
bool parse_flat_jsonl(std::string_view text, CallFields& fields);

// call_row_from_fields into an existing row, reusing its storage.
void fill_call_row(const CallFields& fields, CallRow& row);

}  // namespace e911::detail
