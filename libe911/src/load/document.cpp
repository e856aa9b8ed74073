// YAML (yaml-cpp event API) and JSON (nlohmann SAX) readers producing the positioned Node tree.
// Event/SAX readers rather than DOM loaders: they give positions for every key and scale to
// million-object configurations without a second in-memory copy.
#include "load/document.hpp"

#include <unicode/utf8.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_set>

#include "util/encoding.hpp"

namespace e911::detail {

const char* kind_name(Node::Kind k) {
    switch (k) {
        case Node::Kind::null: return "null";
        case Node::Kind::boolean: return "boolean";
        case Node::Kind::integer: return "integer";
        case Node::Kind::real: return "number";
        case Node::Kind::string: return "string";
        case Node::Kind::sequence: return "list";
        case Node::Kind::mapping: return "mapping";
    }
    return "?";
}
const char* Node::kind_name() const { return detail::kind_name(kind); }

const Node* Node::get(const std::string& key) const {
    if (kind != Kind::mapping) return nullptr;
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] == key) return &items[i];
    return nullptr;
}

namespace {

constexpr std::size_t kMaxDepth = limits::max_nesting;
constexpr std::size_t kMaxAliasNodes = limits::max_alias_nodes;  // guards against "billion laughs" alias bombs

std::size_t count_nodes(const Node& n) {
    std::size_t c = 1;
    for (const auto& i : n.items) c += count_nodes(i);
    return c;
}

// Builds the tree from start/end/scalar events; shared by both readers.
class TreeBuilder {
public:
    TreeBuilder(Node& root, std::vector<Diagnostic>& out, const std::string& file, const LoadLimits& limits)
        : root_(root), out_(out), file_(file), max_keys_(limits.max_keys_per_mapping) {}

    void error(const SourcePos& p, const std::string& id, const std::string& msg, const std::string& hint = {},
               Severity severity = Severity::error) {
        Diagnostic d;
        d.id = id;
        d.severity = severity;
        d.file = file_;
        d.line = p.line;
        d.column = p.column;
        d.key = path();
        d.message = msg;
        d.hint = hint;
        out_.push_back(std::move(d));
    }

    // False when the node is not built (too deep, or inside a part being skipped); its contents
    // are then skipped too, so they cannot land in the parent as stray keys or items.
    bool begin(Node::Kind kind, const SourcePos& p) {
        if (skipping_ > 0 || stack_.size() >= kMaxDepth) {
            if (!too_deep_ && skipping_ == 0)
                error(p, "syntax-error", "document nested deeper than " + std::to_string(kMaxDepth) + " levels; the deeper part was not read",
                      "flatten the structure; no part of the format nests this deep");
            too_deep_ = true;
            ++skipping_;
            return false;
        }
        Frame f;
        f.node.kind = kind;
        f.node.pos = p;
        stack_.push_back(std::move(f));
        return true;
    }
    void end_skipped() { --skipping_; }
    Node end() {
        Node n = std::move(stack_.back().node);
        stack_.pop_back();
        return n;
    }
    void attach(Node&& n) {
        if (skipping_ > 0) return;
        if (stack_.empty()) {
            if (!have_root_) root_ = std::move(n);
            have_root_ = true;
            return;
        }
        Frame& f = stack_.back();
        if (f.node.kind == Node::Kind::sequence) {
            f.node.items.push_back(std::move(n));
            return;
        }
        if (!f.have_key) {
            if (!n.is_scalar()) {
                error(n.pos, "syntax-error", "a mapping key must be a plain value, not a " + std::string(n.kind_name()),
                      "write the key as a simple name");
                f.key = "?";
            } else {
                f.key = n.text;
            }
            f.key_pos = n.pos;
            f.have_key = true;
            return;
        }
        f.have_key = false;
        if (f.dropped) return;
        // Small mappings are scanned; big ones get a hash set, so a mapping of n keys costs O(n).
        bool dup = false;
        if (f.node.keys.size() < 16) dup = std::find(f.node.keys.begin(), f.node.keys.end(), f.key) != f.node.keys.end();
        else {
            if (f.seen.empty()) f.seen.insert(f.node.keys.begin(), f.node.keys.end());
            dup = !f.seen.insert(f.key).second;
        }
        if (dup) {
            error(f.key_pos, "duplicate-key", "key `" + f.key + "` appears twice in this mapping",
                  "keep one `" + f.key + "`; the later one would silently replace the earlier in other tools");
            return;
        }
        if (f.node.keys.size() >= max_keys_) {
            error(f.key_pos, "syntax-error",
                  "mapping has more than " + std::to_string(max_keys_) + " keys; the rest were not read",
                  "the format's mappings hold a few dozen keys; collections are lists (or raise LoadLimits::max_keys_per_mapping)");
            f.dropped = true;
            return;
        }
        f.node.keys.push_back(f.key);
        f.node.key_pos.push_back(f.key_pos);
        f.node.items.push_back(std::move(n));
    }
    bool has_root() const { return have_root_; }
    bool too_deep() const { return too_deep_; }
    std::size_t depth() const { return stack_.size(); }

