#include "lint/site_calls.hpp"

#include <algorithm>
#include <set>

#include "compile/policy.hpp"

namespace e911::detail {

namespace {
void add_call(const LintContext& x, std::vector<SiteEmergencyCall>& out, SiteEmergencyCall call) {
    for (auto r : x.c.matching_routes(call.usage, routed_form(call.platform, call.dial_string))) {
        call.routes.push_back(r);
        for (const auto& g : x.cfg.routes[r].gateways)
            if (g.resolved() && x.cfg.gateways[g.index].enabled &&
                std::find(call.gateways.begin(), call.gateways.end(), g.index) == call.gateways.end())
                call.gateways.push_back(g.index);
    }
    out.push_back(std::move(call));
}
}  // namespace

std::vector<SiteEmergencyCall> site_emergency_calls(const LintContext& x, std::uint32_t site) {
    std::vector<SiteEmergencyCall> out;
    auto ecrp = site_ecrp(x.c, site).index;
    if (ecrp == npos) ecrp = x.c.global_ecrp;
    if (ecrp != npos)
        for (const auto& n : x.cfg.emergency_call_routing_policies[ecrp].numbers)
            if (n.pstn_usage.resolved())
                add_call(x, out,
                         {n.dial_string,
                          Platform::teams,
                          Kind::emergency_call_routing_policy,
                          ecrp,
                          n.pstn_usage.index,
                          {},
                          {}});
    auto lp = effective_lp(x.c, site, nullptr).index;
    if (lp != npos && x.cfg.location_policies[lp].pstn_usage.resolved()) {
        const auto& p = x.cfg.location_policies[lp];
        std::set<std::string> strings;  // modern and legacy clients may dial different strings
        for (auto client : {SfbClient::modern, SfbClient::legacy})
            for (const auto& e : dial_entries(p, client)) strings.insert(e.dial_string);
        for (const auto& s : strings)
            add_call(x, out, {s, Platform::sfb, Kind::location_policy, lp, p.pstn_usage.index, {}, {}});
    }
    return out;
}

}  // namespace e911::detail
