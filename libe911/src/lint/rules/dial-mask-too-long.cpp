// dial-mask-too-long: A Skype for Business mask list exceeds 100 characters, or a Teams mask/dial string exceeds 10 digits.
// Why it matters and how to fix it: docs/rules/dial-mask-too-long.md.
#include "lint/rule.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void check(const LintContext& x, Emit& emit) {
    for (const auto& p : x.cfg.emergency_call_routing_policies)
        for (const auto& n : p.numbers) {
            if (n.dial_string.size() > 10)
                emit(target(Kind::emergency_call_routing_policy, p.id), n.pos.of("dial_string"), "dial string `" + n.dial_string + "` is longer than 10 digits",
                     "Teams accepts emergency dial strings of 1-10 digits");
            for (const auto& m : n.dial_masks)
                if (m.size() > 10)
                    emit(target(Kind::emergency_call_routing_policy, p.id), n.pos.of("dial_masks"), "dial mask `" + m + "` is longer than 10 digits",
                         "Teams accepts dial masks of 1-10 digits");
        }
    for (const auto& p : x.cfg.location_policies) {
        auto check = [&](const std::vector<std::string>& masks, SourcePos pos) {
            std::string joined = join(masks, ";");
            if (joined.size() > 100)
                emit(target(Kind::location_policy, p.id), pos,
                     "the dial mask list is " + std::to_string(joined.size()) + " characters as SfB stores it (`;`-separated); the limit is 100",
                     "drop masks nobody dials, or move numbers to separate emergency numbers");
        };
        check(p.dial_masks, p.pos.of("dial_masks"));
        for (const auto& n : p.numbers) check(n.dial_masks, n.pos.of("dial_masks"));
        if (p.dial_string.size() > 10)
            emit(target(Kind::location_policy, p.id), p.pos.of("dial_string"), "dial string `" + p.dial_string + "` is longer than 10 digits",
                 "EmergencyDialString takes 1-10 digits");
    }
}

}  // namespace

namespace lint_rules {
extern constinit const Rule dial_mask_too_long{"dial-mask-too-long", "numbers", Severity::error,
    "A Skype for Business mask list exceeds 100 characters, or a Teams mask/dial string exceeds 10 digits.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
