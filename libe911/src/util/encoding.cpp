// Byte order marks and UTF-16 input, converted with ICU so line and column numbers count characters of
// the UTF-8 text the readers see.
#include "util/encoding.hpp"

#include <unicode/unistr.h>

namespace e911::detail {

Encoding detect_bom(const std::string& b) {
    if (b.rfind("\xEF\xBB\xBF", 0) == 0) return Encoding::utf8_bom;
    if (b.rfind("\xFF\xFE", 0) == 0) return Encoding::utf16le;
    if (b.rfind("\xFE\xFF", 0) == 0) return Encoding::utf16be;
    return Encoding::utf8;
}

std::string to_utf8(const std::string& bytes) {
    Encoding e = detect_bom(bytes);
    if (e == Encoding::utf8) return bytes;
    if (e == Encoding::utf8_bom) return bytes.substr(3);
    std::u16string units;
    units.reserve(bytes.size() / 2);
    for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
        auto lo = static_cast<unsigned char>(bytes[e == Encoding::utf16le ? i : i + 1]);
        auto hi = static_cast<unsigned char>(bytes[e == Encoding::utf16le ? i + 1 : i]);
        units.push_back(static_cast<char16_t>(hi << 8 | lo));
    }
    if (bytes.size() % 2) units.push_back(u'\uFFFD');  // a dangling last byte
    std::string out;
    icu::UnicodeString(units.data(), static_cast<int32_t>(units.size())).toUTF8String(out);
    return out;
}

}  // namespace e911::detail
