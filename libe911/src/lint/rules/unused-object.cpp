// unused-object: A policy, usage, route, gateway, dial plan or PSAP is referred to by nothing.
// Why it matters and how to fix it: docs/rules/unused-object.md.
#include <set>

#include "lint/rule.hpp"
#include "model/refs.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    // One flag per object of each kind: referenced by anything?
    struct Used {
        std::vector<std::vector<char>> flags = std::vector<std::vector<char>>(static_cast<int>(Kind::config));
        void insert(std::pair<Kind, std::uint32_t> k) {
            auto& f = flags[static_cast<int>(k.first)];
            if (f.size() <= k.second) f.resize(k.second + 1, 0);
            f[k.second] = 1;
        }
        std::size_t count(std::pair<Kind, std::uint32_t> k) const {
            const auto& f = flags[static_cast<int>(k.first)];
            return k.second < f.size() && f[k.second];
        }
    } used;
    for_each_ref(
        x.cfg, [&](const RefVisit& v) {
            if (v.ref->resolved()) used.insert({v.target, v.ref->index});
        },
        false);
    // A route is used when a used usage holds it; `global` policies are used implicitly.
    std::set<std::uint32_t> used_routes;
    for (std::uint32_t r = 0; r < x.cfg.routes.size(); ++r)
        for (const auto& u : x.cfg.routes[r].pstn_usages)
            if (u.resolved() && used.count({Kind::pstn_usage, u.index})) used_routes.insert(r);
    auto report = [&](Kind k, const std::string& id, const Positions& p, bool is_used) {
        if (is_used || id == "global") return;
        emit(target(k, id), p.self, std::string(to_string(k)) + " `" + id + "` is not referred to by anything",
             "remove it, or assign it where it was meant to apply");
    };
    auto each = [&](Kind k, const auto& list) {
        for (std::uint32_t i = 0; i < list.size(); ++i) report(k, list[i].id, list[i].pos, used.count({k, i}) > 0);
    };
    each(Kind::emergency_calling_policy, x.cfg.emergency_calling_policies);
    each(Kind::emergency_call_routing_policy, x.cfg.emergency_call_routing_policies);
    each(Kind::location_policy, x.cfg.location_policies);
    each(Kind::routing_policy, x.cfg.routing_policies);
    each(Kind::pstn_usage, x.cfg.pstn_usages);
    each(Kind::dial_plan, x.cfg.dial_plans);
    for (std::uint32_t i = 0; i < x.cfg.routes.size(); ++i)
        report(Kind::route, x.cfg.routes[i].id, x.cfg.routes[i].pos, used_routes.count(i) > 0);
    std::set<std::uint32_t> gateways_on_used_routes;
    for (auto r : used_routes)
        for (const auto& gr : x.cfg.routes[r].gateways)
            if (gr.resolved()) gateways_on_used_routes.insert(gr.index);
    for (std::uint32_t g = 0; g < x.cfg.gateways.size(); ++g)
        report(Kind::gateway, x.cfg.gateways[g].id, x.cfg.gateways[g].pos, gateways_on_used_routes.count(g) > 0);
    // A PSAP is used when it is a fallback or the one serving some address.
    std::set<std::uint32_t> serving;
    for (std::uint32_t a = 0; a < x.cfg.addresses.size(); ++a)
        for (auto p : x.c.psaps_serving(a)) serving.insert(p);
    for (std::uint32_t p = 0; p < x.cfg.psaps.size(); ++p) {
        bool serves = used.count({Kind::psap, p}) > 0;
        serves = serves || serving.count(p) > 0;
        report(Kind::psap, x.cfg.psaps[p].id, x.cfg.psaps[p].pos, serves);
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule unused_object{"unused-object", "routing", Severity::info,
    "A policy, usage, route, gateway, dial plan or PSAP is referred to by nothing.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
