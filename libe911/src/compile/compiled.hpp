// Compiled lookup structures over a loaded Config: prefix tables for sites, hash maps for LIS
// keys, compiled route and dial-plan patterns. Built once, read-only afterwards (thread-safe).
// The big tables are open-addressing (absl::flat_hash_map): at a million subnets and LIS entries a
// node per key costs more in allocation and page faults than every lookup together.
#pragma once
#include <absl/container/flat_hash_map.h>
#include <algorithm>
#include <boost/regex.hpp>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compile/emergency_numbers.hpp"  // the per-country lookups moved there
#include "compile/id_index.hpp"
#include "e911/limits.hpp"
#include "e911/model.hpp"

namespace e911::detail {

struct IpKeyHash {
    std::size_t operator()(const IpAddress& a) const noexcept;
};

// Longest-prefix and exact-prefix lookups: one hash table per prefix length in use, probed from
// the longest length down. Real configurations use a handful of lengths, so a lookup is a few
// hash probes instead of a 32/128-step walk through a bit trie.
class PrefixIndex {
public:
    // Every prefixes[i] with the value i (the first value for a prefix wins). Each length's table is
    // sized first, and each batch's slots are prefetched before it is inserted (as longest_each()).
    void insert_each(const std::vector<IpPrefix>& prefixes);
    std::uint32_t exact(const IpPrefix& p) const;
    std::uint32_t longest(const IpAddress& a) const;
    // Starts loading the slot of every length longest(a) may read, for a lookup a little later.
    void prefetch(const IpAddress& a) const {
        for (const auto& l : levels(a.v6)) l.map.prefetch(mask(a, l.length));
    }
    // longest() of address_of(i) for every i < n, into out[i]. The lookups of a batch of addresses
    // at one prefix length are prefetched together, so that their cache misses overlap instead of
    // following one another: at a million prefixes the tables are far larger than the caches.
    template <class AddressOf>
    void longest_each(std::size_t n, AddressOf&& address_of, std::uint32_t* out) const;
    void containing(const IpAddress& a, std::vector<std::uint32_t>& out) const;  // shortest first
private:
    struct Level {
        std::uint8_t length;
        absl::flat_hash_map<IpAddress, std::uint32_t, IpKeyHash> map;
    };
    const std::vector<Level>& levels(bool v6) const { return v6 ? v6_ : v4_; }
    Level& level(bool v6, std::uint8_t length);
    void reserve_for(const std::vector<IpPrefix>& prefixes);  // makes and sizes every length's table
    std::vector<Level> v4_, v6_;  // ascending length
};

// map.emplace(key_of(i), i) for every i < n (the first value for a key wins), each batch's slots
// prefetched before it is inserted: a million-key table is far larger than the caches, and each
// insert would otherwise wait for its own miss.
template <class Map, class KeyOf>
void emplace_each(Map& map, std::size_t n, KeyOf&& key_of) {
    constexpr std::size_t kBatch = 16;
    for (std::size_t first = 0; first < n; first += kBatch) {
        const std::size_t end = std::min(n, first + kBatch);
        for (std::size_t i = first; i < end; ++i) map.prefetch(key_of(i));
        for (std::size_t i = first; i < end; ++i) map.emplace(key_of(i), static_cast<std::uint32_t>(i));
    }
}

template <class AddressOf>
void PrefixIndex::longest_each(std::size_t n, AddressOf&& address_of, std::uint32_t* out) const {
    constexpr std::size_t kBatch = 16;
    IpAddress key[kBatch];
    for (std::size_t first = 0; first < n; first += kBatch) {
        const std::size_t count = std::min(kBatch, n - first);
        std::uint32_t pending = (1u << count) - 1;  // the addresses of the batch not yet answered
        for (std::size_t depth = 0; pending; ++depth) {  // the longest length first
            for (std::size_t i = 0; i < count; ++i) {
                if (!(pending >> i & 1)) continue;
                const IpAddress& a = address_of(first + i);
                const auto& lv = levels(a.v6);
                if (depth >= lv.size()) {
                    out[first + i] = npos, pending &= ~(1u << i);
                    continue;
                }
                const Level& l = lv[lv.size() - 1 - depth];
                key[i] = mask(a, l.length);
                l.map.prefetch(key[i]);
            }
            for (std::size_t i = 0; i < count; ++i) {
                if (!(pending >> i & 1)) continue;
                const auto& lv = levels(address_of(first + i).v6);
                const auto& map = lv[lv.size() - 1 - depth].map;
                if (auto it = map.find(key[i]); it != map.end()) out[first + i] = it->second, pending &= ~(1u << i);
            }
        }
    }
}

struct PatternMatch {
    bool matched = false;
    bool failed = false;     // did not compile, or the match was abandoned
    bool abandoned = false;  // matching this input exceeded limits::max_match_steps (or Boost's own limit)
    std::string error;       // why, naming the input when the match was abandoned
};

// A .NET-flavoured pattern compiled with Boost's Perl syntax. IsMatch semantics: a search
// anywhere in the input unless the pattern anchors itself. A pattern longer than
// limits::max_pattern_length does not compile; a match that takes more than
// limits::max_match_steps steps is abandoned (PatternMatch::abandoned), never a silent "no match".
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

class Compiled {
public:
    // `place_callers`: also build callers() (lint, which places no callers, leaves them out).
    explicit Compiled(const Config& cfg, bool place_callers = true);
    const Config& cfg;

