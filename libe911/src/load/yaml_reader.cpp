// The YAML reader: libfyaml's event API driving the TreeBuilder, so every node and key keeps its mark.
// libfyaml reads the text in place (no copy) and hands out scalar text without allocating for plain
// scalars; it replaced yaml-cpp here because yaml-cpp's parse of a large configuration took 7× JSON's.
#include <libfyaml.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "load/document.hpp"
#include "load/tree_builder.hpp"
#include "load/yaml_parts.hpp"
#include "util/encoding.hpp"

namespace e911::detail {

namespace {

constexpr std::size_t kMaxAliasNodes = limits::max_alias_nodes;  // guards against "billion laughs" alias bombs
constexpr const char* kSyntaxHint =
    "check indentation and quoting on this line (a value containing `: ` or starting with `*`, `&`, `!` or `%` needs quotes)";

// libfyaml's messages say what is wrong; the hint says what to write instead, for the common slips.
std::string syntax_hint(const std::string& libfyaml_message) {
    auto says = [&](const char* part) { return libfyaml_message.find(part) != std::string::npos; };
    if (says("tab")) return "indent with spaces; YAML does not allow tabs for indentation";
    if (says("without closing quote")) return "close the quote on the value where it opens (the error is where the file ended)";
    if (says("invalid value after mapping") || says("could not find expected ':'"))
        return "write `key: value` with a space after the colon; a line without one is not a key";
    if (says("closing bracket") || says("closing brace")) return "close each list with its `]` and each mapping with its `}` where it ends";
    return kSyntaxHint;
}

std::size_t count_nodes(const Node& n) {
    std::size_t c = 1;
    for (const auto& i : n.items) c += count_nodes(i);
    return c;
}

// ---------------------------------------------------------------- plain-scalar resolution
// YAML 1.2's core schema, plus the capitalised booleans YAML 1.1 tools write (True, FALSE).
bool is_yaml_null(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }
bool is_yaml_bool(std::string_view s, bool& v) {
    if (s == "true" || s == "True" || s == "TRUE") return v = true, true;
    if (s == "false" || s == "False" || s == "FALSE") return v = false, true;
    return false;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_yaml_int(std::string_view s) {
    std::size_t i = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
        for (i = 2; i < s.size(); ++i)
            if (!(s[1] == 'x' ? std::isxdigit(static_cast<unsigned char>(s[i])) : (s[i] >= '0' && s[i] <= '7'))) return false;
        return true;
    }
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!is_digit(s[i])) return false;
    return true;
}
bool is_yaml_float(std::string_view s) {
    static constexpr std::string_view specials[] = {".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", ".nan", ".NaN", ".NAN"};
    for (auto sp : specials)
        if (s == sp) return true;
    std::size_t i = 0, digits = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
        std::size_t e = 0;
        while (i < s.size() && is_digit(s[i])) ++i, ++e;
        if (e == 0) return false;
    }
    return i == s.size();
}

// ---------------------------------------------------------------- libfyaml handles
struct ParserFree {
    void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};
struct DiagFree {
    void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};
struct EventFree {
    fy_parser* parser;
    void operator()(fy_event* e) const { fy_parser_event_free(parser, e); }
};
using EventPtr = std::unique_ptr<fy_event, EventFree>;

// libfyaml prints to stderr unless told otherwise: its errors are collected and become diagnostics,
// anything else it would print goes nowhere (a library never writes to the caller's terminal).
void discard_output(fy_diag*, void*, const char*, std::size_t) {}
std::unique_ptr<fy_diag, DiagFree> make_quiet_diag() {
    fy_diag_cfg cfg;
    fy_diag_cfg_default(&cfg);
    cfg.fp = nullptr;
    cfg.output_fn = discard_output;
    cfg.colorize = false;
    std::unique_ptr<fy_diag, DiagFree> diag(fy_diag_create(&cfg));
    if (diag) fy_diag_set_collect_errors(diag.get(), true);
    return diag;
}

std::string_view token_text(fy_token* t) {
    if (!t) return {};
    std::size_t len = 0;
    const char* p = fy_token_get_text(t, &len);
    return p ? std::string_view(p, len) : std::string_view();
}

