#include "compile/compiled.hpp"
#include "compile/policy.hpp"
#include "model/describe.hpp"
#include "util/parallel.hpp"
#include "util/text_util.hpp"

#include <algorithm>
#include <cstring>
#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <iterator>
#include <numeric>

namespace e911::detail {

PrefixIndex::Level& PrefixIndex::level(bool v6, std::uint8_t length) {
    auto& lv = v6 ? v6_ : v4_;
    auto it = std::lower_bound(lv.begin(), lv.end(), length, [](const Level& l, std::uint8_t len) { return l.length < len; });
    if (it == lv.end() || it->length != length) it = lv.insert(it, Level{length, {}});
    return *it;
}

void PrefixIndex::reserve_for(const std::vector<IpPrefix>& prefixes) {
    std::size_t count[2][129] = {};
    for (const auto& p : prefixes) ++count[p.network.v6][std::min<std::size_t>(p.length, 128)];
    for (int v6 = 0; v6 < 2; ++v6)
        for (std::size_t len = 0; len <= 128; ++len)
            if (count[v6][len]) level(v6, static_cast<std::uint8_t>(len)).map.reserve(count[v6][len]);
}

void PrefixIndex::insert_each(const std::vector<IpPrefix>& prefixes) {
    reserve_for(prefixes);  // every level made first: the pointers to them below stay valid
    constexpr std::size_t kBatch = 16;
    Level* at[kBatch];
    for (std::size_t first = 0; first < prefixes.size(); first += kBatch) {
        const std::size_t count = std::min(kBatch, prefixes.size() - first);
        for (std::size_t i = 0; i < count; ++i) {
            const IpPrefix& p = prefixes[first + i];
            at[i] = &level(p.network.v6, p.length);
            at[i]->map.prefetch(p.network);
        }
        for (std::size_t i = 0; i < count; ++i)
            at[i]->map.emplace(prefixes[first + i].network, static_cast<std::uint32_t>(first + i));
    }
}

std::uint32_t PrefixIndex::exact(const IpPrefix& p) const {
    for (const auto& l : levels(p.network.v6))
        if (l.length == p.length) {
            auto it = l.map.find(p.network);
            return it == l.map.end() ? npos : it->second;
        }
    return npos;
}

std::uint32_t PrefixIndex::longest(const IpAddress& a) const {
    const auto& lv = levels(a.v6);
    for (auto l = lv.rbegin(); l != lv.rend(); ++l) {
        auto it = l->map.find(mask(a, l->length));
        if (it != l->map.end()) return it->second;
    }
    return npos;
}

void PrefixIndex::containing(const IpAddress& a, std::vector<std::uint32_t>& out) const {
    for (const auto& l : levels(a.v6)) {
        auto it = l.map.find(mask(a, l.length));
        if (it != l.map.end()) out.push_back(it->second);
    }
}

std::size_t IpKeyHash::operator()(const IpAddress& a) const noexcept {
    std::uint64_t hi, lo;
    std::memcpy(&hi, a.bytes.data(), 8);
    std::memcpy(&lo, a.bytes.data() + 8, 8);
    std::uint64_t h = (hi * 0x9E3779B97F4A7C15ull) ^ (lo + 0xC2B2AE3D27D4EB4Full + (a.v6 ? 1 : 0));
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(h ^ (h >> 32));
}

namespace {

// Thrown by StepIterator when a match has taken its budget of steps.
struct MatchAbandoned {};

// A random-access iterator over the input that counts every step the matcher takes (reads,
// moves, comparisons) and throws past limits::max_match_steps. Boost's own limit grows with the
// square of the pattern's size and allows minutes; this bounds every match to milliseconds,
// while a sane pattern on a dial string takes a few hundred steps.
class StepIterator {
public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    StepIterator() = default;
    StepIterator(const char* p, std::uint64_t* steps) : p_(p), steps_(steps) {}
    reference operator*() const { return tick(), *p_; }
    reference operator[](difference_type n) const { return tick(), p_[n]; }
    StepIterator& operator++() { return tick(), ++p_, *this; }
    StepIterator operator++(int) {
        auto t = *this;
        ++*this;
        return t;
    }
    StepIterator& operator--() { return tick(), --p_, *this; }
    StepIterator operator--(int) {
        auto t = *this;
        --*this;
        return t;
    }
    StepIterator& operator+=(difference_type n) { return tick(), p_ += n, *this; }
    StepIterator& operator-=(difference_type n) { return tick(), p_ -= n, *this; }
    // The whole random-access contract, whichever parts the regex engine happens to use.
    [[maybe_unused]] friend StepIterator operator+(StepIterator a, difference_type n) { return a += n; }
    [[maybe_unused]] friend StepIterator operator+(difference_type n, StepIterator a) { return a += n; }
    [[maybe_unused]] friend StepIterator operator-(StepIterator a, difference_type n) { return a -= n; }
    [[maybe_unused]] friend difference_type operator-(const StepIterator& a, const StepIterator& b) { return a.p_ - b.p_; }
    [[maybe_unused]] friend bool operator==(const StepIterator& a, const StepIterator& b) { return a.tick(), a.p_ == b.p_; }
    [[maybe_unused]] friend bool operator!=(const StepIterator& a, const StepIterator& b) { return a.tick(), a.p_ != b.p_; }
    [[maybe_unused]] friend bool operator<(const StepIterator& a, const StepIterator& b) { return a.p_ < b.p_; }
    [[maybe_unused]] friend bool operator>(const StepIterator& a, const StepIterator& b) { return a.p_ > b.p_; }
    [[maybe_unused]] friend bool operator<=(const StepIterator& a, const StepIterator& b) { return a.p_ <= b.p_; }
    [[maybe_unused]] friend bool operator>=(const StepIterator& a, const StepIterator& b) { return a.p_ >= b.p_; }

private:
    void tick() const {
        if (steps_ && ++*steps_ > limits::max_match_steps) throw MatchAbandoned{};
    }
    const char* p_ = nullptr;
    std::uint64_t* steps_ = nullptr;
};

std::string abandoned_message(const std::string& input) {
    return "matching `" + input.substr(0, 80) + (input.size() > 80 ? "...`" : "`") + " was abandoned after " +
           std::to_string(limits::max_match_steps) + " steps (the match-cost bound): the pattern backtracks catastrophically";
}

}  // namespace

Pattern::Pattern(const std::string& text) {
    if (text.size() > limits::max_pattern_length) {
        error_ = "the pattern is " + std::to_string(text.size()) + " characters, more than the limit of " +
                 std::to_string(limits::max_pattern_length);
        return;
    }
    try {
        re_.emplace(text, boost::regex::perl);
    } catch (const std::exception& e) {
        error_ = e.what();
    }
}

PatternMatch Pattern::search(const std::string& input) const {
    PatternMatch r;
    if (!re_) {
        r.failed = true;
        r.error = error_;
        return r;
    }
    std::uint64_t steps = 0;
    try {
        StepIterator first(input.data(), &steps), last(input.data() + input.size(), &steps);
        boost::match_results<StepIterator> m;
        r.matched = boost::regex_search(first, last, m, *re_);
    } catch (const MatchAbandoned&) {
        r.failed = r.abandoned = true;
        r.error = abandoned_message(input);
    } catch (const std::exception& e) {  // Boost's own complexity limit ("too much memory / time")
        r.failed = r.abandoned = true;
        r.error = abandoned_message(input) + " (" + e.what() + ")";
    }
    return r;
}

std::optional<std::string> Pattern::replace(const std::string& input, const std::string& translation, std::string* error) const {
    if (!re_) {
        if (error) *error = error_;
        return std::nullopt;
    }
    std::uint64_t steps = 0;
    try {
        StepIterator first(input.data(), &steps), last(input.data() + input.size(), &steps);
        boost::match_results<StepIterator> m;
        if (!boost::regex_search(first, last, m, *re_)) return std::nullopt;
        std::string out;
        boost::regex_replace(std::back_inserter(out), first, last, *re_, translation, boost::format_perl);
        return out;
    } catch (const MatchAbandoned&) {
        if (error) *error = abandoned_message(input);
        return std::nullopt;
    } catch (const std::exception& e) {  // Boost's own complexity limit
        if (error) *error = abandoned_message(input) + " (" + e.what() + ")";
        return std::nullopt;
    }
}

namespace {
std::atomic<std::uint64_t> next_generation{1};

struct RouteAnswer {
    std::vector<std::uint32_t> routes, abandoned;
};

// Per-thread memo of answers that depend only on the dialled string. Keyed by the Compiled
// instance's generation so a new configuration never sees another's answers; bounded in bytes
// (limits::max_cache_bytes) so a call log of unique numbers cannot grow it without limit.
struct Memo {
    std::uint64_t generation = 0;
    std::size_t bytes = 0;
    std::vector<std::unordered_map<std::string, RouteAnswer>> routes;             // per usage
    std::vector<std::unordered_map<std::string, Compiled::DialPlanResult>> plans;  // per dial plan
    static constexpr std::size_t kEntryOverhead = 96;  // hash node, bucket, string and vector headers
    std::size_t limit = limits::max_cache_bytes;
    void reset_if(std::uint64_t gen, std::size_t usages, std::size_t dial_plans) {
        if (gen == generation && bytes < limit) return;
        routes.assign(usages, {});
        plans.assign(dial_plans, {});
        bytes = 0;
        generation = gen;
    }
};
thread_local Memo memo;
}  // namespace

std::size_t answer_cache_bytes() { return memo.bytes; }
void set_answer_cache_limit(std::size_t bytes) { memo.limit = bytes ? bytes : limits::max_cache_bytes; }

namespace {

// PSAP service areas, keyed "COUNTRY|STATE|COUNTY|CITY|POSTAL" with absent keys left empty. An address
// is looked up under every combination of its keys; only the combinations some area uses are tried
// (a handful, not 31 per address), unless a value holds the separator and could straddle two keys.
std::vector<std::vector<std::uint32_t>> psaps_by_address(const Config& c) {
    static const char* kAreaKeys[] = {"country", "state", "county", "city", "postal_code"};
    std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, int>>> areas;
    bool used_mask[32] = {};
    bool separator_in_area = false;
    for (std::uint32_t p = 0; p < c.psaps.size(); ++p) {
        if (c.psaps[p].relay) continue;
        for (const auto& area : c.psaps[p].serves) {
            std::string key;
            int nonempty = 0;
            for (int i = 0; i < 5; ++i) {
                std::size_t before = key.size();
                for (const auto& [ak, av] : area.keys)
                    if (ak == kAreaKeys[i]) key += upper_ascii(av);
                if (key.find('|', before) != std::string::npos) separator_in_area = true;
                if (key.size() > before) nonempty |= 1 << i;
                key += '|';
            }
            used_mask[nonempty] = true;
            areas[key].emplace_back(p, static_cast<int>(area.keys.size()));
        }
    }
    std::vector<std::vector<std::uint32_t>> by_address(c.addresses.size());
    if (areas.empty()) return by_address;
    std::string key;
    for (std::uint32_t a = 0; a < c.addresses.size(); ++a) {
        const auto& ad = c.addresses[a];
        const std::string values[] = {upper_ascii(c.country_or_default(ad.country)), upper_ascii(ad.state), upper_ascii(ad.county), upper_ascii(ad.city), upper_ascii(ad.postal_code)};
        bool every_mask = separator_in_area;
        for (const auto& v : values) every_mask = every_mask || v.find('|') != std::string::npos;
        int best = 0;
        auto& out = by_address[a];
        for (int mask = 1; mask < 32; ++mask) {  // every combination of the address's keys
            if (!every_mask && !used_mask[mask]) continue;
            key.clear();
            bool usable = true;
            for (int i = 0; i < 5; ++i) {
                if (mask & (1 << i)) {
                    if (values[i].empty()) usable = false;
                    key += values[i];
                }
                key += '|';
            }
            if (!usable) continue;
            auto it = areas.find(key);
            if (it == areas.end()) continue;
            for (const auto& [p, n] : it->second) {
                if (n < best) continue;
                if (n > best) out.clear(), best = n;
                if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
            }
        }
        std::sort(out.begin(), out.end());
    }
    return by_address;
}

}  // namespace

Compiled::Compiled(const Config& c, bool place_callers) : cfg(c), generation_(next_generation++) {
    const std::size_t objects = object_count(c);
    // The halves read only the configuration and write their own members: a large configuration
    // builds them side by side (a fifth of a lint at a million subnets was this constructor).
    const unsigned workers = objects < kParallelObjects ? 1u : std::min(2u, workers_for(objects, 1));
    on_workers(workers, [&](unsigned w) {
        if (w == 0) build_places();
        if (w == workers - 1) build_lookups();
    });
    if (place_callers) build_callers();
    global_ecp = c.find(Kind::emergency_calling_policy, "global");
    global_ecrp = c.find(Kind::emergency_call_routing_policy, "global");
    global_lp = c.find(Kind::location_policy, "global");
    global_rp = c.find(Kind::routing_policy, "global");
    global_dp = c.find(Kind::dial_plan, "global");
}

void Compiled::build_places() {
    const Config& c = cfg;
    {
        std::vector<IpPrefix> prefixes;
        prefixes.reserve(c.subnets.size());
        for (const auto& s : c.subnets) prefixes.push_back(s.prefix);
        subnet_index.insert_each(prefixes);
    }
    site_locations.resize(c.sites.size());
    lis_subnet_holder.resize(c.lis_subnets.size());
    // The most specific subnet holding a LIS entry's network ID decides its site.
    subnet_index.longest_each(c.lis_subnets.size(), [&](std::size_t i) -> const IpAddress& { return c.lis_subnets[i].network_id; },
                              lis_subnet_holder.data());
    for (std::uint32_t i = 0; i < c.lis_subnets.size(); ++i) {
        const auto& l = c.lis_subnets[i];
        const auto sub = lis_subnet_holder[i];
        if (!l.location.resolved() || sub == npos) continue;
        const auto& site = c.subnets[sub].site;
        if (site.resolved()) site_locations[site.index].push_back({l.location.index, Kind::lis_subnet, i});
    }
    auto tagged = [&](const auto& list, Kind k) {
        for (std::uint32_t i = 0; i < list.size(); ++i)
            if (list[i].site.resolved() && list[i].location.resolved())
                site_locations[list[i].site.index].push_back({list[i].location.index, k, i});
    };
    tagged(c.wireless_access_points, Kind::wireless_access_point);
    tagged(c.switches, Kind::switch_);
    tagged(c.ports, Kind::port);
    site_countries.resize(c.sites.size());
    for (std::uint32_t i = 0; i < c.sites.size(); ++i) site_countries[i] = &country_of_site(*this, i);
}

void Compiled::build_lookups() {
    const Config& c = cfg;
    // Sized up front: at a million entries, rehash growth is most of the construction time.
    std::size_t exact = 0, wild1 = 0, wild2 = 0;
    for (const auto& w : c.wireless_access_points) (w.bssid.wildcard_digits == 0 ? exact : w.bssid.wildcard_digits == 1 ? wild1 : wild2)++;
    bssid_exact.reserve(exact), bssid_wild1.reserve(wild1), bssid_wild2.reserve(wild2);
    switch_by_chassis.reserve(c.switches.size());
    port_by_key.reserve(c.ports.size());
    port_by_canonical_.reserve(c.ports.size());
    lis_subnet.reserve(c.lis_subnets.size());
    emplace_each(lis_subnet, c.lis_subnets.size(), [&](std::size_t i) -> const IpAddress& { return c.lis_subnets[i].network_id; });
    for (std::uint32_t i = 0; i < c.wireless_access_points.size(); ++i) {
        const auto& m = c.wireless_access_points[i].bssid;
        if (m.wildcard_digits == 0) bssid_exact.emplace(m.value, i);
        else if (m.wildcard_digits == 1) bssid_wild1.emplace(m.value >> 4, i);
        else bssid_wild2.emplace(m.value >> 8, i);
    }
    for (std::uint32_t i = 0; i < c.switches.size(); ++i) switch_by_chassis.emplace(c.switches[i].chassis_id, i);
    for (std::uint32_t i = 0; i < c.ports.size(); ++i) {
        port_by_key.emplace(c.ports[i].key(), i);
        port_by_canonical_.emplace(canonical_port_key(c.ports[i].chassis_id, c.ports[i].port_id), i);
    }

    route_patterns.reserve(c.routes.size());
    for (const auto& r : c.routes) route_patterns.emplace_back(r.number_pattern);
    usage_routes.resize(c.pstn_usages.size());
    for (std::uint32_t i = 0; i < c.routes.size(); ++i)
        for (const auto& u : c.routes[i].pstn_usages)
            if (u.resolved()) usage_routes[u.index].push_back(i);
    for (auto& list : usage_routes)
        std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) { return c.routes[a].priority < c.routes[b].priority; });

    for (const auto& dp : c.dial_plans) {
        std::vector<Pattern> pats;
        for (const auto& r : dp.rules) pats.emplace_back(r.pattern);
        dial_rule_patterns.push_back(std::move(pats));
        std::vector<std::uint32_t> order(dp.rules.size());
        std::iota(order.begin(), order.end(), 0u);
        // SfB rules carry priorities (lowest wins); Teams rules are tried in list order.
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return dp.rules[a].priority.value_or(0) < dp.rules[b].priority.value_or(0);
        });
        dial_rule_order.push_back(std::move(order));
    }

    address_psaps_ = psaps_by_address(c);
}

