#include "lint/policy_uses.hpp"

#include <map>

namespace e911::detail {

std::vector<PolicyUse> policy_uses(const LintContext& x) {
    std::map<std::pair<Kind, std::uint32_t>, PolicyUse> m;
    auto add = [&](Kind k, std::uint32_t idx, const std::string& country, const std::string& who, SourcePos p) {
        if (idx == npos) return;
        auto& u = m.try_emplace({k, idx}, PolicyUse{k, idx, {}, {}}).first->second;
        if (!country.empty()) u.countries.insert(country);
        if (u.users_of.size() < 5) u.users_of.emplace_back(who, p);
    };
    for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
        std::string country = site_country(x.c, s);
        const auto& site = x.cfg.sites[s];
        add(Kind::emergency_call_routing_policy, site_ecrp(x.c, s).index, country, target(Kind::site, site.id), site.pos.self);
        if (site.location_policy.resolved()) add(Kind::location_policy, site.location_policy.index, country, target(Kind::site, site.id), site.pos.self);
    }
    for (const auto& u : x.cfg.users) {
        std::string country = user_country(x.c, u);
        if (x.cfg.platform_of(u) == Platform::teams) {
            // The routing policy of a Calling Plan / Operator Connect user has no effect (domain §5, v2).
            if (u.pstn != PstnConnectivity::direct_routing) continue;
            add(Kind::emergency_call_routing_policy, user_ecrp(x.c, &u).index, country, target(Kind::user, u.id), u.pos.self);
        } else
            add(Kind::location_policy, effective_lp(x.c, npos, &u).index, country, target(Kind::user, u.id), u.pos.self);
    }
    // Policies nobody is assigned still get checked against the default country.
    for (std::uint32_t i = 0; i < x.cfg.emergency_call_routing_policies.size(); ++i)
        if (!m.count({Kind::emergency_call_routing_policy, i}))
            m.emplace(std::pair{Kind::emergency_call_routing_policy, i},
                      PolicyUse{Kind::emergency_call_routing_policy, i, {x.cfg.defaults.country}, {}});
    for (std::uint32_t i = 0; i < x.cfg.location_policies.size(); ++i)
        if (!m.count({Kind::location_policy, i}))
            m.emplace(std::pair{Kind::location_policy, i}, PolicyUse{Kind::location_policy, i, {x.cfg.defaults.country}, {}});
    std::vector<PolicyUse> r;
    for (auto& [k, v] : m) {
        v.countries.erase("");
        r.push_back(std::move(v));
    }
    return r;
}

const std::string& policy_id(const Config& c, const PolicyUse& u) {
    return u.kind == Kind::location_policy ? c.location_policies[u.index].id : c.emergency_call_routing_policies[u.index].id;
}
const Positions& policy_pos(const Config& c, const PolicyUse& u) {
    return u.kind == Kind::location_policy ? c.location_policies[u.index].pos : c.emergency_call_routing_policies[u.index].pos;
}
std::vector<DialEntry> all_entries(const Config& c, const PolicyUse& u) {
    if (u.kind == Kind::emergency_call_routing_policy) return dial_entries(c.emergency_call_routing_policies[u.index]);
    auto r = dial_entries(c.location_policies[u.index], SfbClient::modern);
    auto legacy = dial_entries(c.location_policies[u.index], SfbClient::legacy);
    r.insert(r.end(), legacy.begin(), legacy.end());
    return r;
}
void relate_users(Emit& emit, Finding& f, const PolicyUse& u) {
    for (const auto& [t, p] : u.users_of) emit.related(f, t, p, "uses this policy");
}

}  // namespace e911::detail
