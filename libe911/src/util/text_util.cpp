#include "util/text_util.hpp"

#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <set>

namespace e911::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = lower_ascii(a[i - 1]) == lower_ascii(b[j - 1]) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    std::size_t checked = 0;
    for (const auto& c : candidates) {
        if (++checked > 20000) break;  // suggestions are a courtesy; never let them go quadratic
        if (c.size() > word.size() + best_d || word.size() > c.size() + best_d) continue;
        std::size_t dist = edit_distance(word, c);
        if (dist < best_d) best_d = dist, best = c;
    }
    return best;
}

bool is_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_e164(std::string_view s) {
    return s.size() >= 3 && s.size() <= 16 && s[0] == '+' && s[1] >= '1' && s[1] <= '9' && is_digits(s.substr(1));
}

bool is_iso_country(std::string_view s) {
    static const std::set<std::string> codes = [] {
        std::set<std::string> r;
        for (const char* const* p = uloc_getISOCountries(); *p; ++p) r.insert(*p);
        return r;
    }();
    return s.size() == 2 && codes.count(std::string(s)) > 0;
}

bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    if (!is_digits(s.substr(0, 4)) || !is_digits(s.substr(5, 2)) || !is_digits(s.substr(8, 2))) return false;
    int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))), d = std::stoi(std::string(s.substr(8, 2)));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    int max = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 1 : 0);
    return d <= max;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string r;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) r += sep;
        r += parts[i];
    }
    return r;
}

std::string upper_ascii(std::string s) {
    for (auto& c : s) c = upper_ascii(c);
    return s;
}
std::string lower_ascii(std::string s) {
    for (auto& c : s) c = lower_ascii(c);
    return s;
}

std::string csv_cell(const std::string& s) {
    if (!csv_needs_quotes(s)) return s;
    std::string r;
    append_csv_cell(r, s);
    return r;
}

void append_csv_cell(std::string& out, std::string_view s) {
    if (!csv_needs_quotes(s)) {
        out += s;
        return;
    }
    out += '"';
    append_csv_escaped(out, s);
    out += '"';
}

void append_csv_escaped(std::string& out, std::string_view s) {
    for (char c : s) c == '"' ? out += "\"\"" : out += c;
}

std::string today_utc() {
    // C++20 calendar rather than gmtime_r, which MSVC lacks.
    std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

}  // namespace e911::detail
