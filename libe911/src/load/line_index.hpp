// Byte offset -> line:column for a reader that reports positions in increasing order. Each lookup
// continues from the previous one, so a whole document costs one pass over its bytes, however long
// its lines (minified JSON is one line of many megabytes). Columns count code points, not bytes.
#pragma once
#include <cstring>
#include <string_view>

#include "e911/diagnostic.hpp"

namespace e911::detail {

class LineIndex {
public:
    LineIndex(std::string_view text, std::uint32_t file) : text_(text), file_(file) {}

    SourcePos at(std::size_t offset) {
        if (offset > text_.size()) offset = text_.size();
        if (offset < offset_) offset_ = 0, line_ = 1, column_ = 1;  // an error found behind: start again
        const char* p = text_.data() + offset_;
        const char* end = text_.data() + offset;
        while (const void* nl = p < end ? std::memchr(p, '\n', static_cast<std::size_t>(end - p)) : nullptr) {
            ++line_;
            column_ = 1;
            p = static_cast<const char*>(nl) + 1;
        }
        column_ += code_points(p, end);
        offset_ = offset;
        return SourcePos{file_, line_, column_};
    }

private:
    // Every byte that is not a UTF-8 continuation byte starts a code point (the text is valid UTF-8).
    static std::uint32_t code_points(const char* p, const char* end) {
        std::uint32_t n = 0;
        for (; p < end; ++p) n += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
        return n;
    }
    std::string_view text_;
    std::uint32_t file_;
    std::size_t offset_ = 0;
    std::uint32_t line_ = 1, column_ = 1;
};

}  // namespace e911::detail
