// The rule catalogue: every lint rule, in catalogue order (`e911 rules` lists them in this order,
// and the engine runs them in it). Adding a rule: write rules/<id>.cpp defining
// `lint_rules::<id with _>`, document it in docs/rules/<id>.md, and name it in both lists below.
#include <vector>

#include "lint/rule.hpp"

namespace e911::detail {

namespace lint_rules {
extern const Rule subnet_overlap,
    subnet_redundant,
    site_no_subnets,
    trusted_ip_missing,
    trusted_ip_private,
    lis_subnet_unmapped,
    lis_subnet_orphan,
    bssid_wildcard_conflict,
    address_msag_format,
    address_not_validated,
    address_no_geocode,
    location_not_dispatchable,
    elin_shared,
    elin_is_user_number,
    elin_too_many,
    elin_missing,
    dial_mask_duplicate,
    dial_mask_too_long,
    emergency_numbers_limit,
    emergency_number_missing,
    emergency_number_unknown,
    kari_direct_dial,
    dial_plan_shadows_emergency,
    legacy_dial_string_mismatch,
    emergency_route_missing,
    route_no_gateway,
    gateway_pidf_off,
    route_pattern_invalid,
    user_no_emergency_routing,
    unused_object,
    kari_no_notification,
    kari_notification_building,
    notification_unmuted,
    notification_group_limit,
    external_lookup_global,
    psap_mismatch,
    psap_relay,
    psap_unknown,
    waiver_expired,
    waiver_unmatched;
}  // namespace lint_rules

const std::vector<const Rule*>& registry() {
    static const std::vector<const Rule*> all = {
        &lint_rules::subnet_overlap,
        &lint_rules::subnet_redundant,
        &lint_rules::site_no_subnets,
        &lint_rules::trusted_ip_missing,
        &lint_rules::trusted_ip_private,
        &lint_rules::lis_subnet_unmapped,
        &lint_rules::lis_subnet_orphan,
        &lint_rules::bssid_wildcard_conflict,
        &lint_rules::address_msag_format,
        &lint_rules::address_not_validated,
        &lint_rules::address_no_geocode,
        &lint_rules::location_not_dispatchable,
        &lint_rules::elin_shared,
        &lint_rules::elin_is_user_number,
        &lint_rules::elin_too_many,
        &lint_rules::elin_missing,
        &lint_rules::dial_mask_duplicate,
        &lint_rules::dial_mask_too_long,
        &lint_rules::emergency_numbers_limit,
        &lint_rules::emergency_number_missing,
        &lint_rules::emergency_number_unknown,
        &lint_rules::kari_direct_dial,
        &lint_rules::dial_plan_shadows_emergency,
        &lint_rules::legacy_dial_string_mismatch,
        &lint_rules::emergency_route_missing,
        &lint_rules::route_no_gateway,
        &lint_rules::gateway_pidf_off,
        &lint_rules::route_pattern_invalid,
        &lint_rules::user_no_emergency_routing,
        &lint_rules::unused_object,
        &lint_rules::kari_no_notification,
        &lint_rules::kari_notification_building,
        &lint_rules::notification_unmuted,
        &lint_rules::notification_group_limit,
        &lint_rules::external_lookup_global,
        &lint_rules::psap_mismatch,
        &lint_rules::psap_relay,
        &lint_rules::psap_unknown,
        &lint_rules::waiver_expired,
        &lint_rules::waiver_unmatched,
    };
    return all;
}

}  // namespace e911::detail
