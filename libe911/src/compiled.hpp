// Compiled lookup structures over a loaded Config: prefix tries for sites, hash maps for LIS
// keys, compiled route and dial-plan patterns. Built once, read-only afterwards (thread-safe).
#pragma once
#include <boost/regex.hpp>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "e911/model.hpp"

namespace e911::detail {

// Binary trie over prefix bits; each node may carry the index of the prefix ending there.
class PrefixTrie {
public:
    void insert(const IpPrefix& p, std::uint32_t value);
    // Values of every stored prefix containing `a`, shortest first.
    void containing(const IpAddress& a, std::vector<std::uint32_t>& out) const;
    std::uint32_t longest(const IpAddress& a) const;
    std::size_t node_count() const { return nodes_.size(); }
private:
    struct Node {
        std::uint32_t child[2] = {npos, npos};
        std::uint32_t value = npos;
    };
    std::vector<Node> nodes_{1};
};

struct PatternMatch {
    bool matched = false;
    bool failed = false;  // did not compile, or matching exceeded the complexity limit
    std::string error;
};

// A .NET-flavoured pattern compiled with Boost's Perl syntax. IsMatch semantics: a search
// anywhere in the input unless the pattern anchors itself.
class Pattern {
public:
    explicit Pattern(const std::string& text);
    bool ok() const { return re_.has_value(); }
    const std::string& error() const { return error_; }
    PatternMatch search(const std::string& input) const;
    // Regex.Replace: every match replaced by `translation` ($1 style groups). nullopt when no match.
    std::optional<std::string> replace(const std::string& input, const std::string& translation, std::string* error) const;
private:
    std::optional<boost::regex> re_;
    std::string error_;
};

struct IpKeyHash {
    std::size_t operator()(const IpAddress& a) const noexcept;
};

class Compiled {
public:
    explicit Compiled(const Config& cfg);
    const Config& cfg;

    // Sites -------------------------------------------------------------
    PrefixTrie v4, v6;                         // subnet index by prefix
    std::unordered_map<std::string, std::uint32_t> subnet_exact;  // "net/len" -> subnet
    // Subnets containing `a` (shortest first).
    std::vector<std::uint32_t> subnets_containing(const IpAddress& a) const;

    // LIS ----------------------------------------------------------------
    std::unordered_map<IpAddress, std::uint32_t, IpKeyHash> lis_subnet;  // network id -> lis_subnets index
    std::unordered_map<std::uint64_t, std::uint32_t> bssid_exact, bssid_wild1, bssid_wild2;
    std::unordered_map<std::string, std::uint32_t> switch_by_chassis, port_by_key;
    // Wireless access point covering `bssid` (exact beats wildcard; one digit beats two).
    std::uint32_t find_bssid(const MacAddress& bssid, bool* wildcard) const;

    // Locations each site's callers can be placed at (LIS subnets inside the site's subnets,
    // plus LIS elements tagged with the site), and the LIS entries that put them there.
    struct SiteLocation {
        std::uint32_t location;
        Kind via_kind;
        std::uint32_t via_index;
    };
    std::vector<std::vector<SiteLocation>> site_locations;

    // Routing -------------------------------------------------------------
    std::vector<Pattern> route_patterns;                   // per route
    std::vector<std::vector<std::uint32_t>> usage_routes;  // per usage: routes by (priority, order)
    std::vector<std::vector<Pattern>> dial_rule_patterns;  // per dial plan, per rule
    std::vector<std::vector<std::uint32_t>> dial_rule_order;  // rules in the order they are tried

    // Routes of `usage` whose pattern matches `number`, in the order they are tried.
    std::vector<std::uint32_t> matching_routes(std::uint32_t usage, const std::string& number) const;

    // Policies --------------------------------------------------------------
    std::uint32_t global_ecp = npos, global_ecrp = npos, global_lp = npos, global_rp = npos, global_dp = npos;
};

// Emergency numbers of a country per libphonenumber's ShortNumberInfo (all 1-4 digit strings
// it calls emergency), cached. Empty for an unknown country.
const std::vector<std::string>& emergency_numbers(const std::string& country);
bool is_emergency_number(const std::string& number, const std::string& country);
// Numbers a platform uses for testing that are not emergency numbers (933 in US/CA).
bool is_test_number(const std::string& number, const std::string& country);

}  // namespace e911::detail