void Compiled::build_callers() {
    auto& t = callers_.emplace();
    t.subnet_site.reserve(cfg.subnets.size());
    for (const auto& s : cfg.subnets) t.subnet_site.push_back(s.site.index);
    t.lis_subnet_location.reserve(cfg.lis_subnets.size());
    for (const auto& l : cfg.lis_subnets) t.lis_subnet_location.push_back(l.location.index);
    std::vector<std::string_view> ids;
    ids.reserve(cfg.users.size());
    for (const auto& u : cfg.users) ids.push_back(u.id);
    t.users_by_id.build(ids);
}

void Compiled::no_caller_tables() {
    throw std::logic_error("Compiled: built without the tables for placing callers (place_callers false)");
}

std::vector<std::uint32_t> Compiled::subnets_containing(const IpAddress& a) const {
    std::vector<std::uint32_t> r;
    subnet_index.containing(a, r);
    return r;
}

std::string canonical_port_key(const std::string& chassis_id, const std::string& port_id) {
    auto mac_or = [](const std::string& s, bool fold) {
        if (auto m = parse_mac(s, false, nullptr)) return m->to_string();
        return fold ? upper_ascii(s) : s;
    };
    return mac_or(chassis_id, false) + "/" + mac_or(port_id, true);
}

std::uint32_t Compiled::find_port(const std::string& chassis_id, const std::string& port_id) const {
    auto it = port_by_canonical_.find(canonical_port_key(chassis_id, port_id));
    return it == port_by_canonical_.end() ? npos : it->second;
}

