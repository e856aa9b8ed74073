#pragma once
#include <string>
#include <string_view>
namespace e911::detail {
// Escapes text for XML element content and attribute values, appending it to `out`.
inline void append_xml_escaped(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') out += ' ';
                else out += c;
        }
    }
}
inline std::string xml_escape(const std::string& s) {
    std::string r;
    r.reserve(s.size());
    append_xml_escaped(r, s);
    return r;
}
}  // namespace e911::detail
