// The positioned Node tree's own functions and the UTF-8 check every reader runs first. The readers
// (yaml_reader.cpp, json_reader.cpp) are event readers feeding tree_builder.hpp: they give positions
// for every key and scale to million-object configurations without a second in-memory copy.
#include "load/document.hpp"

#include <utility>

#include <simdjson.h>
#include <unicode/utf8.h>

#include <algorithm>

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

bool same_tree(const Node& a, const Node& b) {
    auto same_pos = [](const SourcePos& x, const SourcePos& y) { return x.file == y.file && x.line == y.line && x.column == y.column; };
    if (a.kind != b.kind || !same_pos(a.pos, b.pos) || !same_pos(a.key_pos, b.key_pos) || a.text != b.text || a.key != b.key ||
        a.items.size() != b.items.size())
        return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!same_tree(a.items[i], b.items[i])) return false;
    return true;
}

const Node* Node::get(std::string_view name) const {
    if (kind != Kind::mapping) return nullptr;
    for (const Node& value : items)
        if (value.key == name) return &value;
    return nullptr;
}

Node* Node::get(std::string_view name) { return const_cast<Node*>(std::as_const(*this).get(name)); }

Node& Node::add(std::string_view name, const SourcePos& at, Node value) {
    value.key = name;
    value.key_pos = at;
    items.push_back(std::move(value));
    return items.back();
}

std::string sanitize_utf8(std::string text, const std::string& file_name, std::vector<Diagnostic>& out) {
    // Nearly every file is clean: checked at memory speed, and walked code point by code point
    // (for the positions of what is wrong) only when it is not. A clean text keeps (or gets) room
    // for simdjson's padding, so the JSON reader reads it in place.
    if (text.find('\0') == std::string::npos && simdjson::validate_utf8(text.data(), text.size())) {
        text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
        return text;
    }
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