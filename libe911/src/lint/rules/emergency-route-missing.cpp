// emergency-route-missing: An emergency number's PSTN usage has no route matching its dial string.
// Why it matters and how to fix it: docs/rules/emergency-route-missing.md.
#include <set>

#include "compile/policy.hpp"
#include "lint/rule.hpp"
#include "model/refs.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    auto missing = [&](const std::string& tgt, SourcePos pos, const std::string& number, std::uint32_t usage, Platform plat) {
        std::string sent = routed_form(plat, number);
        if (!x.c.matching_routes(usage, sent).empty()) return;
        auto& f = emit(tgt, pos,
                       "emergency number " + number + " goes to PSTN usage `" + x.cfg.pstn_usages[usage].id + "`, where no route matches `" + sent +
                           "`: the emergency call fails",
                       "add a route to usage `" + x.cfg.pstn_usages[usage].id + "` whose number_pattern matches " + sent);
        emit.related(f, target(Kind::pstn_usage, x.cfg.pstn_usages[usage].id), x.cfg.pstn_usages[usage].pos.self);
    };
    for (const auto& p : x.cfg.emergency_call_routing_policies)
        for (const auto& n : p.numbers)
            if (n.pstn_usage.resolved())
                missing(target(Kind::emergency_call_routing_policy, p.id), n.pos.of("pstn_usage"), n.dial_string, n.pstn_usage.index, Platform::teams);
    for (const auto& p : x.cfg.location_policies) {
        if (!p.pstn_usage.resolved()) continue;
        std::set<std::string> strings;
        for (auto client : {SfbClient::modern, SfbClient::legacy})
            for (const auto& e : dial_entries(p, client)) strings.insert(e.dial_string);
        for (const auto& s : strings) missing(target(Kind::location_policy, p.id), p.pos.of("pstn_usage"), s, p.pstn_usage.index, Platform::sfb);
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule emergency_route_missing{"emergency-route-missing", "routing", Severity::error,
    "An emergency number's PSTN usage has no route matching its dial string.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