    // "a.b[3].c" for the node being built, for diagnostics.
    std::string path() const {
        std::string p;
        for (const auto& f : stack_) {
            if (f.node.kind == Node::Kind::sequence) {
                p += "[" + std::to_string(f.node.items.size()) + "]";
            } else if (f.have_key) {
                if (!p.empty()) p += ".";
                p += f.key;
            }
        }
        return p;
    }

private:
    struct Frame {
        Node node;
        bool have_key = false, dropped = false;
        std::unordered_set<std::string> seen;
        std::string key;
        SourcePos key_pos;
    };
    Node& root_;
    std::vector<Diagnostic>& out_;
    const std::string& file_;
    std::vector<Frame> stack_;
    std::size_t max_keys_;
    bool have_root_ = false;
    bool too_deep_ = false;
    std::size_t skipping_ = 0;
};

// ---------------------------------------------------------------- YAML
bool is_yaml_null(const std::string& s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }
bool is_yaml_bool(const std::string& s, bool& v) {
    if (s == "true" || s == "True" || s == "TRUE") return v = true, true;
    if (s == "false" || s == "False" || s == "FALSE") return v = false, true;
    return false;
}
bool is_yaml_int(const std::string& s) {
    std::size_t i = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
        for (i = 2; i < s.size(); ++i)
            if (!(s[1] == 'x' ? std::isxdigit(static_cast<unsigned char>(s[i])) : (s[i] >= '0' && s[i] <= '7'))) return false;
        return true;
    }
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}
bool is_yaml_float(const std::string& s) {
    static const char* specials[] = {".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", ".nan", ".NaN", ".NAN"};
    for (auto* sp : specials)
        if (s == sp) return true;
    std::size_t i = 0, digits = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        std::size_t e = 0;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++e;
        if (e == 0) return false;
    }
    return i == s.size();
}