    // Compact tables for placing a caller: per subnet its site, per LIS subnet its location (npos:
    // unresolved), and the users by id. Each is read for every call of a batch, and in the objects
    // themselves each is a cache miss of its own. Throws std::logic_error when not built.
    struct CallerTables {
        std::vector<std::uint32_t> subnet_site, lis_subnet_location;
        IdIndex users_by_id;
    };
    const CallerTables& callers() const {
        if (!callers_) no_caller_tables();
        return *callers_;
    }

    // Sites -------------------------------------------------------------
    PrefixIndex subnet_index;  // prefix -> subnet
    // Subnets containing `a` (shortest first).
    std::vector<std::uint32_t> subnets_containing(const IpAddress& a) const;

    // LIS ----------------------------------------------------------------
    absl::flat_hash_map<IpAddress, std::uint32_t, IpKeyHash> lis_subnet;  // network id -> lis_subnets index
    absl::flat_hash_map<std::uint64_t, std::uint32_t> bssid_exact, bssid_wild1, bssid_wild2;
    absl::flat_hash_map<std::string, std::uint32_t> switch_by_chassis, port_by_key;
    // Switch port by chassis and port ID as a caller reports them: MAC-shaped IDs compared normalised (like
    // BSSIDs), other port IDs case-insensitively (domain §3, our rule). npos when the LIS has no such port.
    std::uint32_t find_port(const std::string& chassis_id, const std::string& port_id) const;
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
    // Per LIS subnet: the most specific site subnet holding its network ID (npos: none), which
    // decides its site; asked once here for site_locations and for lint.
    std::vector<std::uint32_t> lis_subnet_holder;
    // Each site's country (site_country() in policy.hpp), worked out once: a site without its own
    // country looks through its locations, and lint and every call ask.
    std::vector<const std::string*> site_countries;

    // Routing -------------------------------------------------------------
    std::vector<Pattern> route_patterns;                   // per route
    std::vector<std::vector<std::uint32_t>> usage_routes;  // per usage: routes by (priority, order)
    std::vector<std::vector<Pattern>> dial_rule_patterns;  // per dial plan, per rule
    std::vector<std::vector<std::uint32_t>> dial_rule_order;  // rules in the order they are tried

    // Routes of `usage` whose pattern matches `number`, in the order they are tried. The answer
    // depends only on (usage, number), so it is memoised (per thread; the reference stays valid
    // until the next call on the same thread).
    const std::vector<std::uint32_t>& matching_routes(std::uint32_t usage, const std::string& number) const;
    // Those and the routes of `usage` whose pattern match on `number` was abandoned (too costly):
    // neither matched nor not matched; a trace must say so. One memo lookup, the same lifetime.
    struct RouteAnswerRef {
        const std::vector<std::uint32_t>& routes;
        const std::vector<std::uint32_t>& abandoned;
    };
    RouteAnswerRef route_answer(std::uint32_t usage, const std::string& number) const;
    static const std::vector<std::uint32_t>& no_routes();

    // A dial plan applied to dialled digits: the first matching rule (npos: none) and the result. Memoised likewise.
    struct DialPlanResult {
        std::uint32_t rule = npos;
        std::string result;
        std::vector<std::uint32_t> abandoned;  // rules tried before `rule` whose match was abandoned
    };
    const DialPlanResult& apply_dial_plan(std::uint32_t plan, const std::string& dialed) const;

    // PSAPs -----------------------------------------------------------------
    // docs/behaviour.md §11: a PSAP serves an address when every key of one of its `serves` entries equals
    // the address's value (case-insensitive); the entry with the most keys wins (ties: all of
    // them); relay PSAPs never serve. Precomputed per address through a hash of each entry's
    // canonical key, so no lookup scans the PSAP list.
    const std::vector<std::uint32_t>& psaps_serving(std::uint32_t address) const { return address_psaps_[address]; }
    const std::vector<std::uint32_t>& psaps_serving(const Address& a) const {
        return address_psaps_[static_cast<std::size_t>(&a - cfg.addresses.data())];
    }

    // Policies --------------------------------------------------------------
    std::uint32_t global_ecp = npos, global_ecrp = npos, global_lp = npos, global_rp = npos, global_dp = npos;

private:
    // The constructor's two independent halves, run side by side for a large configuration.
    void build_places();   // subnet index, each site's locations and country
    void build_lookups();  // LIS element tables, routes, dial rules, PSAPs by address
    void build_callers();
    [[noreturn]] static void no_caller_tables();
    std::optional<CallerTables> callers_;
    std::vector<std::vector<std::uint32_t>> address_psaps_;
    absl::flat_hash_map<std::string, std::uint32_t> port_by_canonical_;  // canonical_port_key -> ports index
    std::uint64_t generation_;  // identifies this instance in the thread-local memo
};

// "<chassis>/<port>" with a MAC-shaped chassis or port ID normalised and any other port ID upper-cased.
std::string canonical_port_key(const std::string& chassis_id, const std::string& port_id);
// Bytes the calling thread's memo of route and dial-plan answers holds; it is emptied when it
// would pass limits::max_cache_bytes (or the bound set here for this thread, 0 = the default).
std::size_t answer_cache_bytes();
void set_answer_cache_limit(std::size_t bytes);

}  // namespace e911::detail
