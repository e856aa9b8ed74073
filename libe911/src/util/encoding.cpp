#include "util/encoding.hpp"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace e911::detail {
namespace {

void put_utf8(std::uint32_t c, std::string& out) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) out += static_cast<char>(0xC0 | (c >> 6)), out += static_cast<char>(0x80 | (c & 0x3F));
    else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Which encoding the first bytes announce, and how many bytes the BOM takes.
TextEncoding sniff(const std::string& head, std::size_t& bom) {
    auto b = [&](std::size_t i) { return i < head.size() ? static_cast<unsigned char>(head[i]) : 0x100u; };
    bom = 0;
    if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return bom = 3, TextEncoding::utf8_bom;
    if (b(0) == 0xFF && b(1) == 0xFE) return bom = 2, TextEncoding::utf16le;
    if (b(0) == 0xFE && b(1) == 0xFF) return bom = 2, TextEncoding::utf16be;
    // No BOM: ASCII text in UTF-16 has a zero in every other byte ("v\0e\0r\0").
    if (head.size() >= 4 && b(0) != 0 && b(1) == 0 && b(2) != 0 && b(3) == 0) return TextEncoding::utf16le_no_bom;
    if (head.size() >= 4 && b(0) == 0 && b(1) != 0 && b(2) == 0 && b(3) != 0) return TextEncoding::utf16be_no_bom;
    return TextEncoding::utf8;
}

}  // namespace

const char* describe(TextEncoding e) {
    switch (e) {
        case TextEncoding::utf8: return "UTF-8";
        case TextEncoding::utf8_bom: return "UTF-8 with a byte-order mark";
        case TextEncoding::utf16le: return "UTF-16LE (with a byte-order mark)";
        case TextEncoding::utf16be: return "UTF-16BE (with a byte-order mark)";
        case TextEncoding::utf16le_no_bom: return "UTF-16LE without a byte-order mark";
        case TextEncoding::utf16be_no_bom: return "UTF-16BE without a byte-order mark";
    }
    return "?";
}

bool is_utf16(TextEncoding e) { return e != TextEncoding::utf8 && e != TextEncoding::utf8_bom; }

void Utf16Decoder::feed(const char* data, std::size_t n, std::string& out) {
    for (std::size_t i = 0; i < n; ++i) {
        auto byte = static_cast<unsigned char>(data[i]);
        if (odd < 0) {
            odd = byte;
            continue;
        }
        std::uint32_t unit = little_endian ? (static_cast<std::uint32_t>(byte) << 8 | static_cast<std::uint32_t>(odd))
                                           : (static_cast<std::uint32_t>(odd) << 8 | byte);
        odd = -1;
        if (high) {
            if (unit >= 0xDC00 && unit <= 0xDFFF) {
                put_utf8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), out);
                high = 0;
                continue;
            }
            put_utf8(0xFFFD, out);
            high = 0;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) high = unit;
        else if (unit >= 0xDC00 && unit <= 0xDFFF) put_utf8(0xFFFD, out);
        else put_utf8(unit, out);
    }
}

void Utf16Decoder::finish(std::string& out) {
    if (high || odd >= 0) put_utf8(0xFFFD, out);
    high = 0, odd = -1;
}

TextEncoding decode_to_utf8(std::string& text) {
    std::size_t bom = 0;
    TextEncoding e = sniff(text.substr(0, 4), bom);
    if (e == TextEncoding::utf8) return e;
    if (e == TextEncoding::utf8_bom) {
        text.erase(0, 3);
        return e;
    }
    Utf16Decoder d;
    d.little_endian = e == TextEncoding::utf16le || e == TextEncoding::utf16le_no_bom;
    std::string out;
    out.reserve(text.size() / 2);
    d.feed(text.data() + bom, text.size() - bom, out);
    d.finish(out);
    text.swap(out);
    return e;
}

bool valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    auto n = static_cast<std::int32_t>(std::min<std::size_t>(s.size(), INT32_MAX));
    std::int32_t i = 0;
    // ASCII, the usual text, 8 bytes at a time; the first word with a high bit goes to ICU from its start.
    for (std::uint64_t w; i + 8 <= n; i += 8) {
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL) break;
    }
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) return false;
    }
    return s.size() <= INT32_MAX;
}

namespace {
std::string repair(const std::string& s, bool latin1) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    auto n = static_cast<std::int32_t>(std::min<std::size_t>(s.size(), INT32_MAX));
    std::string out;
    out.reserve(s.size() + 8);
    for (std::int32_t i = 0; i < n;) {
        std::int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c >= 0) {
            out.append(s, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
            continue;
        }
        if (!latin1) {
            put_utf8(0xFFFD, out);
            continue;
        }
        for (std::int32_t k = start; k < i; ++k) put_utf8(p[k], out);  // each byte as its Latin-1 character
    }
    return out;
}
}  // namespace

std::string latin1_repair(const std::string& s) { return valid_utf8(s) ? s : repair(s, true); }
std::string printable_utf8(const std::string& s) { return valid_utf8(s) ? s : repair(s, false); }

DecodingStreambuf::DecodingStreambuf(std::streambuf* source) : source_(source), raw_(65536) {
    // Sniff the first bytes; what is not a BOM is handed on as text.
    while (prefix_.size() < 4) {
        int_type c = source_->sbumpc();
        if (traits_type::eq_int_type(c, traits_type::eof())) break;
        prefix_ += traits_type::to_char_type(c);
    }
    std::size_t bom = 0;
    encoding_ = sniff(prefix_, bom);
    prefix_.erase(0, bom);
    utf16_.little_endian = encoding_ == TextEncoding::utf16le || encoding_ == TextEncoding::utf16le_no_bom;
    setg(nullptr, nullptr, nullptr);
}

DecodingStreambuf::int_type DecodingStreambuf::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    out_.clear();
    while (out_.empty() && !done_) {
        std::size_t got = 0;
        if (!prefix_.empty()) {
            got = prefix_.size();
            std::copy(prefix_.begin(), prefix_.end(), raw_.begin());
            prefix_.clear();
        } else {
            got = static_cast<std::size_t>(source_->sgetn(raw_.data(), static_cast<std::streamsize>(raw_.size())));
        }
        if (got == 0) {
            done_ = true;
            if (is_utf16(encoding_)) utf16_.finish(out_);
            break;
        }
        if (is_utf16(encoding_)) utf16_.feed(raw_.data(), got, out_);
        else out_.append(raw_.data(), got);
    }
    if (out_.empty()) return traits_type::eof();
    setg(out_.data(), out_.data(), out_.data() + out_.size());
    return traits_type::to_int_type(*gptr());
}

}  // namespace e911::detail
