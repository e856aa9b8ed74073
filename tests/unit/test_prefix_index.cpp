// The prefix index's batched forms (prefetching a batch's lookups together) answer exactly as one
// lookup or insert at a time: mixed IPv4 and IPv6, nested prefixes, repeated prefixes, no match.
#include <random>

#include <catch2/catch.hpp>

#include "compile/compiled.hpp"

namespace {

e911::IpAddress address(std::mt19937& rng, bool v6) {
    e911::IpAddress a;
    a.v6 = v6;
    // Few distinct leading bytes, so that prefixes nest and many addresses fall in some of them
    // (IPv4 in the last four bytes, as IpAddress keeps it).
    for (std::size_t i = 0; i < (v6 ? 16u : 4u); ++i) a.bytes[v6 ? i : 12 + i] = static_cast<std::uint8_t>(i < 2 ? rng() % 3 : rng());
    return a;
}

}  // namespace

TEST_CASE("prefix index: insert_each and longest_each answer as insert and longest one at a time") {
    std::mt19937 rng(911);
    std::vector<e911::IpPrefix> prefixes;
    for (int i = 0; i < 3000; ++i) {
        const bool v6 = i % 5 == 0;
        const int lengths4[] = {8, 16, 22, 24, 28, 32}, lengths6[] = {32, 48, 64, 128};
        const int length = v6 ? lengths6[rng() % 4] : lengths4[rng() % 6];
        const auto a = address(rng, v6);
        prefixes.push_back({e911::mask(a, length), static_cast<std::uint8_t>(length)});
        if (i % 7 == 0) prefixes.push_back(prefixes.back());  // a repeated prefix: the first index wins
    }
    e911::detail::PrefixIndex one, each;
    for (std::uint32_t i = 0; i < prefixes.size(); ++i) one.insert(prefixes[i], i);
    each.insert_each(prefixes);
    std::vector<e911::IpAddress> addresses;
    for (int i = 0; i < 5003; ++i) addresses.push_back(address(rng, i % 5 == 0));  // not a multiple of the batch
    std::vector<std::uint32_t> got(addresses.size());
    each.longest_each(addresses.size(), [&](std::size_t i) -> const e911::IpAddress& { return addresses[i]; }, got.data());
    std::size_t found = 0;
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        INFO(i);
        REQUIRE(got[i] == one.longest(addresses[i]));
        REQUIRE(each.longest(addresses[i]) == one.longest(addresses[i]));
        found += got[i] != e911::npos;
    }
    for (const auto& p : prefixes) REQUIRE(each.exact(p) == one.exact(p));
    CHECK(found > addresses.size() / 4);             // the test reaches matches ...
    CHECK(found < addresses.size());                 // ... and misses
}
