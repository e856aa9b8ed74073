// Emergency numbers and dialling: can every caller dial the country's emergency numbers, bare,
// and do they stay emergency numbers on the way out?
#include <map>
#include <set>

#include "lint/lint_engine.hpp"
#include "compile/policy.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

// A policy that some site or user gets, with who gets it and the country that applies there.
struct PolicyUse {
    Kind kind;                 // emergency_call_routing_policy or location_policy
    std::uint32_t index;
    std::set<std::string> countries;
    std::vector<std::pair<std::string, SourcePos>> users_of;  // target, position (for related)
};

// Every effective emergency policy of every site and user, grouped per policy so a finding is
// reported once per policy and country, not once per user.
std::vector<PolicyUse> policy_uses(const LintContext& x) {
    std::map<std::pair<Kind, std::uint32_t>, PolicyUse> m;
    auto add = [&](Kind k, std::uint32_t idx, const std::string& country, const std::string& who, SourcePos p) {
        if (idx == npos) return;
        auto& u = m.try_emplace({k, idx}, PolicyUse{k, idx, {}, {}}).first->second;
        if (!country.empty()) u.countries.insert(country);
        if (u.users_of.size() < 5) u.users_of.emplace_back(who, p);
    };
    for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
        std::string country = site_country(x.c, s);
        const auto& site = x.cfg.sites[s];
        add(Kind::emergency_call_routing_policy, site_ecrp(x.c, s, true).index, country, target(Kind::site, site.id), site.pos.self);
        if (site.location_policy.resolved()) add(Kind::location_policy, site.location_policy.index, country, target(Kind::site, site.id), site.pos.self);
    }
    for (const auto& u : x.cfg.users) {
        std::string country = user_country(x.c, u);
        if (x.cfg.platform_of(u) == Platform::teams)
            add(Kind::emergency_call_routing_policy, user_ecrp(x.c, &u).index, country, target(Kind::user, u.id), u.pos.self);
        else
            add(Kind::location_policy, effective_lp(x.c, npos, &u).index, country, target(Kind::user, u.id), u.pos.self);
    }
    // Policies nobody is assigned still get checked against the default country.
    for (std::uint32_t i = 0; i < x.cfg.emergency_call_routing_policies.size(); ++i)
        if (!m.count({Kind::emergency_call_routing_policy, i}))
            m.emplace(std::pair{Kind::emergency_call_routing_policy, i},
                      PolicyUse{Kind::emergency_call_routing_policy, i, {x.cfg.defaults.country}, {}});
    for (std::uint32_t i = 0; i < x.cfg.location_policies.size(); ++i)
        if (!m.count({Kind::location_policy, i}))
            m.emplace(std::pair{Kind::location_policy, i}, PolicyUse{Kind::location_policy, i, {x.cfg.defaults.country}, {}});
    std::vector<PolicyUse> r;
    for (auto& [k, v] : m) {
        v.countries.erase("");
        r.push_back(std::move(v));
    }
    return r;
}

const std::string& policy_id(const Config& c, const PolicyUse& u) {
    return u.kind == Kind::location_policy ? c.location_policies[u.index].id : c.emergency_call_routing_policies[u.index].id;
}
const Positions& policy_pos(const Config& c, const PolicyUse& u) {
    return u.kind == Kind::location_policy ? c.location_policies[u.index].pos : c.emergency_call_routing_policies[u.index].pos;
}
// Every dial string and mask the policy recognises, for any client.
std::vector<DialEntry> all_entries(const Config& c, const PolicyUse& u) {
    if (u.kind == Kind::emergency_call_routing_policy) return dial_entries(c.emergency_call_routing_policies[u.index]);
    auto r = dial_entries(c.location_policies[u.index], SfbClient::modern);
    auto legacy = dial_entries(c.location_policies[u.index], SfbClient::legacy);
    r.insert(r.end(), legacy.begin(), legacy.end());
    return r;
}
void relate_users(Emit& emit, Finding& f, const PolicyUse& u) {
    for (const auto& [t, p] : u.users_of) emit.related(f, t, p, "uses this policy");
}

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

}  // namespace

