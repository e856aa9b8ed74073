// The JSON reader: simdjson's On Demand parser walks the document once and feeds the TreeBuilder.
// Positions come from where each token sits in the input (LineIndex turns offsets into line:column).
// A document simdjson rejects is described by json_syntax_error.cpp, whose messages say more.
#include <simdjson.h>

#include <cstring>

#include "load/document.hpp"
#include "load/json_syntax_error.hpp"
#include "load/line_index.hpp"
#include "load/tree_builder.hpp"

namespace e911::detail {

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

// A number's text as written: the token up to the whitespace or structural character after it.
std::string_view number_text(std::string_view token) {
    auto in_number = [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'; };
    std::size_t n = 0;
    while (n < token.size() && in_number(token[n])) ++n;
    return token.substr(0, n);
}

bool is_integer_text(std::string_view t) { return t.find_first_of(".eE") == std::string_view::npos; }

class JsonWalk {
public:
    JsonWalk(TreeBuilder& b, LineIndex& lines, const char* base) : b_(b), lines_(lines), base_(base) {}

    // SUCCESS, a simdjson error, or DEPTH_ERROR when the TreeBuilder refused to go deeper.
    error_code value(od::value& v) {
        std::string_view token = v.raw_json_token();
        if (!token.empty()) at_ = token.data();
        od::json_type type{};
        if (auto e = v.type().get(type)) return e;
        switch (type) {
            case od::json_type::object: return mapping(v);
            case od::json_type::array: return sequence(v);
            case od::json_type::string: return string(v, token);
            case od::json_type::number: return number(v, token);
            case od::json_type::boolean: {
                bool yes = false;
                if (auto e = v.get_bool().get(yes)) return e;
                return scalar(Node::Kind::boolean, yes ? "true" : "false");
            }
            case od::json_type::null: {
                bool null = false;
                if (auto e = v.is_null().get(null)) return e;
                return null ? scalar(Node::Kind::null, {}) : simdjson::INCORRECT_TYPE;
            }
        }
        return simdjson::INCORRECT_TYPE;
    }
    // Where the walk last was: where a failure is reported when only simdjson saw one.
    std::size_t offset() const { return at_ > base_ ? static_cast<std::size_t>(at_ - base_) : 0; }

private:
    error_code mapping(od::value& v) {
        if (!b_.begin(Node::Kind::mapping, here())) return simdjson::DEPTH_ERROR;
        od::object object;
        if (auto e = v.get_object().get(object)) return e;
        for (auto item : object) {
            if (auto e = item.error()) return e;
            od::field field = std::move(item).value_unsafe();
            const char* raw = field.key().raw();  // just after the opening quote
            at_ = raw - 1;
            SourcePos key_pos = here();
            // Between the key and its value lie only `"`, blanks and `:`: the last quote closes the key.
            std::string_view key(raw, static_cast<std::size_t>(field.value().raw_json_token().data() - raw));
            std::size_t close = key.rfind('"');
            key = key.substr(0, close);
            if (close == std::string_view::npos || key.find('\\') != std::string_view::npos)
                if (auto e = field.unescaped_key().get(key)) return e;
            b_.key(key, key_pos);
            if (auto e = value(field.value())) return e;
        }
        b_.attach(b_.end());
        return simdjson::SUCCESS;
    }
    error_code sequence(od::value& v) {
        if (!b_.begin(Node::Kind::sequence, here())) return simdjson::DEPTH_ERROR;
        od::array array;
        if (auto e = v.get_array().get(array)) return e;
        for (auto item : array) {
            if (auto e = item.error()) return e;
            od::value element = std::move(item).value_unsafe();
            if (auto e = value(element)) return e;
        }
        b_.attach(b_.end());
        return simdjson::SUCCESS;
    }
    // A string without a backslash is its own text: simdjson's first pass has checked its bytes
    // (UTF-8, no raw control characters), so only strings with escapes are unescaped. The value is
    // consumed either way: simdjson skips an unread string followed by `:` as if it were a key.
    error_code string(od::value& v, std::string_view token) {
        std::size_t close = token.rfind('"');  // the token is the string and the blanks after it
        std::string_view s = close != std::string_view::npos && close > 0 ? token.substr(1, close - 1) : std::string_view("\\");
        if (s.find('\\') != std::string_view::npos) {
            if (auto e = v.get_string().get(s)) return e;
        } else {
            od::raw_json_string consumed;
            if (auto e = v.get_raw_json_string().get(consumed)) return e;
        }
        return scalar(Node::Kind::string, s);
    }
    // Integers keep their text even past 64 bits, so the decoder can say "outside 1..n" instead of
    // a rounded or wrapped number; simdjson still checks the number's syntax.
    error_code number(od::value& v, std::string_view token) {
        std::string_view text = number_text(token);
        double ignored = 0;
        if (auto e = v.get_double().get(ignored)) return e;
        return scalar(is_integer_text(text) ? Node::Kind::integer : Node::Kind::real, text);
    }
    error_code scalar(Node::Kind kind, std::string_view text) {
        Node n;
        n.kind = kind;
        n.pos = here();
        n.text.assign(text);
        b_.attach(std::move(n));
        return simdjson::SUCCESS;
    }
    SourcePos here() { return lines_.at(offset()); }

    TreeBuilder& b_;
    LineIndex& lines_;
    const char* base_;
    const char* at_ = nullptr;
};

struct Outcome {
    error_code error;
    std::size_t offset;  // where the walk was when it stopped
};

// Nothing may follow the document but whitespace.
error_code at_end(od::document& doc) {
    const char* end = nullptr;
    return doc.current_location().get(end) == simdjson::OUT_OF_BOUNDS ? simdjson::SUCCESS : simdjson::TRAILING_CONTENT;
}

// A mapping or list at the root, the usual case. SCALAR_DOCUMENT_AS_VALUE, before anything is
// built, when the document is one scalar.
// `start` is where the text begins (offsets count from there); `input` may begin after a BOM.
Outcome read_document(const char* start, simdjson::padded_string_view input, TreeBuilder& b, LineIndex& lines) {
    JsonWalk walk(b, lines, start);
    od::parser parser;
    od::document doc;
    od::value root;
    error_code e = parser.iterate(input).get(doc);
    if (!e) e = doc.get_value().get(root);
    if (!e) e = walk.value(root);
    if (!e) e = at_end(doc);
    return {e, walk.offset()};
}

// simdjson 3.0 reads a document that is one scalar loosely (it takes `nulll`, and refuses `null`
// before a newline) but any value inside a list strictly; "[" T "]" is a list of one item with
// nothing after it exactly when T is one JSON value.
Outcome read_as_list_item(const std::string& text, std::size_t bom, TreeBuilder& b, LineIndex& lines) {
    simdjson::padded_string wrapped(text.size() + 2);
    wrapped.data()[0] = '[';
    std::memcpy(wrapped.data() + 1, text.data(), text.size());
    std::memset(wrapped.data() + 1, ' ', bom);  // blanks of the same length keep every offset
    wrapped.data()[text.size() + 1] = ']';
    JsonWalk walk(b, lines, wrapped.data() + 1);
    od::parser parser;
    od::document doc;
    od::array list;
    error_code e = parser.iterate(wrapped).get(doc);
    if (!e) e = doc.get_array().get(list);
    std::size_t items = 0;
    if (!e) {
        for (auto item : list) {
            if ((e = item.error()) || ++items > 1) break;
            od::value v = std::move(item).value_unsafe();
            if ((e = walk.value(v))) break;
        }
    }
    if (!e) e = items == 1 ? at_end(doc) : simdjson::TRAILING_CONTENT;
    return {e, walk.offset()};
}

}  // namespace

// Read in place when the text leaves room for simdjson's padding after it (sanitize_utf8 leaves
// it), else from one padded copy. A UTF-8 BOM (a reader that did not strip it) is skipped, as
// JSON parsers may; it still counts as the first column.
bool parse_json(const std::string& text, std::uint32_t file_index, const std::string& file_name, Node& root,
                std::vector<Diagnostic>& out, const LoadLimits& limits) {
    TreeBuilder b(root, out, file_name, limits);
    LineIndex lines(text, file_index);
    const std::size_t bom = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    simdjson::padded_string copy;
    const char* start = text.data();
    std::size_t room = text.capacity() - text.size();
    if (room < simdjson::SIMDJSON_PADDING) {
        copy = simdjson::padded_string(text);
        start = copy.data();
        room = simdjson::SIMDJSON_PADDING;
    }
    simdjson::padded_string_view input(start + bom, text.size() - bom, text.size() - bom + room);
    Outcome r = read_document(start, input, b, lines);
    if (r.error == simdjson::SCALAR_DOCUMENT_AS_VALUE) r = read_as_list_item(text, bom, b, lines);
    if (r.error == simdjson::DEPTH_ERROR && b.too_deep()) return false;  // the TreeBuilder said so
    if (r.error) {
        JsonSyntaxError err = describe_json_syntax_error(text);
        if (err.message.empty())  // only simdjson minds: say what it said, where the walk was
            err = JsonSyntaxError{r.offset, std::string("JSON could not be read: ") + simdjson::error_message(r.error)};
        b.error(lines.at(err.offset), "syntax-error", err.message, "check for a missing comma, quote or bracket just before this point");
        return false;
    }
    return b.has_root();
}

}  // namespace e911::detail
