// CompactString holds the tree's keys and scalars in 16 bytes: inline up to 15, on the heap above.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
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
    CHECK(std::string_view(key).substr(3) == "net");
    key = key + "s";
    CHECK(key == "subnets");
    std::vector<CompactString> v(3, CompactString(std::string(20, 'y')));
    v.emplace_back("short");
    v.resize(100);  // moves on reallocation
    CHECK(v[0] == std::string(20, 'y'));
    CHECK(v[3] == "short");
}

// CompactVector holds the tree's child lists in 16 bytes.
#include "util/compact_vector.hpp"

using e911::detail::CompactVector;

TEST_CASE("compact vector: grows, moves, copies and erases like std::vector") {
    CompactVector<CompactString> v;
    CHECK(v.empty());
    for (int i = 0; i < 1000; ++i) v.push_back(CompactString(std::string(static_cast<std::size_t>(i % 40), 'a') + std::to_string(i)));
    REQUIRE(v.size() == 1000);
    CHECK(v[999] == std::string(39, 'a') + "999");
    v.emplace_back(v[0]);  // an argument that refers into the vector as it grows
    CHECK(v.back() == v[0]);
    CompactVector<CompactString> copy = v;
    CHECK(copy.size() == v.size());
    CHECK(copy[500] == v[500]);
    CompactVector<CompactString> moved = std::move(copy);
    CHECK(copy.empty());  // NOLINT: moved from
    CHECK(moved.size() == 1001);
    moved.erase(moved.begin() + 1, moved.begin() + 501);
    CHECK(moved.size() == 501);
    CHECK(moved[0] == "0");
    CHECK(moved[1] == std::string(501 % 40, 'a') + "501");
    moved.erase(moved.begin());
    CHECK(moved[0] == std::string(501 % 40, 'a') + "501");
    moved.clear();
    CHECK(moved.empty());
    moved.reserve(10);
    CHECK(moved.capacity() >= 10);
    static_assert(sizeof(CompactVector<CompactString>) == 16);
}
