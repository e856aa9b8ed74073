// The matrix: every place a caller can be, every emergency string in effect there, each platform
// in use - simulated through the same core as `e911 simulate`.
#include "e911/matrix.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "util/json_util.hpp"
#include "questions/matrix_core.hpp"
#include "compile/policy.hpp"
#include "simulate/decisions.hpp"
#include "util/text_util.hpp"

namespace e911 {

std::string MatrixRow::key() const { return std::string(to_string(platform)) + "|" + site + "|" + location + "|" + user + "|" + dialed; }

namespace detail {

std::set<Platform> platforms_in_use(const Config& cfg) {
    std::set<Platform> r;
    for (const auto& u : cfg.users) r.insert(cfg.platform_of(u));
    if (r.empty()) r.insert(cfg.defaults.platform);
    return r;
}

std::vector<std::string> numbers_in_effect(const Compiled& c, Platform p, std::uint32_t site, const User* user,
                                           const std::string& country) {
    std::vector<std::string> r;
    if (p == Platform::teams) {  // whether the LIS found a location plays no part in the policy (domain §5)
        auto pol = site_ecrp(c, site);
        if (pol.index == npos) pol = user_ecrp(c, user);
        if (pol.index != npos)
            for (const auto& e : dial_entries(c.cfg.emergency_call_routing_policies[pol.index])) r.push_back(e.digits);
    } else {
        auto pol = effective_lp(c, site, user);
        if (pol.index != npos)
            for (const auto& e : dial_entries(c.cfg.location_policies[pol.index], user ? user->sfb_client : SfbClient::modern)) r.push_back(e.digits);
    }
    if (r.empty()) {  // no policy: still ask what the country's emergency number does
        const auto& nums = emergency_numbers(country);
        auto it = std::find(nums.begin(), nums.end(), "911");
        if (it != nums.end()) r.push_back("911");
        else if (!nums.empty()) r.push_back(nums.back());
    }
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    return r;
}

MatrixRow to_row(const Trace& t) {
    MatrixRow r;
    r.site = t.site;
    r.location = t.location;
    r.address = t.address;
    r.user = t.user;
    r.platform = t.platform;
    r.dialed = t.dialed;
    r.dial_string = t.dial_string;
    r.emergency = t.emergency;
    r.outcome = t.outcome;
    r.route = t.route;
    r.gateways = t.gateways;
    r.calling_number = t.calling_number;
    r.psap = t.psap;
    r.psap_relay = t.psap_relay;
    r.psap_expected = t.psap_expected;
    r.psap_correct = t.psap_correct;
    r.gateways_down = t.gateways_down;
    r.pstn = t.pstn, r.location_class = t.location_class, r.screened = t.screened;
    if (t.notifications && t.notifications->anyone()) {
        const auto& n = *t.notifications;
        std::vector<std::string> who = n.group;
        if (!n.dial_out.empty()) who.push_back(n.dial_out);
        who.insert(who.end(), n.uris.begin(), n.uris.end());
        if (!n.conference_uri.empty()) who.push_back(n.conference_uri);
        r.notified = std::string(to_string(n.mode)) + ": " + join(who, ", ");
        r.notification = true;
    } else {
        r.notified = "nobody";
    }
    return r;
}

Trace simulate_cell(const Compiled& c, const Cell& cell, bool detail) { return simulate_cell(c, cell, detail, nullptr); }

Trace simulate_cell(const Compiled& c, const Cell& cell, bool detail, const Conditions* when) {
    Trace t;
    Decisions d;
    simulate_cell_into(t, d, c, cell, detail ? Explain::steps : Explain::none, when);
    return t;
}

void simulate_cell_into(Trace& out, Decisions& d, const Compiled& c, const Cell& cell, Explain explain,
                        const Conditions* when) {
    Placement pl;
    if (cell.platform == Platform::teams) pl.trusted = cell.site != npos || cell.location != npos;
    pl.site = cell.site;
    pl.location = cell.location;
    if (cell.location != npos) pl.location_source = cell.location_source, pl.location_class = LocationClass::lis;
    const User* user = cell.user != npos ? &c.cfg.users[cell.user] : nullptr;
    Call call{user, cell.platform, user ? user->sfb_client : SfbClient::modern, &cell.dialed, nullptr, nullptr, when};
    simulate_placed_into(out, d, c, call, pl, explain);
}

CellPlan plan_cells(const Compiled& c) {
    CellPlan plan;
    plan.platforms = platforms_in_use(c.cfg);
    plan.site_unmapped.assign(c.cfg.sites.size(), 0);
    for (const auto& s : c.cfg.subnets)
        if (s.site.resolved() && !c.lis_subnet.count(s.prefix.network)) plan.site_unmapped[s.site.index] = 1;
    return plan;
}

void site_cells(const Compiled& c, const CellPlan& plan, std::uint32_t s, std::vector<Cell>& out) {
    const std::string& country = site_country(c, s);
    std::vector<std::pair<std::uint32_t, LocationSource>> places;
    std::set<std::uint32_t> seen;
    for (const auto& sl : c.site_locations[s])
        if (seen.insert(sl.location).second) {
            LocationSource src = sl.via_kind == Kind::wireless_access_point ? LocationSource::wireless_access_point
                                 : sl.via_kind == Kind::port                 ? LocationSource::port
                                 : sl.via_kind == Kind::switch_              ? LocationSource::switch_
                                                                             : LocationSource::lis_subnet;
            places.emplace_back(sl.location, src);
        }
    if (places.empty() || plan.site_unmapped[s]) places.emplace_back(npos, LocationSource::none);
    for (auto p : plan.platforms) {
        // The numbers depend on the site, not on the place in it: asked once per site and platform.
        const auto nums = numbers_in_effect(c, p, s, nullptr, country);
        for (const auto& [loc, src] : places)
            for (const auto& num : nums) out.push_back(Cell{p, s, loc, src, npos, num});
    }
}

// Callers in no known site: one per distinct set of user policies.
void no_site_cells(const Compiled& c, std::vector<Cell>& out) {
    const Config& cfg = c.cfg;
    std::set<std::string> signatures;
    for (std::uint32_t u = 0; u < cfg.users.size(); ++u) {
        const auto& user = cfg.users[u];
        Platform p = cfg.platform_of(user);
        std::string sig = std::string(to_string(p)) + "|" + user.emergency_calling_policy.id + "|" + user.emergency_call_routing_policy.id + "|" +
                          user.location_policy.id + "|" + user.routing_policy.id + "|" + user.dial_plan.id + "|" + to_string(user.sfb_client);
        if (!signatures.insert(sig).second) continue;
        for (const auto& num : numbers_in_effect(c, p, npos, &user, user_country(c, user))) out.push_back(Cell{p, npos, npos, LocationSource::none, u, num});
    }
}

std::vector<Cell> matrix_cells(const Compiled& c) {
    const CellPlan plan = plan_cells(c);
    std::vector<Cell> cells;
    for (std::uint32_t s = 0; s < c.cfg.sites.size(); ++s) site_cells(c, plan, s, cells);
    no_site_cells(c, cells);
    return cells;
}

}  // namespace detail

std::vector<MatrixRow> matrix(const Simulator& sim) { return matrix(sim, {}); }

std::vector<MatrixRow> matrix(const Simulator& sim, const std::vector<std::string>& down) {
    const auto& c = sim.compiled();
    const detail::Conditions when = detail::conditions_down(c, down);
    std::vector<MatrixRow> rows;
    Trace t;
    detail::Decisions d;
    for (const auto& cell : detail::matrix_cells(c)) {
        detail::simulate_cell_into(t, d, c, cell, Explain::none, &when);
        rows.push_back(detail::to_row(t));
    }
    return rows;
}

}  // namespace e911