class YamlReader {
public:
    // `text` starts on line `first_line` of its file (a part of a larger text: yaml_parts.hpp).
    YamlReader(TreeBuilder& b, std::string_view text, std::uint32_t file, std::uint32_t first_line)
        : b_(b), text_(text), file_(file), lines_before_(first_line - 1) {}
    // False on a syntax error: report_syntax_error() then says what libfyaml found.
    bool read(fy_parser* parser);
    void report_syntax_error(fy_diag* diag);
    // What reading found, `ok` or not, for a caller that joins parts (yaml_parts.hpp).
    YamlPartRead result(bool ok) const { return {ok, used_aliases_, pos(last_end_).line, block_mapping_root_}; }

private:
    // A byte offset with its 1-based line and column (columns count code points, as libfyaml's do).
    struct Mark {
        std::size_t offset = 0;
        std::uint32_t line = 1, column = 1;
    };
    struct OpenFrame {
        bool opened;
        std::string anchor;
    };

    bool handle(fy_event* e);
    void scalar(const fy_event_scalar_data& s);
    void alias(fy_event* e);
    void open(Node::Kind k, fy_event* e, fy_token* anchor, fy_token* tag);
    void close();
    void octal_looking(Node& n);
    void remember(std::string_view anchor, const Node& n);

    static Mark mark_of(const fy_mark* m, std::size_t back = 0);
    Mark earliest(Mark at, fy_token* anchor, fy_token* tag) const;
    Mark block_indicator(const Mark& content) const;
    SourcePos pos(const Mark& m) const { return SourcePos{file_, lines_before_ + m.line, m.column}; }

    TreeBuilder& b_;
    std::string_view text_;
    std::uint32_t file_;
    std::uint32_t lines_before_;
    bool used_aliases_ = false;
    bool block_mapping_root_ = false;
    std::vector<OpenFrame> frames_;
    std::unordered_map<std::string, Node> anchors_;
    std::size_t alias_nodes_ = 0;
    bool alias_bomb_ = false;
    int documents_ = 0;
    Mark last_end_;  // where the previous event ended: empty scalars have no mark of their own
};

// ---------------------------------------------------------------- positions
// libfyaml marks a node's content: after the `"` of a quoted scalar, after the `*` of an alias, after
// the `&` of an anchor. Diagnostics point where the node starts as written, so `back` steps over the
// one-byte indicator (always on the same line, just before).
YamlReader::Mark YamlReader::mark_of(const fy_mark* m, std::size_t back) {
    Mark r;
    if (!m) return r;
    if (m->column < static_cast<int>(back) || m->input_pos < back) back = 0;  // never before the line's start
    r.offset = m->input_pos - back;
    r.line = static_cast<std::uint32_t>(std::max(m->line, 0) + 1);
    r.column = static_cast<std::uint32_t>(m->column - static_cast<int>(back) + 1);
    return r;
}

// A node written `&name !tag value` starts at its anchor or tag, whichever comes first.
YamlReader::Mark YamlReader::earliest(Mark at, fy_token* anchor, fy_token* tag) const {
    if (anchor) {
        Mark a = mark_of(fy_token_start_mark(anchor), 1);
        if (a.offset < at.offset) at = a;
    }
    if (tag) {
        Mark t = mark_of(fy_token_start_mark(tag));
        if (t.offset < at.offset) at = t;
    }
    return at;
}

// libfyaml marks a block scalar's first content line; the node starts at its `|` or `>`, found
// between the previous event's end and the content (skipping `:`, `-`, `?` and comments).
YamlReader::Mark YamlReader::block_indicator(const Mark& content) const {
    Mark m = last_end_;
    while (m.offset < content.offset && m.offset < text_.size()) {
        char c = text_[m.offset];
        if (c == '|' || c == '>') return m;
        if (c == '#')
            while (m.offset + 1 < content.offset && text_[m.offset + 1] != '\n') ++m.offset, ++m.column;
        if (c == '\n') ++m.line, m.column = 1;
        else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++m.column;
        ++m.offset;
    }
    return content;
}

