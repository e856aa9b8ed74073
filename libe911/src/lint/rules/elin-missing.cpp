// elin-missing: A location reached through an ELIN gateway has no ELIN.
// Why it matters and how to fix it: docs/rules/elin-missing.md.
#include <set>

#include "compile/policy.hpp"
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    // Locations reached by callers at sites whose emergency numbers leave through an ELIN gateway.
    std::set<std::uint32_t> elin_gateways;
    for (std::uint32_t g = 0; g < x.cfg.gateways.size(); ++g)
        if (x.cfg.gateways[g].emergency_routing == EmergencyRouting::elin) elin_gateways.insert(g);
    if (elin_gateways.empty()) return;
    auto usage_hits_elin = [&](std::uint32_t usage, const std::string& number) {
        for (auto r : x.c.matching_routes(usage, number))
            for (const auto& g : x.cfg.routes[r].gateways)
                if (g.resolved() && elin_gateways.count(g.index)) return x.cfg.gateways[g.index].id;
        return std::string();
    };
    std::set<std::uint32_t> reported;
    for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
        const auto& site = x.cfg.sites[s];
        std::string gw;
        if (site.emergency_call_routing_policy.resolved())
            for (const auto& n : x.cfg.emergency_call_routing_policies[site.emergency_call_routing_policy.index].numbers)
                if (gw.empty() && n.pstn_usage.resolved()) gw = usage_hits_elin(n.pstn_usage.index, n.dial_string);
        if (gw.empty() && site.location_policy.resolved()) {
            const auto& lp = x.cfg.location_policies[site.location_policy.index];
            if (lp.pstn_usage.resolved())
                for (const auto& e : dial_entries(lp, SfbClient::modern))
                    if (gw.empty() && !e.is_mask) gw = usage_hits_elin(lp.pstn_usage.index, "+" + e.dial_string);
        }
        if (gw.empty()) continue;
        for (const auto& sl : x.c.site_locations[s]) {
            const auto& l = x.cfg.locations[sl.location];
            bool has = !l.elins.empty() || (l.address.resolved() && !x.cfg.addresses[l.address.index].elins.empty());
            if (has || !reported.insert(sl.location).second) continue;
            auto& f = emit(target(Kind::location, l.id), l.pos.self,
                           "location `" + l.id + "` has no ELIN (nor its address), but emergency calls from site `" + site.id + "` leave through ELIN gateway `" +
                               gw + "`: the PSAP gets the trunk's address instead of the caller's",
                           "add an ELIN to the location (or its address) and register it with the carrier's ALI database");
            emit.related(f, target(Kind::site, site.id), site.pos.self);
        }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule elin_missing{"elin-missing", "address", Severity::error,
    "A location reached through an ELIN gateway has no ELIN.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
