// kari-direct-dial: Bare 911 is not dialable, or its route does not match it (US).
// Why it matters and how to fix it: docs/rules/kari-direct-dial.md.
#include "compile/policy.hpp"
#include "lint/policy_uses.hpp"
#include "lint/rule.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& use : policy_uses(x)) {
        if (!use.countries.count("US")) continue;
        const std::string id = policy_id(x.cfg, use);
        const Positions& pos = policy_pos(x.cfg, use);
        auto entries = all_entries(x.cfg, use);
        bool bare = false;
        for (const auto& e : entries) bare = bare || (!e.is_mask && e.dial_string == "911");
        if (!bare) {
            auto& f = emit(target(use.kind, id), pos.of("numbers"),
                           "`911` is not a dial string of this policy: Kari's Law requires 911 to be dialable with no prefix (a mask like 9911 is extra, not a substitute)",
                           "add a number with dial_string \"911\"");
            relate_users(emit, f, use);
            continue;
        }
        // ... and its route must match 911 as the platform sends it.
        std::uint32_t usage = npos;
        Platform plat = use.kind == Kind::location_policy ? Platform::sfb : Platform::teams;
        if (plat == Platform::sfb) usage = x.cfg.location_policies[use.index].pstn_usage.index;
        else
            for (const auto& n : x.cfg.emergency_call_routing_policies[use.index].numbers)
                if (n.dial_string == "911") usage = n.pstn_usage.index;
        if (usage == npos) continue;  // a missing usage is reported as a load error
        std::string sent = routed_form(plat, "911");
        if (x.c.matching_routes(usage, sent).empty()) {
            auto& f = emit(target(use.kind, id), pos.of("numbers"),
                           "no route in PSTN usage `" + x.cfg.pstn_usages[usage].id + "` matches `" + sent + "` as " +
                               (plat == Platform::sfb ? "Skype for Business" : "Teams") + " sends it, so a bare 911 call fails",
                           std::string("make the emergency route's pattern match ") + sent + (plat == Platform::sfb ? " (SfB prepends +), e.g. ^\\+911$" : ", e.g. ^911$"));
            emit.related(f, target(Kind::pstn_usage, x.cfg.pstn_usages[usage].id), x.cfg.pstn_usages[usage].pos.self);
        }
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule kari_direct_dial{"kari-direct-dial", "numbers", Severity::error,
    "Bare 911 is not dialable, or its route does not match it (US).",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
