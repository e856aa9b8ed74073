// What is wrong with a JSON text the fast reader rejected, said the way a person fixes it: where the
// first error is and what was expected there. Only runs on text already known to be broken.
#pragma once
#include <cstddef>
#include <string>

namespace e911::detail {

struct JsonSyntaxError {
    std::size_t offset = 0;  // byte offset of the error in the text
    std::string message;     // empty when the text is valid JSON
};

JsonSyntaxError describe_json_syntax_error(const std::string& text);

}  // namespace e911::detail
