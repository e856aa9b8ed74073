// Config's id index (model.cpp): an open-addressing table over the lists' own ids, so these pin
// what the string-keyed map it replaced did: found by exact id (computed ids too), absent is npos,
// the first object with an id keeps it, and a copied Config finds the same objects.
#include <catch2/catch.hpp>

#include "e911/model.hpp"

using namespace e911;

namespace {
Subnet subnet(const std::string& text, const std::string& site) {
    Subnet s;
    s.prefix = *parse_prefix(text, PrefixHostBits::reject);
    s.site.id = site;
    return s;
}
}  // namespace

TEST_CASE("Config::find: by exact id, computed ids too, npos when absent", "[model][index]") {
    Config cfg;
    for (int i = 0; i < 1000; ++i) cfg.sites.push_back(Site{"site-" + std::to_string(i)});
    for (int i = 0; i < 300; ++i) cfg.subnets.push_back(subnet("10." + std::to_string(i / 256) + "." + std::to_string(i % 256) + ".0/24", "site-" + std::to_string(i)));
    REQUIRE(cfg.build_indexes().empty());
    for (std::uint32_t i = 0; i < cfg.sites.size(); ++i) REQUIRE(cfg.find(Kind::site, cfg.sites[i].id) == i);
    for (std::uint32_t i = 0; i < cfg.subnets.size(); ++i) REQUIRE(cfg.find(Kind::subnet, cfg.subnets[i].key()) == i);
    CHECK(cfg.find(Kind::site, "site-1000") == npos);
    CHECK(cfg.find(Kind::site, "SITE-1") == npos);  // ids are case-sensitive
    CHECK(cfg.find(Kind::site, "") == npos);
    CHECK(cfg.find(Kind::subnet, "10.0.0.0/25") == npos);
    CHECK(cfg.find(Kind::region, "site-1") == npos);  // an empty list
    CHECK(cfg.find(Kind::waiver, "anything") == npos);
    CHECK(cfg.subnets[5].site.index == 5);  // references resolved through the index

    Config copy = cfg;
    CHECK(copy.find(Kind::site, "site-3") == 3);
    copy.sites[3].id = "renamed";  // the copy's index reads the copy's lists, once rebuilt
    copy.build_indexes();
    CHECK(copy.find(Kind::site, "site-3") == npos);
    CHECK(copy.find(Kind::site, "renamed") == 3);
    CHECK(cfg.find(Kind::site, "site-3") == 3);
}

TEST_CASE("Config::build_indexes: the first object with an id keeps it; each later one is a duplicate", "[model][index]") {
    Config cfg;
    cfg.sites = {Site{"a"}, Site{"b"}, Site{"a"}, Site{"c"}, Site{"a"}};
    cfg.subnets = {subnet("10.0.0.0/24", "a"), subnet("10.0.0.0/24", "b")};
    auto dups = cfg.build_indexes();
    std::vector<std::pair<Kind, std::uint32_t>> expected = {{Kind::site, 2}, {Kind::site, 4}, {Kind::subnet, 1}};
    CHECK(dups == expected);
    CHECK(cfg.find(Kind::site, "a") == 0);
    CHECK(cfg.find(Kind::site, "c") == 3);
    CHECK(cfg.find(Kind::subnet, "10.0.0.0/24") == 0);
}
