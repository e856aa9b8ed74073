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
    // `owner` is the dial string a mask belongs to. A mask equal to its own dial string (New-CsEmergencyNumber
    // -DialString 117 -DialMask 117, as Microsoft's Bern example writes it) translates the number to itself:
    // harmless, so info only (issue 10, item 8). Repeats and another number's dial string stay errors.
    auto check = [&](const std::string& digits, const std::string& what, bool is_mask, SourcePos p,
                     const std::string& owner) {
        if (is_mask && digits == owner) {
            emit.with_severity(Severity::info, tgt, p,
                               what + " `" + digits + "` equals its own dial string: the mask changes nothing",
                               "harmless; remove the mask if you want the policy to read as the platform applies it");
            return;
        }
        auto it = seen.find(digits);
        if (it != seen.end() && (is_mask || it->second.rfind("mask", 0) == 0))
            emit(tgt, p, what + " `" + digits + "` repeats " + it->second + " in the same policy",
                 "dial strings and masks must be unique within a policy; remove the duplicate");
        else
            seen.emplace(digits, what + " of " + (is_mask ? "a number" : "itself"));
    };
    for (const auto& n : numbers) check(n.dial_string, "dial string", false, n.pos.of("dial_string"), {});
    for (const auto& n : numbers)
        for (const auto& m : n.dial_masks)
            check(m, "mask for " + n.dial_string, true, n.pos.of("dial_masks"), n.dial_string);
    seen.clear();
    if (!legacy_ds.empty()) check(legacy_ds, "dial string", false, pos.of("dial_string"), {});
    for (const auto& m : legacy_masks) check(m, "mask for " + legacy_ds, true, pos.of("dial_masks"), legacy_ds);
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