class YamlHandler : public YAML::EventHandler {
public:
    YamlHandler(TreeBuilder& b, std::uint32_t file) : b_(b), file_(file) {}
    SourcePos pos(const YAML::Mark& m) const {
        return SourcePos{file_, static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
    }
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override {
        Node n;
        n.pos = pos(m);
        remember(anchor, n);
        b_.attach(std::move(n));
    }
    void OnAlias(const YAML::Mark& m, YAML::anchor_t anchor) override {
        auto it = anchors_.find(anchor);
        if (it == anchors_.end()) {
            b_.error(pos(m), "syntax-error", "alias to an unknown anchor");
            Node n;
            n.pos = pos(m);
            b_.attach(std::move(n));
            return;
        }
        alias_nodes_ += count_nodes(it->second);
        if (alias_nodes_ > kMaxAliasNodes) {
            if (!alias_bomb_) b_.error(pos(m), "syntax-error", "aliases expand to more than a million nodes",
                                       "write the repeated part out, or split the configuration with `include:`");
            alias_bomb_ = true;
            Node n;
            n.pos = pos(m);
            b_.attach(std::move(n));
            return;
        }
        Node copy = it->second;
        b_.attach(std::move(copy));
    }
    void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
        Node n;
        n.pos = pos(m);
        // yaml-cpp writes the escapes \N and \_ as the single bytes 0x85 and 0xA0 (their Latin-1
        // values), not as UTF-8; everything else it returns is UTF-8 (the input was checked).
        n.text = latin1_repair(value);
        bool plain = tag == "?";
        bool bv = false;
        if (tag == "tag:yaml.org,2002:str" || tag == "!") {
            n.kind = Node::Kind::string;
        } else if (plain && is_yaml_null(value)) {
            n.kind = Node::Kind::null;
        } else if (plain && is_yaml_bool(value, bv)) {
            n.kind = Node::Kind::boolean;
            n.text = bv ? "true" : "false";
        } else if (plain && is_yaml_int(value)) {
            n.kind = Node::Kind::integer;
            octal_looking(n);
        } else if (plain && is_yaml_float(value)) {
            n.kind = Node::Kind::real;
        } else {
            n.kind = Node::Kind::string;
        }
        remember(anchor, n);
        b_.attach(std::move(n));
    }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(Node::Kind::sequence, m, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(Node::Kind::mapping, m, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    // YAML 1.1 reads 010 as octal 8, YAML 1.2 as 10, and 0o7 exists only in 1.2: said, never guessed.
    // The value becomes the YAML 1.2 reading, in decimal, so later checks see one number.
    void octal_looking(Node& n) {
        const std::string t = n.text;
        auto strip_zeros = [](std::string d) {
            auto nz = d.find_first_not_of('0');
            return nz == std::string::npos ? std::string("0") : d.substr(nz);
        };
        if (t.size() > 2 && t[0] == '0' && t[1] == 'o') {
            std::string digits = strip_zeros(t.substr(2));
            std::string dec = digits.size() > 21 ? t : std::to_string(std::stoull(digits, nullptr, 8));
            b_.error(n.pos, "invalid-value", "`" + t + "` is a YAML 1.2 octal number, read as " + dec + "; YAML 1.1 tools read it as text",
                     "write " + dec + " in decimal", Severity::warning);
            n.text = dec;
            return;
        }
        std::size_t sign = (t[0] == '-' || t[0] == '+') ? 1 : 0;
        if (t.size() > sign + 1 && t[sign] == '0') {
            std::string dec = t.substr(0, sign) + strip_zeros(t.substr(sign));
            b_.error(n.pos, "invalid-value",
                     "`" + t + "` has a leading zero: YAML 1.2 reads it as " + dec + ", YAML 1.1 tools as an octal number",
                     "write " + dec + " without the leading zero, or quote it (\"" + t + "\") if it is text");
            n.text = dec;
        }
    }
    void open(Node::Kind k, const YAML::Mark& m, YAML::anchor_t anchor) {
        bool ok = b_.begin(k, pos(m));
        frames_.push_back({ok, anchor});
    }
    void close() {
        auto f = frames_.back();
        frames_.pop_back();
        if (!f.opened) {
            b_.end_skipped();
            return;
        }
        Node n = b_.end();
        remember(f.anchor, n);
        b_.attach(std::move(n));
    }
    void remember(YAML::anchor_t anchor, const Node& n) {
        if (anchor != YAML::NullAnchor) anchors_[anchor] = n;
    }
    struct OpenFrame {
        bool opened;
        YAML::anchor_t anchor;
    };
    TreeBuilder& b_;
    std::uint32_t file_;
    std::vector<OpenFrame> frames_;
    std::map<YAML::anchor_t, Node> anchors_;
    std::size_t alias_nodes_ = 0;
    bool alias_bomb_ = false;
};

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

bool parse_yaml(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits) {
    TreeBuilder b(root, out, file_name, limits);
    YamlHandler h(b, file_index);
    std::istringstream in(text);
    try {
        YAML::Parser parser(in);
        int docs = 0;
        while (parser.HandleNextDocument(h)) {
            if (++docs == 2) {
                b.error(root.pos, "syntax-error", "more than one YAML document (`---`) in one file",
                        "keep one document per file; split configurations with `include:`");
                break;
            }
        }
    } catch (const YAML::Exception& e) {
        // yaml-cpp gives up on very deep documents with a vague message ("bad file"); the nesting
        // error already said what is wrong, so a second, misleading one is not added.
        if (b.too_deep()) return false;
        SourcePos p{file_index, static_cast<std::uint32_t>(e.mark.line + 1), static_cast<std::uint32_t>(e.mark.column + 1)};
        if (e.mark.is_null()) p = SourcePos{file_index, 1, 1};
        b.error(p, "syntax-error", "YAML syntax error: " + e.msg,
                "check indentation and quoting on this line (a value containing `: ` or starting with `*`, `&`, `!` or `%` needs quotes)");
        return false;
    } catch (const std::exception& e) {
        b.error(SourcePos{file_index, 1, 1}, "syntax-error", std::string("YAML could not be read: ") + e.what());
        return false;
    }
    if (!b.has_root())
        b.error(SourcePos{file_index, 1, 1}, "wrong-type", "the document is empty",
                "start from an example in examples/ (a configuration needs at least `version: 1`)");
    return b.has_root();
}

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

std::string sanitize_utf8(const std::string& text, const std::string& file_name, std::vector<Diagnostic>& out) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const std::int32_t length = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
    std::string result;
    std::int32_t i = 0, reported = 0;
    std::uint32_t line = 1, col = 1;
    bool bad_any = false;
    while (i < length) {
        std::int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c <= 0) {
            if (!bad_any) result.assign(text, 0, static_cast<std::size_t>(start));
            bad_any = true;
            result += "\xEF\xBF\xBD";
            if (reported++ < 20) {
                Diagnostic d;
                d.id = "invalid-utf8";
                d.file = file_name;
                d.line = line;
                d.column = col;
                d.message = c == 0 ? "NUL byte (\\0) in the text" : "invalid UTF-8 byte sequence";
                d.hint = c == 0 ? "remove it: YAML and JSON allow no NUL, and other tools would cut the value short there"
                                : "save the file as UTF-8 (it looks like Latin-1 or Windows-1252); the bytes were replaced by U+FFFD";
                out.push_back(std::move(d));
            }
        } else if (bad_any) {
            result.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
        }
        if (c == '\n') ++line, col = 1;
        else ++col;
    }
    return bad_any ? result : text;
}

}  // namespace e911::detail
