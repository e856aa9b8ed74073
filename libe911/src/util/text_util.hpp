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
std::string upper_ascii(std::string s);
// One CSV field (RFC 4180): quoted when it holds a comma, quote or newline.
std::string csv_cell(const std::string& s);
std::string today_utc();  // YYYY-MM-DD

}  // namespace e911::detail
