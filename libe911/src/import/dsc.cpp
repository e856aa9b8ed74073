// The subset of PowerShell that Microsoft365DSC writes in an exported configuration:
//   ResourceName "InstanceName" { Key = value; ... }
// with values "text", 'text', $True/$False/$null, numbers, @(a, b) arrays and MSFT_Type{...} nested
// instances. Anything else ($ConfigurationData..., credentials, expressions) is read as null.
#include <cctype>
#include <regex>

#include "import/importer.hpp"

namespace e911::detail::imp {

bool looks_like_dsc(const std::string& t) {
    return t.find("Import-DscResource") != std::string::npos ||
           (t.find("Configuration ") != std::string::npos && t.find("Node ") != std::string::npos);
}

namespace {

class Parser {
public:
    Parser(const std::string& t, std::uint32_t file) : t_(t), file_(file) {}

    SourcePos pos_at(std::size_t i) {
        while (scan_ < i && scan_ < t_.size()) {
            if (t_[scan_] == '\n') ++line_, line_start_ = scan_ + 1;
            ++scan_;
        }
        return SourcePos{file_, line_, static_cast<std::uint32_t>(i - line_start_ + 1)};
    }
    void skip_space(bool newlines) {
        while (i_ < t_.size()) {
            char ch = t_[i_];
            if (ch == '#') {
                while (i_ < t_.size() && t_[i_] != '\n') ++i_;
                continue;
            }
            if (ch == '<' && t_.compare(i_, 2, "<#") == 0) {
                auto e = t_.find("#>", i_);
                i_ = e == std::string::npos ? t_.size() : e + 2;
                continue;
            }
            if (ch == ' ' || ch == '\t' || ch == '\r' || (newlines && (ch == '\n' || ch == ';'))) {
                ++i_;
                continue;
            }
            if (ch == '`' && i_ + 1 < t_.size() && (t_[i_ + 1] == '\n' || t_[i_ + 1] == '\r')) {
                i_ += 2;
                continue;
            }
            break;
        }
    }
    std::string word() {
        std::size_t s = i_;
        while (i_ < t_.size() &&
               (std::isalnum(static_cast<unsigned char>(t_[i_])) || t_[i_] == '_' || t_[i_] == '-' || t_[i_] == '.'))
            ++i_;
        return t_.substr(s, i_ - s);
    }
    bool quoted(std::string& out) {
        char q = t_[i_];
        ++i_;
        while (i_ < t_.size()) {
            char ch = t_[i_];
            if (ch == q && i_ + 1 < t_.size() && t_[i_ + 1] == q) {
                out += q, i_ += 2;
                continue;
            }
            if (ch == q) {
                ++i_;
                return true;
            }
            if (q == '"' && ch == '`' && i_ + 1 < t_.size()) {
                out += t_[i_ + 1], i_ += 2;
                continue;
            }
            out += ch, ++i_;
        }
        return false;
    }
    // Body of `{ Key = value ... }`, starting after '{'.
    bool body(Node& m, int depth) {
        m.kind = Node::Kind::mapping;
        while (true) {
            skip_space(true);
            if (i_ >= t_.size()) return err("a `{` block is not closed");
            if (t_[i_] == '}') {
                ++i_;
                return true;
            }
            SourcePos kp = pos_at(i_);
            std::string key = word();
            if (key.empty()) return err("expected a property name at line " + std::to_string(kp.line));
            skip_space(false);
            if (i_ >= t_.size() || t_[i_] != '=')
                return err("expected `=` after `" + key + "` at line " + std::to_string(kp.line));
            ++i_;
            Node v;
            if (!value(v, depth)) return false;
            m.add(std::move(key), kp, std::move(v));
        }
    }
    bool value(Node& v, int depth) {
        if (depth > 50) return err("nesting too deep");
        skip_space(false);
        if (i_ >= t_.size()) return err("a value is missing at the end of the file");
        v.pos = pos_at(i_);
        char ch = t_[i_];
        if (ch == '"' || ch == '\'') {
            v.kind = Node::Kind::string;
            std::string text;
            if (!quoted(text)) return err("a string is not closed");
            v.text = text;
            return true;
        }
        if (ch == '@' && i_ + 1 < t_.size() && t_[i_ + 1] == '(') {
            i_ += 2;
            v.kind = Node::Kind::sequence;
            while (true) {
                skip_space(true);
                if (i_ < t_.size() && t_[i_] == ',') {
                    ++i_;
                    continue;
                }
                if (i_ >= t_.size()) return err("an @( array is not closed");
                if (t_[i_] == ')') {
                    ++i_;
                    return true;
                }
                Node item;
                if (!value(item, depth + 1)) return false;
                v.items.push_back(std::move(item));
            }
        }
        if (ch == '$') {
            ++i_;
            std::string w = word();
            std::string l = lower_ascii(w);
            if (l == "true" || l == "false")
                v.kind = Node::Kind::boolean, v.text = l;
            else
                v.kind = Node::Kind::null;  // $null, $ConfigurationData..., $Credential: not ours
            return true;
        }
        if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '-') {
            std::size_t s = i_;
            ++i_;
            while (i_ < t_.size() && (std::isdigit(static_cast<unsigned char>(t_[i_])) || t_[i_] == '.')) ++i_;
            v.text = t_.substr(s, i_ - s);
            v.kind = v.text.find('.') == std::string::npos ? Node::Kind::integer : Node::Kind::real;
            return true;
        }
        std::string w = word();
        std::size_t after = i_;
        skip_space(true);  // MSFT_Type{ ... }, the brace possibly on the next line
        if (!w.empty() && i_ < t_.size() && t_[i_] == '{') {
            ++i_;
            return body(v, depth + 1);
        }
        i_ = after;
        // Anything else (an expression, a cmdlet call): skip to the end of the line.
        while (i_ < t_.size() && t_[i_] != '\n' && t_[i_] != ';') ++i_;
        v.kind = Node::Kind::null;
        return true;
    }
    bool err(const std::string& m) {
        error_ = m;
        return false;
    }

    const std::string& t_;
    std::uint32_t file_;
    std::size_t i_ = 0, scan_ = 0, line_start_ = 0;
    std::uint32_t line_ = 1;
    std::string error_;
};

}  // namespace

bool parse_dsc(const std::string& t, std::uint32_t file, std::vector<DscBlock>& blocks, std::string& error) {
    // A resource block starts a line: Name "Instance" {   (Configuration and Node blocks are walked into.)
    static const std::regex start(
        R"((?:^|\n)[ \t]*([A-Za-z][A-Za-z0-9_]*)[ \t]+(?:"[^"\r\n]*"|'[^'\r\n]*'|[A-Za-z0-9_.-]+)[ \t\r\n]*\{)");
    Parser p(t, file);
    auto it = std::sregex_iterator(t.begin(), t.end(), start, std::regex_constants::match_default);
    std::size_t resume = 0;
    for (; it != std::sregex_iterator(); ++it) {
        auto at = static_cast<std::size_t>(it->position(0));
        if (at < resume) continue;
        std::string name = (*it)[1];
        std::string lower = lower_ascii(name);
        if (lower == "configuration" || lower == "node") continue;
        p.i_ = at + static_cast<std::size_t>(it->length(0));
        DscBlock b;
        b.resource = name;
        b.body.pos = p.pos_at(at + static_cast<std::size_t>(it->position(1) - it->position(0)));
        if (!p.body(b.body, 0)) {
            error = p.error_;
            return false;
        }
        resume = p.i_;
        blocks.push_back(std::move(b));
    }
    return true;
}

}  // namespace e911::detail::imp
