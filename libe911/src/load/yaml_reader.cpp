// The YAML reader: yaml-cpp's event API driving the TreeBuilder, so every node and key keeps its mark.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>

#include "load/document.hpp"
#include "load/tree_builder.hpp"
#include "util/encoding.hpp"

namespace e911::detail {

namespace {

constexpr std::size_t kMaxAliasNodes = limits::max_alias_nodes;  // guards against "billion laughs" alias bombs

std::size_t count_nodes(const Node& n) {
    std::size_t c = 1;
    for (const auto& i : n.items) c += count_nodes(i);
    return c;
}


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

}  // namespace e911::detail
