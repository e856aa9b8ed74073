// emergency-single-gateway: An emergency number at a site whose calls all depend on one gateway.
// Why it matters and how to fix it: docs/rules/emergency-single-gateway.md.
#include <algorithm>
#include <map>
#include <set>

#include "lint/rule.hpp"
#include "lint/site_calls.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

// A number whose matching routes (all of them, since a route with no gateway left fails over to the next
// route of the usage) offer one enabled gateway between them: if that gateway is down, the call is dropped
// (Microsoft: "if none of the SBCs are available, the call is dropped"). Numbers with no gateway at all are
// emergency-route-missing / route-no-gateway findings, not this one.
void check(const LintContext& x, Emit& emit) {
    for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
        std::map<std::uint32_t, std::vector<const SiteEmergencyCall*>> by_gateway;
        const auto site_calls = site_emergency_calls(x, s);  // by_gateway points into it
        for (const auto& call : site_calls)
            if (call.gateways.size() == 1) by_gateway[call.gateways.front()].push_back(&call);
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
