// The trace's placement steps: trusted IP, network site and LIS location, rendered from the
// Placement decision and the caller's fields as given.
#include "simulate/explain.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

void explain_trust(Explainer& x, const CallerSetup& caller) {
    const Placement& p = x.d.placement;
    switch (p.trust) {
        case TrustCase::not_teams:
            return x.add(
                "trusted_ip", "not applicable",
                "Skype for Business clients register on the internal network; trusted IPs are a Teams concept");
        case TrustCase::no_public_ip:
            return x.add("trusted_ip", "trusted",
                         "no public IP given: the caller is taken to egress through a trusted IP (our rule)");
        case TrustCase::trusted_ip: {
            const auto& ip = x.cfg.trusted_ips[p.trusted_ip];
            return x.add("trusted_ip", "trusted",
                         caller.public_ip_text + " is inside trusted IP " + ip.prefix.to_string(), ip.pos.self);
        }
        case TrustCase::untrusted:
            return x.add("trusted_ip", "untrusted",
                         caller.public_ip_text +
                             " is not a trusted IP: Teams looks up no network site and no dynamic "
                             "location (e.g. off-site, or a shared cloud proxy)");
    }
}

std::string longest_prefix_why(Explainer& x, const CallerSetup& caller, const std::vector<std::uint32_t>& all) {
    const auto& subnets = x.cfg.subnets;
    std::string why = std::string(caller.ip->ip.v6 ? "IPv6" : "IPv4") + " longest-prefix match " +
                      subnets[x.d.placement.subnet].key();
    if (caller.platform == Platform::sfb)
        why += " (no client prefix length given, so not the SfB exact network-ID match)";
    else
        why += " (Teams checks IPv6 subnets before IPv4)";
    if (all.size() > 1) {
        std::vector<std::string> others;
        for (std::size_t i = 0; i + 1 < all.size(); ++i)
            others.push_back(subnets[all[i]].key() + " (site " + subnets[all[i]].site.id + ")");
        why += "; ambiguous: also inside " + join(others, ", ") +
               " - neither platform documents the winner, we take the longest prefix";
    }
    return why;
}

void explain_site(Explainer& x, const CallerSetup& caller) {
    const Placement& p = x.d.placement;
    const auto& subnets = x.cfg.subnets;
    switch (p.site_case) {
        case SiteCase::given:
            return;
        case SiteCase::no_ip:
            return x.add("site", "unknown", "no client IP given");
        case SiteCase::untrusted:
            return x.add("site", "unknown", "untrusted egress: Teams does not look up network sites");
        case SiteCase::sfb_exact:
            return x.add(
                "site", subnets[p.subnet].site.id,
                "SfB exact network-ID match: the client's network " + p.client_network.to_string() + " is configured",
                subnets[p.subnet].pos.self);
        case SiteCase::sfb_exact_miss: {
            auto all = x.c.subnets_containing(caller.ip->ip);
            std::string near = all.empty() ? ""
                                           : " (" + subnets[all.back()].key() +
                                                 " contains the address, but SfB wants the exact network ID)";
            return x.add("site", "unknown",
                         "SfB exact network-ID miss: the client sends " + p.client_network.to_string() +
                             ", which is not a configured subnet" + near,
                         all.empty() ? SourcePos{} : subnets[all.back()].pos.self);
        }
        case SiteCase::no_subnet:
            return x.add("site", "unknown",
                         caller.ip_text + " is in no configured " + (caller.ip->ip.v6 ? "IPv6" : "IPv4") + " subnet");
        case SiteCase::longest_prefix: {
            auto all = x.c.subnets_containing(caller.ip->ip);
            return x.add("site", subnets[p.subnet].site.id, longest_prefix_why(x, caller, all),
                         subnets[p.subnet].pos.self);
        }
    }
}

void found(Explainer& x, const Ref& location, const Positions& pos, const std::string& why) {
    x.add("location", location.id, why, pos.self);
}

// The LIS lookups in order (BSSID, port, switch, subnet): each one tried before the one that decided missed.
void explain_location(Explainer& x, const CallerSetup& caller) {
    const Placement& p = x.d.placement;
    const Caller& text = *caller.text;
    if (p.location_case == LocationCase::given) return;
    if (p.location_case == LocationCase::untrusted)
        return x.add("location", "unknown", "untrusted egress: no dynamic location lookup");
    if (caller.bssid) {
        std::string mac = caller.bssid->to_string();
        if (p.location_case == LocationCase::bssid || p.location_case == LocationCase::bssid_wildcard) {
            const auto& wap = x.cfg.wireless_access_points[p.entry];
            bool wild = p.location_case == LocationCase::bssid_wildcard;
            return found(
                x, wap.location, wap.pos,
                "BSSID " + mac +
                    (wild ? " matches wildcard " + wap.bssid.to_string() + " (an exact entry would win; there is none)"
                          : " matches exactly"));
        }
        x.add("location", "no match", "BSSID " + mac + " is in no wireless access point entry (exact or wildcard)");
    }
    if (!caller.chassis.empty() && !text.port_id.empty()) {
        if (p.location_case == LocationCase::port)
            return found(x, x.cfg.ports[p.entry].location, x.cfg.ports[p.entry].pos,
                         "switch " + caller.chassis + " port " + text.port_id + " is in the LIS");
        x.add("location", "no match", "port " + text.port_id + " of switch " + caller.chassis + " is not in the LIS");
    }
    if (!caller.chassis.empty()) {
        if (p.location_case == LocationCase::switch_)
            return found(x, x.cfg.switches[p.entry].location, x.cfg.switches[p.entry].pos,
                         "switch chassis " + caller.chassis + " is in the LIS");
        x.add("location", "no match", "switch chassis " + caller.chassis + " is not in the LIS");
    }
    if (!caller.ip) return x.add("location", "unknown", "nothing to look up (no BSSID, switch, port or IP)");
    if (p.location_case == LocationCase::no_prefix_length)
        return x.add(
            "location", "unknown",
            "no prefix length for " + caller.ip_text + " and no site subnet to borrow one from, so no network ID to look up");
    std::string lenwhy = caller.ip->prefix_length >= 0 ? ""
                                                       : " (prefix length /" + std::to_string(p.lis_prefix_length) +
                                                             " taken from the site subnet: our rule)";
    if (p.location_case == LocationCase::lis_subnet)
        return found(x, x.cfg.lis_subnets[p.entry].location, x.cfg.lis_subnets[p.entry].pos,
                     "LIS subnet network ID " + p.lis_network.to_string() + lenwhy);
    x.add("location", "unknown",
          "network ID " + p.lis_network.to_string() + lenwhy + " is not a LIS subnet: no automatic location");
}

