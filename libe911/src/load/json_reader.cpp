// The JSON reader: nlohmann's SAX parser driving the TreeBuilder, positions from a watching iterator.
#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "load/document.hpp"
#include "load/tree_builder.hpp"

namespace e911::detail {

namespace {

// ---------------------------------------------------------------- JSON
// nlohmann's SAX events carry no positions, so the input iterator watches the characters go by
// and remembers where the most recent value token started.
struct JsonScan {
    const char* begin = nullptr;
    std::size_t value_start = 0;
    bool in_string = false, escape = false;
    char prev = ' ';
    void see(const char* p) {
        char c = *p;
        if (in_string) {
            if (escape) escape = false;
            else if (c == '\\') escape = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
            value_start = static_cast<std::size_t>(p - begin);
        } else if (c == '{' || c == '[') {
            value_start = static_cast<std::size_t>(p - begin);
        } else if ((c == '-' || std::isdigit(static_cast<unsigned char>(c)) || c == 't' || c == 'f' || c == 'n') &&
                   (prev == ' ' || prev == '\t' || prev == '\n' || prev == '\r' || prev == ':' || prev == ',' || prev == '[' ||
                    prev == '{')) {
            value_start = static_cast<std::size_t>(p - begin);
        }
        prev = c;
    }
};

struct TrackingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    const char* p;
    JsonScan* scan;
    reference operator*() const { return *p; }
    TrackingIterator& operator++() {
        scan->see(p);
        ++p;
        return *this;
    }
    TrackingIterator operator++(int) {
        auto t = *this;
        ++*this;
        return t;
    }
    bool operator==(const TrackingIterator& o) const { return p == o.p; }
    bool operator!=(const TrackingIterator& o) const { return p != o.p; }
};

// Offsets -> line:column. SAX events arrive in increasing offset order, so each lookup continues
// from the previous one instead of rescanning the line (minified JSON is one very long line).
class LineIndex {
public:
    explicit LineIndex(const std::string& text) : text_(text) {
        starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts_.push_back(i + 1);
    }
    SourcePos at(std::size_t offset, std::uint32_t file) const {
        offset = std::min(offset, text_.size());
        auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
        std::size_t line = static_cast<std::size_t>(it - starts_.begin());
        std::size_t from = starts_[line - 1], col = 1;
        if (line == last_line_ && offset >= last_offset_) from = last_offset_, col = last_col_;
        for (std::size_t i = from; i < offset; ++i)
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;  // count code points
        last_line_ = line, last_offset_ = offset, last_col_ = col;
        return SourcePos{file, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(col)};
    }
private:
    const std::string& text_;
    std::vector<std::size_t> starts_;
    mutable std::size_t last_line_ = 0, last_offset_ = 0, last_col_ = 1;
};

class JsonSax {
public:
    using json = nlohmann::json;
    JsonSax(TreeBuilder& b, JsonScan& scan, const LineIndex& lines, std::uint32_t file)
        : b_(b), scan_(scan), lines_(lines), file_(file) {}
    SourcePos here() const { return lines_.at(scan_.value_start, file_); }
    bool scalar(Node::Kind k, std::string text) {
        Node n;
        n.kind = k;
        n.pos = here();
        n.text = std::move(text);
        b_.attach(std::move(n));
        return true;
    }
    bool null() { return scalar(Node::Kind::null, ""); }
    bool boolean(bool v) { return scalar(Node::Kind::boolean, v ? "true" : "false"); }
    bool number_integer(json::number_integer_t v) { return scalar(Node::Kind::integer, std::to_string(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return scalar(Node::Kind::integer, std::to_string(v)); }
    bool number_float(json::number_float_t, const json::string_t& raw) { return scalar(Node::Kind::real, raw); }
    bool string(json::string_t& s) { return scalar(Node::Kind::string, s); }
    bool binary(json::binary_t&) { return scalar(Node::Kind::null, ""); }
    bool start_object(std::size_t) { return open(Node::Kind::mapping); }
    bool key(json::string_t& k) { return scalar(Node::Kind::string, k); }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(Node::Kind::sequence); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) {
        std::string what = ex.what();
        auto colon = what.rfind(": ");
        std::string msg = colon == std::string::npos ? what : what.substr(colon + 2);
        SourcePos p = lines_.at(position > 0 ? position - 1 : 0, file_);
        b_.error(p, "syntax-error", "JSON syntax error: " + msg + (last_token.empty() ? "" : " (near `" + last_token.substr(0, 40) + "`)"),
                 "check for a missing comma, quote or bracket just before this point");
        return false;
    }
private:
    bool open(Node::Kind k) {
        bool ok = b_.begin(k, here());
        opened_.push_back(ok);
        return ok;  // stop when too deep
    }
    bool close() {
        bool ok = opened_.back();
        opened_.pop_back();
        if (ok) b_.attach(b_.end());
        else b_.end_skipped();
        return true;
    }
    TreeBuilder& b_;
    JsonScan& scan_;
    const LineIndex& lines_;
    std::uint32_t file_;
    std::vector<bool> opened_;
};

}  // namespace

bool parse_json(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits) {
    TreeBuilder b(root, out, file_name, limits);
    JsonScan scan;
    scan.begin = text.data();
    LineIndex lines(text);
    JsonSax sax(b, scan, lines, file_index);
    TrackingIterator first{text.data(), &scan}, last{text.data() + text.size(), &scan};
    bool ok = false;
    try {
        ok = nlohmann::json::sax_parse(first, last, &sax, nlohmann::json::input_format_t::json, true, false);
    } catch (const std::exception& e) {
        b.error(SourcePos{file_index, 1, 1}, "syntax-error", std::string("JSON could not be read: ") + e.what());
        return false;
    }
    return ok && b.has_root();
}

}  // namespace e911::detail
