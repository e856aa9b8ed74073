// nlohmann's parser finds the first error and names the token it expected ("unexpected ','; expected
// string literal"), which simdjson's error codes do not. Its SAX interface keeps nothing, and its
// parser holds nesting on a heap stack, so any depth is safe.
#include "load/json_syntax_error.hpp"

#include <nlohmann/json.hpp>

namespace e911::detail {

namespace {

class FirstError {
public:
    using json = nlohmann::json;
    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(json::number_integer_t) { return true; }
    bool number_unsigned(json::number_unsigned_t) { return true; }
    bool number_float(json::number_float_t, const json::string_t&) { return true; }
    bool string(json::string_t&) { return true; }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(json::string_t&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) {
        std::string what = ex.what();
        auto colon = what.rfind(": ");
        std::string msg = colon == std::string::npos ? what : what.substr(colon + 2);
        found.offset = position > 0 ? position - 1 : 0;
        found.message = "JSON syntax error: " + msg + (last_token.empty() ? "" : " (near `" + last_token.substr(0, 40) + "`)");
        return false;
    }
    JsonSyntaxError found;
};

}  // namespace

JsonSyntaxError describe_json_syntax_error(const std::string& text) {
    FirstError sax;
    try {
        nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &sax, nlohmann::json::input_format_t::json, true, false);
    } catch (const std::exception& e) {
        sax.found.message = std::string("JSON could not be read: ") + e.what();
    }
    return sax.found;
}

}  // namespace e911::detail
