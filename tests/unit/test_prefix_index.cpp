// The prefix index's batched forms (prefetching a batch's lookups together) answer exactly as one
// lookup at a time, and as a plain reading of the prefix list: mixed IPv4 and IPv6, nested
// prefixes, repeated prefixes, no match.
#include <map>
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

TEST_CASE("prefix index: insert_each and longest_each answer as one prefix and one lookup at a time") {
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
    // The answers read off the list itself: per (family, length, network), the first index.
    std::map<std::tuple<bool, int, std::array<std::uint8_t, 16>>, std::uint32_t> first;
    for (std::uint32_t i = 0; i < prefixes.size(); ++i)
        first.emplace(std::make_tuple(prefixes[i].network.v6, int{prefixes[i].length}, prefixes[i].network.bytes), i);
    auto longest_by_hand = [&](const e911::IpAddress& a) {
        for (int length = a.v6 ? 128 : 32; length >= 0; --length)
            if (auto it = first.find(std::make_tuple(a.v6, length, e911::mask(a, length).bytes)); it != first.end())
                return it->second;
        return e911::npos;
    };
    e911::detail::PrefixIndex index;
    index.insert_each(prefixes);
    std::vector<e911::IpAddress> addresses;
    for (int i = 0; i < 5003; ++i) addresses.push_back(address(rng, i % 5 == 0));  // not a multiple of the batch
    std::vector<std::uint32_t> got(addresses.size());
    index.longest_each(addresses.size(), [&](std::size_t i) -> const e911::IpAddress& { return addresses[i]; }, got.data());
    std::size_t found = 0;
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        INFO(i);
        REQUIRE(got[i] == longest_by_hand(addresses[i]));
        REQUIRE(index.longest(addresses[i]) == got[i]);
        found += got[i] != e911::npos;
    }
    for (const auto& p : prefixes)
        REQUIRE(index.exact(p) == first.at(std::make_tuple(p.network.v6, int{p.length}, p.network.bytes)));
    CHECK(found > addresses.size() / 4);  // the test reaches matches ...
    CHECK(found < addresses.size());      // ... and misses
}
