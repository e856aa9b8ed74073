// dynamic-routing-unsupported: A non-US site's emergency calls rely on a gateway with location-based routing.
// Why it matters and how to fix it: docs/rules/dynamic-routing-unsupported.md.
#include <algorithm>

#include "compile/policy.hpp"
#include "lint/rule.hpp"
#include "lint/site_calls.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

// Microsoft supports routing Direct Routing emergency calls on the dynamic location only in the United
// States (domain §7, v2); in Canada every call is screened nationally first, elsewhere the trunk's own
// routing applies. A site outside the US whose emergency calls go to a `location` gateway relies on
// something the platform does not do.
void check(const LintContext& x, Emit& emit) {
    for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
        std::string country = site_country(x.c, s);
        if (country.empty() || country == "US") continue;
        std::vector<std::uint32_t> gateways;
        std::vector<std::string> numbers;
        for (const auto& call : site_emergency_calls(x, s)) {
            if (call.platform != Platform::teams) continue;  // Direct Routing only
            for (auto g : call.gateways) {
                if (x.cfg.gateways[g].emergency_routing != EmergencyRouting::location) continue;
                if (std::find(gateways.begin(), gateways.end(), g) == gateways.end()) gateways.push_back(g);
                if (std::find(numbers.begin(), numbers.end(), call.dial_string) == numbers.end())
                    numbers.push_back(call.dial_string);
            }
        }
        if (gateways.empty()) continue;
        const auto& site = x.cfg.sites[s];
        std::vector<std::string> names;
        for (auto g : gateways) names.push_back("`" + x.cfg.gateways[g].id + "`");
        std::string what = country == "CA" ? "in Canada every Direct Routing emergency call is screened nationally "
                                             "by a relay centre before it reaches a PSAP"
                                           : "outside the US the call is routed as the carrier routes the trunk";
        auto& f = emit(target(Kind::site, site.id), site.pos.of("country"),
                       "site `" + site.id + "` is in " + country + " but its emergency calls to " +
                           join(numbers, ", ") + " rely on location-based routing at gateway " + join(names, ", ") +
                           ": Microsoft supports dynamic emergency routing for Direct Routing only in the US; " + what,
                       "confirm with the carrier how the trunk routes emergency calls from " + country +
                           ", and set emergency_routing to what it really does (elin or fixed)");
        for (auto g : gateways)
            emit.related(f, target(Kind::gateway, x.cfg.gateways[g].id), x.cfg.gateways[g].pos.of("emergency_routing"));
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule dynamic_routing_unsupported{
    "dynamic-routing-unsupported", "routing", Severity::warning,
    "A non-US site's emergency calls rely on a gateway with location-based routing.", check};
}  // namespace lint_rules

}  // namespace e911::detail
