// Text written by Windows tools: a UTF-8 byte order mark, or UTF-16 (little or big endian) with one.
#pragma once
#include <string>

namespace e911::detail {

enum class Encoding { utf8, utf8_bom, utf16le, utf16be };

// What the byte order mark at the start of `bytes` says (utf8 when there is none).
Encoding detect_bom(const std::string& bytes);
// `bytes` as UTF-8 without a byte order mark: UTF-16 is transcoded (ICU; an unpaired surrogate becomes
// U+FFFD), a UTF-8 mark is dropped, anything else is returned as it is (the UTF-8 check reports it).
std::string to_utf8(const std::string& bytes);

}  // namespace e911::detail
