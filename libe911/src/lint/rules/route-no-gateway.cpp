// route-no-gateway: A route has no enabled gateway.
// Why it matters and how to fix it: docs/rules/route-no-gateway.md.
#include "lint/rule.hpp"
#include "model/refs.hpp"

namespace e911::detail {
namespace {

bool enabled_gateway(const Config& c, const Route& r) {
    for (const auto& g : r.gateways)
        if (g.resolved() && c.gateways[g.index].enabled) return true;
    return false;
}

void check(const LintContext& x, Emit& emit) {
    for (const auto& r : x.cfg.routes)
        if (!enabled_gateway(x.cfg, r))
            emit(target(Kind::route, r.id), r.pos.of("gateways"),
                 r.gateways.empty() ? "route `" + r.id + "` has no gateways" : "every gateway of route `" + r.id + "` is disabled",
                 "add an enabled gateway to the route, or remove the route");
}

}  // namespace

namespace lint_rules {
extern constinit const Rule route_no_gateway{"route-no-gateway", "routing", Severity::error,
    "A route has no enabled gateway.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