std::vector<RuleImpl> number_rules() {
    return {
        {"dial-mask-duplicate", "numbers",
         [](const LintContext& x, Emit& emit) {
             for (const auto& p : x.cfg.emergency_call_routing_policies)
                 duplicates_in(emit, target(Kind::emergency_call_routing_policy, p.id), p.numbers, "", {}, p.pos);
             for (const auto& p : x.cfg.location_policies)
                 duplicates_in(emit, target(Kind::location_policy, p.id), p.numbers, p.dial_string, p.dial_masks, p.pos);
         }},
        {"dial-mask-too-long", "numbers",
         [](const LintContext& x, Emit& emit) {
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
         }},
        {"emergency-numbers-limit", "numbers",
         [](const LintContext& x, Emit& emit) {
             for (const auto& p : x.cfg.location_policies) {
                 auto n = p.numbers.size();
                 if (n > 100)
                     emit.with_severity(Severity::error, target(Kind::location_policy, p.id), p.pos.of("numbers"),
                                        std::to_string(n) + " emergency numbers; Skype for Business accepts at most 100 per location policy", "remove numbers");
                 else if (n > 5)
                     emit(target(Kind::location_policy, p.id), p.pos.of("numbers"),
                          std::to_string(n) + " emergency numbers; servers before the November 2016 cumulative update accept only 5",
                          "make sure every front end runs the November 2016 CU or later, or keep 5 numbers");
             }
             for (const auto& p : x.cfg.emergency_call_routing_policies)
                 if (p.numbers.size() > 10)
                     emit.with_severity(Severity::error, target(Kind::emergency_call_routing_policy, p.id), p.pos.of("numbers"),
                                        std::to_string(p.numbers.size()) + " emergency numbers; Teams accepts at most 10 per emergency call routing policy",
                                        "split the numbers across policies");
         }},
        {"emergency-number-missing", "numbers",
         [](const LintContext& x, Emit& emit) {
             for (const auto& use : policy_uses(x)) {
                 auto entries = all_entries(x.cfg, use);
                 for (const auto& country : use.countries)
                     for (const auto& num : emergency_numbers(country)) {
                         bool covered = false;
                         for (const auto& e : entries) covered = covered || e.digits == num;
                         if (covered) continue;
                         auto& f = emit(target(use.kind, policy_id(x.cfg, use)), policy_pos(x.cfg, use).of("numbers"),
                                        num + " is an emergency number in " + country + " but the policy neither dials nor masks it: a caller dialling " + num +
                                            " is not treated as an emergency call",
                                        "add " + num + " as a dial string, or as a mask of the local emergency number");
                         relate_users(emit, f, use);
                     }
             }
         }},
        {"emergency-number-unknown", "numbers",
         [](const LintContext& x, Emit& emit) {
             for (const auto& use : policy_uses(x))
                 for (const auto& e : all_entries(x.cfg, use)) {
                     if (e.is_mask) continue;
                     for (const auto& country : use.countries) {
                         if (is_emergency_number(e.dial_string, country) || is_test_number(e.dial_string, country)) continue;
                         emit(target(use.kind, policy_id(x.cfg, use)), policy_pos(x.cfg, use).of("numbers"),
                              "dial string `" + e.dial_string + "` is not an emergency number in " + country + " (nor a known test number)",
                              "check the number; the emergency numbers there are " + join(emergency_numbers(country), ", "));
                     }
                 }
         }},
        {"kari-direct-dial", "numbers",
         [](const LintContext& x, Emit& emit) {
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
         }},
        {"dial-plan-shadows-emergency", "numbers",
         [](const LintContext& x, Emit& emit) {
             // Dial plans in use: assigned to a user, or the implicit `global`.
             std::set<std::uint32_t> in_use;
             for (const auto& u : x.cfg.users) {
                 auto dp = effective_dial_plan(x.c, &u);
                 if (dp.index != npos) in_use.insert(dp.index);
             }
             if (x.c.global_dp != npos) in_use.insert(x.c.global_dp);
             std::set<std::string> strings;
             for (const auto& use : policy_uses(x))
                 for (const auto& e : all_entries(x.cfg, use)) strings.insert(e.digits);
             for (auto d : in_use) {
                 const auto& dp = x.cfg.dial_plans[d];
                 for (const auto& s : strings)
                     for (auto r : x.c.dial_rule_order[d]) {
                         const auto& pat = x.c.dial_rule_patterns[d][r];
                         if (!pat.ok() || !pat.search(s).matched) continue;
                         std::string err;
                         auto out = pat.replace(s, dp.rules[r].translation, &err);
                         if (out && *out != s)
                             emit(target(Kind::dial_plan, dp.id), dp.rules[r].pos.of("pattern"),
                                  "rule `" + dp.rules[r].name + "` (" + dp.rules[r].pattern + ") turns emergency string `" + s + "` into `" + *out +
                                      "`, so the call is no longer recognised as an emergency call",
                                  "anchor the pattern so it cannot match emergency strings (e.g. ^9(\\d{10})$), or add a rule before it that keeps " + s +
                                      " unchanged");
                         break;  // first matching rule wins
                     }
             }
         }},
        {"legacy-dial-string-mismatch", "numbers",
         [](const LintContext& x, Emit& emit) {
             for (const auto& p : x.cfg.location_policies) {
                 if (p.numbers.empty()) continue;
                 bool found = false;
                 for (const auto& n : p.numbers) found = found || n.dial_string == p.dial_string;
                 if (!found)
                     emit(target(Kind::location_policy, p.id), p.pos.of("dial_string"),
                          p.dial_string.empty() ? "`numbers` is set but the legacy `dial_string` is empty: older clients have no emergency number at all"
                                                : "legacy dial_string `" + p.dial_string + "` is not among `numbers`: older clients dial something newer ones do not",
                          "set dial_string (and dial_masks) to the primary emergency number in `numbers`");
             }
         }},
    };
}

}  // namespace e911::detail