// ---------------------------------------------------------------- events
bool YamlReader::read(fy_parser* parser) {
    for (;;) {
        EventPtr e(fy_parser_parse(parser), EventFree{parser});
        if (!e) return !fy_parser_get_stream_error(parser);
        if (!handle(e.get())) return true;
        if (const fy_mark* end = fy_event_end_mark(e.get())) last_end_ = mark_of(end);
    }
}

// False when reading stops early (a second document).
bool YamlReader::handle(fy_event* e) {
    switch (e->type) {
        case FYET_DOCUMENT_START:
            if (++documents_ == 2) {
                b_.error(pos(mark_of(fy_event_start_mark(e))), "syntax-error", "more than one YAML document (`---`) in one file",
                         "keep one document per file; split configurations with `include:`");
                return false;
            }
            return true;
        case FYET_SCALAR: scalar(e->scalar); return true;
        case FYET_ALIAS: alias(e); return true;
        case FYET_MAPPING_START:
            open(Node::Kind::mapping, e, e->mapping_start.anchor, e->mapping_start.tag);
            return true;
        case FYET_SEQUENCE_START:
            open(Node::Kind::sequence, e, e->sequence_start.anchor, e->sequence_start.tag);
            return true;
        case FYET_MAPPING_END:
        case FYET_SEQUENCE_END: close(); return true;
        default: return true;
    }
}

void YamlReader::scalar(const fy_event_scalar_data& s) {
    std::string_view value = token_text(s.value);
    const fy_scalar_style style = s.value ? fy_token_scalar_style(s.value) : FYSS_PLAIN;
    // libfyaml 0.7 reads an empty block scalar at the end of its input (`a: |` last) as one NUL
    // byte. A block scalar cannot spell a NUL, and the text has none (sanitize_utf8): it is empty.
    if ((style == FYSS_LITERAL || style == FYSS_FOLDED) && value == std::string_view("\0", 1)) value = {};
    Mark at = last_end_;  // an empty value (`key:`) has no token mark of its own
    if (const fy_mark* m = s.value ? fy_token_start_mark(s.value) : nullptr) {
        at = mark_of(m, style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED ? 1 : 0);
        if (style == FYSS_LITERAL || style == FYSS_FOLDED) at = block_indicator(at);
    }
    Node n;
    n.pos = pos(earliest(at, s.anchor, s.tag));
    // Escapes in double quotes can spell bytes that are not UTF-8 (a lone surrogate): kept readable.
    if (style == FYSS_DOUBLE_QUOTED && !valid_utf8(value))
        n.text = latin1_repair(std::string(value));
    else
        n.text = value;
    bool bv = false;
    // Any tag (`!!str`, `!`, `!custom`) and any quoting make the value text, as yaml-cpp read it.
    if (s.tag || style != FYSS_PLAIN) {
        n.kind = Node::Kind::string;
    } else if (is_yaml_null(value)) {
        n.kind = Node::Kind::null;
        n.text.clear();
    } else if (is_yaml_bool(value, bv)) {
        n.kind = Node::Kind::boolean;
        n.text = bv ? "true" : "false";
    } else if (is_yaml_int(value)) {
        n.kind = Node::Kind::integer;
        octal_looking(n);
    } else if (is_yaml_float(value)) {
        n.kind = Node::Kind::real;
    } else {
        n.kind = Node::Kind::string;
    }
    if (s.anchor) remember(token_text(s.anchor), n);
    b_.attach(std::move(n));
}

void YamlReader::alias(fy_event* e) {
    used_aliases_ = true;
    Mark at = mark_of(fy_event_start_mark(e), 1);
    auto it = anchors_.find(std::string(token_text(e->alias.anchor)));
    Node n;
    n.pos = pos(at);
    if (it == anchors_.end()) {
        b_.error(n.pos, "syntax-error", "alias to an unknown anchor",
                 "define the anchor (`&name`) before the alias (`*name`) that repeats it");
        b_.attach(std::move(n));
        return;
    }
    alias_nodes_ += count_nodes(it->second);
    if (alias_nodes_ > kMaxAliasNodes) {
        if (!alias_bomb_) b_.error(n.pos, "syntax-error", "aliases expand to more than a million nodes",
                                   "write the repeated part out, or split the configuration with `include:`");
        alias_bomb_ = true;
        b_.attach(std::move(n));
        return;
    }
    Node copy = it->second;
    b_.attach(std::move(copy));
}

