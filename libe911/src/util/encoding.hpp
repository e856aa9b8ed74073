// Text as Windows tools write it: a UTF-8 byte-order mark, UTF-16 (LE/BE) with a byte-order mark,
// CRLF line ends. Everything past this point sees UTF-8 without a BOM.
#pragma once
#include <array>
#include <cstdint>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace e911::detail {

enum class TextEncoding { utf8, utf8_bom, utf16le, utf16be, utf16le_no_bom, utf16be_no_bom };
const char* describe(TextEncoding e);  // "UTF-16LE (with a byte-order mark)", ...
bool is_utf16(TextEncoding e);

// Detects the encoding from the first bytes (a BOM, or UTF-16 text without one: every other byte
// of the first ASCII characters zero) and returns the text as UTF-8 without a BOM.
TextEncoding decode_to_utf8(std::string& text);
// The same, returning the text (for callers that only need the UTF-8).
inline std::string to_utf8(std::string text) {
    decode_to_utf8(text);
    return text;
}

// UTF-16 code units (bytes in the given order) to UTF-8; unpaired surrogates become U+FFFD.
// `pending` carries an odd byte or a high surrogate to the next chunk.
struct Utf16Decoder {
    bool little_endian = true;
    std::uint32_t high = 0;  // a high surrogate waiting for its pair
    int odd = -1;            // a byte waiting for its partner
    void feed(const char* data, std::size_t n, std::string& out);
    void finish(std::string& out);
};

// True when `s` is valid UTF-8.
bool valid_utf8(std::string_view s);
// Invalid bytes as the Latin-1 characters they would be (so no byte is lost and the result is
// valid UTF-8).
std::string latin1_repair(const std::string& s);
// Invalid UTF-8 replaced by U+FFFD, for echoing untrusted text in a message.
std::string printable_utf8(const std::string& s);

// A read-only stream buffer over another one that strips a UTF-8 BOM and decodes UTF-16 (with a
// BOM) to UTF-8 on the fly, so call logs of any size stream in constant memory.
class DecodingStreambuf : public std::streambuf {
public:
    explicit DecodingStreambuf(std::streambuf* source);
    TextEncoding encoding() const { return encoding_; }
    // The decoded bytes buffered now (empty at the end of the input), for readers that scan a whole
    // buffer at a time instead of a character per call; consume() takes what they used.
    std::string_view buffered() {
        if (sgetc() == traits_type::eof()) return {};
        return {gptr(), static_cast<std::size_t>(egptr() - gptr())};
    }
    void consume(std::size_t n) { gbump(static_cast<int>(n)); }
protected:
    int_type underflow() override;
private:
    std::streambuf* source_;
    TextEncoding encoding_ = TextEncoding::utf8;
    std::string prefix_;  // bytes read while sniffing that belong to the text
    Utf16Decoder utf16_;
    bool done_ = false;
    std::vector<char> raw_;
    std::string out_;
};

}  // namespace e911::detail
