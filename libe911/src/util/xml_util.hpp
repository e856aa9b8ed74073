#pragma once
#include <string>
namespace e911::detail {
// Escapes text for XML element content and attribute values.
inline std::string xml_escape(const std::string& s) {
    std::string r;
    r.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': r += "&amp;"; break;
            case '<': r += "&lt;"; break;
            case '>': r += "&gt;"; break;
            case '"': r += "&quot;"; break;
            case '\'': r += "&apos;"; break;
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') r += ' ';
                else r += c;
        }
    }
    return r;
}
}  // namespace e911::detail