void YamlReader::open(Node::Kind k, fy_event* e, fy_token* anchor, fy_token* tag) {
    if (frames_.empty()) block_mapping_root_ = k == Node::Kind::mapping && fy_event_get_node_style(e) == FYNS_BLOCK;
    Mark at = earliest(mark_of(fy_event_start_mark(e)), anchor, tag);
    bool ok = b_.begin(k, pos(at));
    frames_.push_back({ok, anchor ? std::string(token_text(anchor)) : std::string()});
}

void YamlReader::close() {
    OpenFrame f = std::move(frames_.back());
    frames_.pop_back();
    if (!f.opened) {
        b_.end_skipped();
        return;
    }
    Node n = b_.end();
    if (!f.anchor.empty()) remember(f.anchor, n);
    b_.attach(std::move(n));
}

void YamlReader::remember(std::string_view anchor, const Node& n) { anchors_[std::string(anchor)] = n; }

// YAML 1.1 reads 010 as octal 8, YAML 1.2 as 10, and 0o7 exists only in 1.2: said, never guessed.
// The value becomes the YAML 1.2 reading, in decimal, so later checks see one number (0x1F too).
void YamlReader::octal_looking(Node& n) {
    const std::string t = n.text.str();
    auto strip_zeros = [](std::string d) {
        auto nz = d.find_first_not_of('0');
        return nz == std::string::npos ? std::string("0") : d.substr(nz);
    };
    if (t.size() > 2 && t[0] == '0' && t[1] == 'x') {  // hexadecimal reads the same in YAML 1.1 and 1.2
        std::string digits = strip_zeros(t.substr(2));
        if (digits.size() <= 16) n.text = std::to_string(std::stoull(digits, nullptr, 16));
        return;
    }
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

// libfyaml's first collected error, at its line and column (both 1-based, columns in code points).
void YamlReader::report_syntax_error(fy_diag* diag) {
    // A nesting error already said what is wrong; a second, consequential one is not added.
    if (b_.too_deep()) return;
    void* iter = nullptr;
    while (fy_diag_error* err = diag ? fy_diag_errors_iterate(diag, &iter) : nullptr) {
        if (err->type != FYET_ERROR) continue;
        SourcePos p{file_, lines_before_ + static_cast<std::uint32_t>(std::max(err->line, 1)),
                    static_cast<std::uint32_t>(std::max(err->column, 1))};
        std::string msg = latin1_repair(err->msg ? err->msg : "");
        b_.error(p, "syntax-error", "YAML syntax error: " + msg, syntax_hint(msg));
        return;
    }
    b_.error(pos(last_end_), "syntax-error", "YAML syntax error", kSyntaxHint);
}

}  // namespace

YamlPartRead read_yaml_part(std::string_view text, std::uint32_t first_line, std::uint32_t file_index,
                            const std::string& file_name, Node& root, std::vector<Diagnostic>& out, const LoadLimits& limits) {
    TreeBuilder b(root, out, file_name, limits);
    YamlReader reader(b, text, file_index, first_line);
    auto diag = make_quiet_diag();
    fy_parse_cfg cfg{};
    // Sloppy flow indentation: a `[` list continued at the key's column (`x: [1,\n2]`) loads, as it
    // did with yaml-cpp and does in most YAML tools, though YAML 1.2 wants it indented.
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_SLOPPY_FLOW_INDENTATION);
    cfg.diag = diag.get();
    std::unique_ptr<fy_parser, ParserFree> parser(fy_parser_create(&cfg));
    if (!diag || !parser || fy_parser_set_string(parser.get(), text.data(), text.size()) != 0) {
        b.error(SourcePos{file_index, first_line, 1}, "syntax-error", "YAML could not be read: the parser could not start (out of memory?)");
        return {};
    }
    if (!reader.read(parser.get())) {
        reader.report_syntax_error(diag.get());
        return reader.result(false);
    }
    if (!b.has_root())
        b.error(SourcePos{file_index, first_line, 1}, "wrong-type", "the document is empty",
                "start from an example in examples/ (a configuration needs at least `version: 1`)");
    return reader.result(b.has_root());
}

}  // namespace e911::detail
