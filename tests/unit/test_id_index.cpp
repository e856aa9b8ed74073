// The simulator's id index finds what a plain reading of the id list finds: exact and
// case-sensitive, the first of repeated ids, empty and long ids, misses that share a prefix or a
// length with present ids, and enough ids that probes run past full stretches of the table.
#include <map>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "compile/id_index.hpp"

TEST_CASE("id index: find answers as the first index of that exact id in the list") {
    std::mt19937 rng(911);
    std::vector<std::string> ids;
    for (int i = 0; i < 5000; ++i) {
        std::string id = "user-" + std::to_string(rng() % 4000) + "@example.com";  // some repeat
        if (i % 11 == 0) id += std::string(rng() % 200, 'x');  // long ids
        ids.push_back(id);
    }
    ids.push_back("");
    ids.push_back("User-1@example.com");
    std::vector<std::string_view> views(ids.begin(), ids.end());
    e911::detail::IdIndex index;
    index.build(views);
    std::map<std::string, std::uint32_t> first;
    for (std::uint32_t i = 0; i < ids.size(); ++i) first.emplace(ids[i], i);
    for (const auto& [id, i] : first) {
        INFO(id);
        CHECK(index.find(id) == i);
    }
    for (const std::string miss : {"user-1@example.co", "user-1@example.comm", "USER-1@EXAMPLE.COM", "nobody",
                                   "user-99999@example.com"}) {
        INFO(miss);
        CHECK(index.find(miss) == (first.count(miss) ? first[miss] : e911::npos));
    }
    CHECK(index.find("User-1@example.com") == ids.size() - 1);
    CHECK(e911::detail::IdIndex{}.find("anything") == e911::npos);  // never built: no ids
    e911::detail::IdIndex empty;
    empty.build({});
    CHECK(empty.find("") == e911::npos);
}
