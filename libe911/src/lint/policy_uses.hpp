// The emergency policies in effect, per policy, shared by the emergency-number rules
// (emergency-number-missing/-unknown, kari-direct-dial, dial-plan-shadows-emergency).
#pragma once
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "compile/policy.hpp"
#include "lint/rule.hpp"

namespace e911::detail {

// A policy that some site or user gets, with who gets it and the country that applies there.
struct PolicyUse {
    Kind kind;                 // emergency_call_routing_policy or location_policy
    std::uint32_t index;
    std::set<std::string> countries;
    std::vector<std::pair<std::string, SourcePos>> users_of;  // target, position (for related)
};

// Every effective emergency policy of every site and user, grouped per policy so a finding is
// reported once per policy and country, not once per user.
std::vector<PolicyUse> policy_uses(const LintContext& x);

// Teams routing policies are judged by Microsoft's Teams table, SfB location policies by libphonenumber.
inline Platform platform_of(const PolicyUse& u) {
    return u.kind == Kind::emergency_call_routing_policy ? Platform::teams : Platform::sfb;
}
const std::string& policy_id(const Config& c, const PolicyUse& u);
const Positions& policy_pos(const Config& c, const PolicyUse& u);
// Every dial string and mask the policy recognises, for any client.
std::vector<DialEntry> all_entries(const Config& c, const PolicyUse& u);
// Attaches the sites and users that get the policy (at most five) to a finding.
void relate_users(Emit& emit, Finding& f, const PolicyUse& u);

}  // namespace e911::detail
