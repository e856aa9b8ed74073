// Routing rules: does every emergency number have a live route, and is every object used?
#include <map>
#include <set>

#include "lint/lint_engine.hpp"
#include "compile/policy.hpp"
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

bool enabled_gateway(const Config& c, const Route& r) {
    for (const auto& g : r.gateways)
        if (g.resolved() && c.gateways[g.index].enabled) return true;
    return false;
}

// Test inputs for pattern complexity: typical numbers plus long digit runs that make
// backtracking patterns explode.
const std::vector<std::string>& probe_numbers() {
    static const std::vector<std::string> v = {"911", "+911", "112", "+12175550100", "12175550100", "0041313000000", "9911",
                                               std::string(40, '1'), "+" + std::string(40, '9'), std::string(64, '0') + "x"};
    return v;
}

}  // namespace

std::vector<RuleImpl> routing_rules() {
    return {
        {"emergency-route-missing", "routing",
         [](const LintContext& x, Emit& emit) {
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
         }},
        {"route-no-gateway", "routing",
         [](const LintContext& x, Emit& emit) {
             for (const auto& r : x.cfg.routes)
                 if (!enabled_gateway(x.cfg, r))
                     emit(target(Kind::route, r.id), r.pos.of("gateways"),
                          r.gateways.empty() ? "route `" + r.id + "` has no gateways" : "every gateway of route `" + r.id + "` is disabled",
                          "add an enabled gateway to the route, or remove the route");
         }},
        {"gateway-pidf-off", "routing",
         [](const LintContext& x, Emit& emit) {
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
         }},
        {"route-pattern-invalid", "routing",
         [](const LintContext& x, Emit& emit) {
             auto check = [&](const Pattern& p, const std::string& text, const std::string& tgt, SourcePos pos) {
                 if (!p.ok()) {
                     emit(tgt, pos, "pattern `" + text + "` does not compile: " + p.error(), "fix the regular expression (.NET syntax)");
                     return;
                 }
                 for (const auto& n : probe_numbers()) {
                     auto m = p.search(n);
                     if (m.failed) {
                         emit(tgt, pos, "pattern `" + text + "` exceeds the regex engine's complexity limit on `" + n.substr(0, 20) + "`: " + m.error,
                              "remove nested quantifiers such as (\\d+)+ that backtrack exponentially");
                         return;
                     }
                 }
             };
             for (std::uint32_t i = 0; i < x.cfg.routes.size(); ++i)
                 check(x.c.route_patterns[i], x.cfg.routes[i].number_pattern, target(Kind::route, x.cfg.routes[i].id), x.cfg.routes[i].pos.of("number_pattern"));
             for (std::uint32_t d = 0; d < x.cfg.dial_plans.size(); ++d)
                 for (std::uint32_t r = 0; r < x.cfg.dial_plans[d].rules.size(); ++r)
                     check(x.c.dial_rule_patterns[d][r], x.cfg.dial_plans[d].rules[r].pattern, target(Kind::dial_plan, x.cfg.dial_plans[d].id),
                           x.cfg.dial_plans[d].rules[r].pos.of("pattern"));
         }},
        {"user-no-emergency-routing", "routing",
         [](const LintContext& x, Emit& emit) {
             bool some_site = false;
             for (const auto& s : x.cfg.sites) some_site = some_site || s.emergency_call_routing_policy.resolved();
             for (const auto& u : x.cfg.users) {
                 if (x.cfg.platform_of(u) == Platform::teams) {
                     if (user_ecrp(x.c, &u).index != npos) continue;
                     emit.with_severity(some_site ? Severity::warning : Severity::error, target(Kind::user, u.id), u.pos.self,
                                        some_site ? "Teams user `" + u.id + "` has no emergency call routing policy of their own and there is no `global` one: "
                                                    "outside sites that assign one, their emergency calls are not enabled"
                                                  : "Teams user `" + u.id + "` gets no emergency call routing policy from any site, the user or `global`: "
                                                    "their emergency calls are not enabled",
                                        "assign emergency_call_routing_policy to the user, or define a policy named `global`");
                 } else {
                     auto lp = effective_lp(x.c, npos, &u);
                     if (lp.index != npos && x.cfg.location_policies[lp.index].enhanced_emergency_services) continue;
                     auto& f = emit(target(Kind::user, u.id), u.pos.self,
                                    lp.index == npos ? "Skype for Business user `" + u.id + "` has no location policy (own or global)"
                                                     : "the location policy `" + x.cfg.location_policies[lp.index].id + "` of Skype for Business user `" + u.id +
                                                           "` has enhanced_emergency_services: false, so no location is sent with emergency calls",
                                    "assign a location policy with enhanced_emergency_services: true");
                     if (lp.index != npos)
                         emit.related(f, target(Kind::location_policy, x.cfg.location_policies[lp.index].id), x.cfg.location_policies[lp.index].pos.self);
                 }
             }
         }},
        {"unused-object", "routing",
         [](const LintContext& x, Emit& emit) {
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
             for_each_ref(x.cfg, [&](const RefVisit& v) {
                 if (v.ref->resolved()) used.insert({v.target, v.ref->index});
             });
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
         }},
    };
}

}  // namespace e911::detail
