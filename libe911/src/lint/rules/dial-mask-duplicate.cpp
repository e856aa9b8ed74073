// dial-mask-duplicate: A dial mask repeats within a policy, or equals another number's dial string.
// Why it matters and how to fix it: docs/rules/dial-mask-duplicate.md.
#include <map>

#include "lint/rule.hpp"

namespace e911::detail {
namespace {

// Checks one list of numbers for duplicate masks (and masks equal to another number's string).
void duplicates_in(Emit& emit, const std::string& tgt, const std::vector<EmergencyNumber>& numbers, const std::string& legacy_ds,
                   const std::vector<std::string>& legacy_masks, const Positions& pos) {
    std::map<std::string, std::string> seen;  // digits -> what it is
    auto check = [&](const std::string& digits, const std::string& what, bool is_mask, SourcePos p) {
        auto it = seen.find(digits);
        if (it != seen.end() && (is_mask || it->second.rfind("mask", 0) == 0))
            emit(tgt, p, what + " `" + digits + "` repeats " + it->second + " in the same policy",
                 "dial strings and masks must be unique within a policy; remove the duplicate");
        else
            seen.emplace(digits, what + " of " + (is_mask ? "a number" : "itself"));
    };
    for (const auto& n : numbers) check(n.dial_string, "dial string", false, n.pos.of("dial_string"));
    for (const auto& n : numbers)
        for (const auto& m : n.dial_masks) check(m, "mask for " + n.dial_string, true, n.pos.of("dial_masks"));
    seen.clear();
    if (!legacy_ds.empty()) check(legacy_ds, "dial string", false, pos.of("dial_string"));
    for (const auto& m : legacy_masks) check(m, "mask for " + legacy_ds, true, pos.of("dial_masks"));
}

void check(const LintContext& x, Emit& emit) {
    for (const auto& p : x.cfg.emergency_call_routing_policies)
        duplicates_in(emit, target(Kind::emergency_call_routing_policy, p.id), p.numbers, "", {}, p.pos);
    for (const auto& p : x.cfg.location_policies)
        duplicates_in(emit, target(Kind::location_policy, p.id), p.numbers, p.dial_string, p.dial_masks, p.pos);
}

}  // namespace

namespace lint_rules {
extern constinit const Rule dial_mask_duplicate{"dial-mask-duplicate", "numbers", Severity::error,
    "A dial mask repeats within a policy, or equals another number's dial string.",
    check};
}  // namespace lint_rules

}  // namespace e911::detail