// A dual-stack caller: which address (and public address) Teams used, and why.
void explain_family(Explainer& x, const CallerSetup& caller) {
    if (caller.family == FamilyCase::single) return;
    const Caller& text = *caller.text;
    std::string v6 = caller.ip->ip.v6 ? caller.ip_text : caller.ip_text == text.ip ? text.ip_other : text.ip;
    std::string pub = caller.public_ip ? "; the trusted-IP check uses public address " + caller.public_ip_text +
                                             (caller.public_ip_other ? " (the same family)" : " (the only one given: our rule)")
                                       : "";
    std::string platform = caller.platform == Platform::teams ? "Teams" : "Skype for Business (our rule: as Teams)";
    if (caller.family == FamilyCase::ipv6_in_subnet)
        return x.add("address_family", "IPv6",
                     v6 + " is in a configured IPv6 subnet: " + platform + " checks the IPv6 address against IPv6 " +
                         "subnets first (Microsoft, network settings for dynamic emergency calling)" + pub);
    x.add("address_family", "IPv4",
          v6 + " is in no configured IPv6 subnet, so " + platform + " uses the IPv4 address " + caller.ip_text + pub);
}

const char* source_words(LocationClass k) {
    switch (k) {
        case LocationClass::user_confirmed:
            return "OS location the user confirmed";
        case LocationClass::os_unconfirmed:
            return "OS location the user did not confirm";
        case LocationClass::user_entered:
            return "address the user entered";
        default:
            return "location";
    }
}

std::string static_why(const User& u) {
    return "the LIS found no location; user `" + u.id + "` has the static emergency address `" +
           u.emergency_address.id + "` (emergency_address)" +
           (u.common_area_phone ? ": a common area phone is routed on its registered address" : "");
}

}  // namespace

// Which location the call carries when the LIS found none: the client's (if it may supply one), else the
// user's static address (domain §7). Rendered after the policies: the emergency calling policy decides
// whether an off-network client may supply its location.
void explain_location_class(Explainer& x) {
    const Placement& p = x.d.placement;
    const User* u = x.call.user;
    const CallerSetup* caller = x.call.caller;
    const char* cls = to_string(p.location_class);
    std::string where = p.location != npos ? "location `" + x.cfg.locations[p.location].id + "`"
                        : p.address != npos ? "address `" + x.cfg.addresses[p.address].id + "`"
                                            : "";
    switch (p.class_case) {
        case ClassCase::lis_or_given:
            if (p.location_class == LocationClass::lis && caller)
                x.add("location_class", cls, "found by the network (LIS): Teams sends it without asking the user");
            return;
        case ClassCase::client:
            return x.add("location_class", cls,
                         "the LIS found no location; the client supplies " + where + " (" +
                             source_words(p.location_class) + ")" +
                             (p.trusted == false ? ", allowed off-network because external location lookup is on" : ""),
                         x.d.policies.emergency_calling.index != npos && p.trusted == false
                             ? x.cfg.emergency_calling_policies[x.d.policies.emergency_calling.index].pos.of(
                                   "external_location_lookup")
                             : SourcePos{});
        case ClassCase::client_refused: {
            auto i = x.d.policies.emergency_calling.index;
            std::string policy = i != npos ? "emergency calling policy `" + x.cfg.emergency_calling_policies[i].id + "`"
                                           : "no emergency calling policy";
            x.add("location_class", "client location not used",
                  "off-network (untrusted egress) and " + policy +
                      " does not enable external location lookup: the client may not supply a location",
                  i != npos ? x.cfg.emergency_calling_policies[i].pos.of("external_location_lookup") : SourcePos{});
            if (p.location_class == LocationClass::static_ && u)
                x.add("location_class", cls, static_why(*u), u->pos.of("emergency_address"));
            else
                x.add("location_class", cls, "no location from the LIS, the client or a static address");
            return;
        }
        case ClassCase::static_address:
            return x.add("location_class", cls, static_why(*u), u->pos.of("emergency_address"));
        case ClassCase::none:
            return x.add("location_class", cls,
                         "no location from the LIS, the client or a static address (the user has no emergency_address)");
    }
}

void explain_placement(Explainer& x, const CallerSetup& caller) {
    explain_family(x, caller);
    explain_trust(x, caller);
    explain_site(x, caller);
    explain_location(x, caller);
}

}  // namespace e911::detail
