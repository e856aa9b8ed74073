// Small text helpers shared by the loader, lint and reporters.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace e911::detail {

std::size_t edit_distance(std::string_view a, std::string_view b);  // Damerau-Levenshtein (OSA)
// The closest candidate within a distance that still reads as a typo, or "".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
bool is_digits(std::string_view s);
bool is_e164(std::string_view s);
bool is_iso_country(std::string_view s);  // ISO 3166-1 alpha-2 (ICU's list)
bool is_date(std::string_view s);         // YYYY-MM-DD, a real calendar date
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// ASCII case folding, locale-free and inlined: the importer compares every PowerShell property
// name case-insensitively, and std::tolower is a call per character.
constexpr char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char upper_ascii(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
std::string lower_ascii(std::string s);
std::string upper_ascii(std::string s);
inline bool iequal_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
    return true;
}
// One CSV field (RFC 4180): quoted when it holds a comma, quote or newline.
std::string csv_cell(const std::string& s);
void append_csv_cell(std::string& out, std::string_view s);  // the same, appended
// `s` with each quote doubled, as inside a quoted field.
void append_csv_escaped(std::string& out, std::string_view s);
// Whether csv_cell() quotes `s`. A loop, not find_first_of(",\"\n"), which calls memchr once per
// character: every cell of a batch's CSV passes here.
inline bool csv_needs_quotes(std::string_view s) {
    for (char c : s)
        if (c == ',' || c == '"' || c == '\n') return true;
    return false;
}
std::string today_utc();  // YYYY-MM-DD

}  // namespace e911::detail
