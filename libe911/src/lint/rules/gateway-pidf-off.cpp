// gateway-pidf-off: A location-routing or ELIN gateway on an emergency route has PIDF-LO off.
// Why it matters and how to fix it: docs/rules/gateway-pidf-off.md.
#include <map>
#include <set>

#include "lint/rule.hpp"
#include "model/refs.hpp"

namespace e911::detail {
namespace {

// PSTN usages that carry emergency calls, with the platform that sends into them.
std::map<std::uint32_t, std::set<Platform>> emergency_usages(const Config& c) {
    std::map<std::uint32_t, std::set<Platform>> r;
    for (const auto& p : c.emergency_call_routing_policies)
        for (const auto& n : p.numbers)
            if (n.pstn_usage.resolved()) r[n.pstn_usage.index].insert(Platform::teams);
    for (const auto& p : c.location_policies)
        if (p.pstn_usage.resolved()) r[p.pstn_usage.index].insert(Platform::sfb);
    return r;
}

void check(const LintContext& x, Emit& emit) {
    auto usages = emergency_usages(x.cfg);
    std::set<std::uint32_t> reported;
    for (const auto& [u, plats] : usages)
        for (auto r : x.c.usage_routes[u])
            for (const auto& g : x.cfg.routes[r].gateways) {
                if (!g.resolved()) continue;
                const auto& gw = x.cfg.gateways[g.index];
                if (gw.emergency_routing == EmergencyRouting::fixed || gw.pidf_lo || !reported.insert(g.index).second) continue;
                auto& f = emit(target(Kind::gateway, gw.id), gw.pos.of("pidf_lo"),
                               gw.emergency_routing == EmergencyRouting::location
                                   ? "gateway `" + gw.id + "` carries emergency calls with location-based routing but PIDF-LO is off: the location never "
                                     "reaches the emergency routing provider, so calls go to the relay centre"
                                   : "ELIN gateway `" + gw.id + "` carries emergency calls but PIDF-LO is off: it reads the ELIN from the PIDF-LO, so "
                                     "the caller's own number goes out and the PSAP is chosen by the trunk's address",
                               "set pidf_lo: true (Set-CsOnlinePSTNGateway -PidfLoSupported $true / Set-CsTrunkConfiguration -EnablePIDFLOSupport $true)");
                emit.related(f, target(Kind::route, x.cfg.routes[r].id), x.cfg.routes[r].pos.self);
            }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule gateway_pidf_off{"gateway-pidf-off", "routing", Severity::error,
    "A location-routing or ELIN gateway on an emergency route has PIDF-LO off.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