std::uint32_t Compiled::find_bssid(const MacAddress& m, bool* wildcard) const {
    if (wildcard) *wildcard = false;
    if (auto it = bssid_exact.find(m.value); it != bssid_exact.end()) return it->second;
    if (wildcard) *wildcard = true;
    if (auto it = bssid_wild1.find(m.value >> 4); it != bssid_wild1.end()) return it->second;
    if (auto it = bssid_wild2.find(m.value >> 8); it != bssid_wild2.end()) return it->second;
    if (wildcard) *wildcard = false;
    return npos;
}

const std::vector<std::uint32_t>& Compiled::no_routes() {
    static const std::vector<std::uint32_t> none;
    return none;
}

Compiled::RouteAnswerRef Compiled::route_answer(std::uint32_t usage, const std::string& number) const {
    if (usage >= usage_routes.size()) return {no_routes(), no_routes()};
    memo.reset_if(generation_, usage_routes.size(), dial_rule_patterns.size());
    auto& table = memo.routes[usage];
    if (auto hit = table.find(number); hit != table.end()) return {hit->second.routes, hit->second.abandoned};
    auto& found = table[number];
    for (auto idx : usage_routes[usage]) {
        auto m = route_patterns[idx].search(number);
        if (m.matched) found.routes.push_back(idx);
        else if (m.abandoned) found.abandoned.push_back(idx);
    }
    memo.bytes += Memo::kEntryOverhead + number.size() + 4 * (found.routes.size() + found.abandoned.size());
    return {found.routes, found.abandoned};
}

