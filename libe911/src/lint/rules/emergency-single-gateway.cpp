// emergency-single-gateway: An emergency number at a site whose calls all depend on one gateway.
// Why it matters and how to fix it: docs/rules/emergency-single-gateway.md.
#include <algorithm>
#include <map>
#include <set>

#include "lint/rule.hpp"
#include "lint/site_calls.hpp"
#include "simulate/decisions.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

// The gateway whose loss drops the call, asked of the simulator's own failover walk (route.cpp, gateways.cpp)
// with each candidate gateway down in turn, so this rule and `e911 simulate --down` cannot disagree; npos when
// no single gateway's loss drops it.
std::uint32_t single_point_of_failure(const LintContext& x, const SiteEmergencyCall& call) {
    std::vector<std::string> scratch;
    GatewayDecision chosen;
    for (auto g : call.gateways) {
        Conditions when;
        when.gateways_down.push_back(g);
        if (walk_routes(x.c, call.routes, when, scratch, chosen, nullptr) == npos) return g;
    }
    return npos;
}

// A number whose matching routes (all of them, since a route with no gateway left fails over to the next
// route of the usage) depend on one gateway: if that gateway is down, the call is dropped (Microsoft: "if
// none of the SBCs are available, the call is dropped"). Numbers with no gateway at all are
// emergency-route-missing / route-no-gateway findings, not this one.
void check(const LintContext& x, Emit& emit) {
    for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
        std::map<std::uint32_t, std::vector<const SiteEmergencyCall*>> by_gateway;
        const auto site_calls = site_emergency_calls(x, s);  // by_gateway points into it
        for (const auto& call : site_calls)
            if (auto g = single_point_of_failure(x, call); g != npos) by_gateway[g].push_back(&call);
        const auto& site = x.cfg.sites[s];
        for (const auto& [g, calls] : by_gateway) {
            const auto& gw = x.cfg.gateways[g];
            std::vector<std::string> numbers;
            for (const auto* c : calls)
                if (std::find(numbers.begin(), numbers.end(), c->dial_string) == numbers.end())
                    numbers.push_back(c->dial_string);
            auto& f = emit(target(Kind::site, site.id), site.pos.self,
                           "every emergency call to " + join(numbers, ", ") + " from site `" + site.id +
                               "` depends on gateway `" + gw.id + "`: if it is down, the calls are dropped",
                           "add a second gateway to the emergency route, or a second route to the emergency PSTN "
                           "usage through another gateway");
            emit.related(f, target(Kind::gateway, gw.id), gw.pos.self, "the only gateway");
            std::set<std::uint32_t> routes;
            for (const auto* c : calls) routes.insert(c->routes.begin(), c->routes.end());
            for (auto r : routes) emit.related(f, target(Kind::route, x.cfg.routes[r].id), x.cfg.routes[r].pos.self);
        }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule emergency_single_gateway{
    "emergency-single-gateway", "routing", Severity::warning,
    "An emergency number at a site whose calls all depend on one gateway.", check};
}  // namespace lint_rules

}  // namespace e911::detail
