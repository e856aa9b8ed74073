// CompactString holds the tree's keys and scalars in 16 bytes: inline up to 15, on the heap above.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "util/compact_string.hpp"

using e911::detail::CompactString;

TEST_CASE("compact string: every length across the inline limit reads back as written") {
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + i % 26);
        CompactString c = s;
        CAPTURE(n);
        CHECK(c.size() == n);
        CHECK(c.empty() == (n == 0));
        CHECK(c == s);
        CHECK(std::string(c.c_str()) == s);  // NUL-terminated inline and on the heap
        CompactString copy = c;
        CHECK(copy == c);
        CompactString moved = std::move(copy);
        CHECK(moved == s);
        CHECK(copy.empty());  // NOLINT: a moved-from string is empty, as the tree relies on
        copy = moved;
        CHECK(copy == s);
    }
}

TEST_CASE("compact string: embedded NUL bytes and self-assignment keep the value") {
    const std::string with_nul("ab\0cd", 5);
    CompactString c = with_nul;
    CHECK(c.size() == 5);
    CHECK(c.str() == with_nul);
    std::string long_text(100, 'x');
    CompactString h = long_text;
    h = h;  // NOLINT: self-assignment
    CHECK(h == long_text);
    h.assign(std::string_view(h).substr(10));  // a view into its own heap block
    CHECK(h == std::string(90, 'x'));
    h = std::string_view(h).substr(80);  // from the heap to inline
    CHECK(h == std::string(10, 'x'));
    h.clear();
    CHECK(h.empty());
}

TEST_CASE("compact string: reads as a string in comparisons, concatenation and search") {
    CompactString key = "subnet";
    CHECK(key == "subnet");
    CHECK("subnet" == key);
    CHECK(key != "site");
    CHECK(key == std::string("subnet"));
    CHECK("`" + key + "`" == "`subnet`");
    CHECK(key.find('n') == 3);
    CHECK(key.substr(3) == "net");
    key += "s";
    CHECK(key == "subnets");
    std::vector<CompactString> v(3, CompactString(std::string(20, 'y')));
    v.emplace_back("short");
    v.resize(100);  // moves on reallocation
    CHECK(v[0] == std::string(20, 'y'));
    CHECK(v[3] == "short");
    CHECK(CompactString("a") < CompactString("b"));
}