const std::vector<std::uint32_t>& Compiled::matching_routes(std::uint32_t usage, const std::string& number) const {
    return route_answer(usage, number).routes;
}

const Compiled::DialPlanResult& Compiled::apply_dial_plan(std::uint32_t plan, const std::string& dialed) const {
    memo.reset_if(generation_, usage_routes.size(), dial_rule_patterns.size());
    auto& table = memo.plans[plan];
    if (auto hit = table.find(dialed); hit != table.end()) return hit->second;
    auto& answer = table.emplace(dialed, DialPlanResult{}).first->second;
    answer.result = dialed;
    for (auto r : dial_rule_order[plan]) {
        const auto& pat = dial_rule_patterns[plan][r];
        if (!pat.ok()) continue;
        auto m = pat.search(dialed);
        if (m.abandoned) answer.abandoned.push_back(r);
        if (!m.matched) continue;
        std::string err;
        auto out = pat.replace(dialed, cfg.dial_plans[plan].rules[r].translation, &err);
        if (!out && !err.empty()) {  // the replacement passed the match-cost bound: passed over, said so
            answer.abandoned.push_back(r);
            continue;
        }
        if (out) answer.result = *out;
        answer.rule = r;
        break;
    }
    memo.bytes += Memo::kEntryOverhead + 2 * dialed.size() + answer.result.size() + 4 * answer.abandoned.size();
    return answer;
}

}  // namespace e911::detail
