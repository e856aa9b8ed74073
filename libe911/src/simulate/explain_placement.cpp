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
                         caller.text->public_ip + " is inside trusted IP " + ip.prefix.to_string(), ip.pos.self);
        }
        case TrustCase::untrusted:
            return x.add("trusted_ip", "untrusted",
                         caller.text->public_ip +
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
                         caller.text->ip + " is in no configured " + (caller.ip->ip.v6 ? "IPv6" : "IPv4") + " subnet");
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
            "no prefix length for " + text.ip + " and no site subnet to borrow one from, so no network ID to look up");
    std::string lenwhy = caller.ip->prefix_length >= 0 ? ""
                                                       : " (prefix length /" + std::to_string(p.lis_prefix_length) +
                                                             " taken from the site subnet: our rule)";
    if (p.location_case == LocationCase::lis_subnet)
        return found(x, x.cfg.lis_subnets[p.entry].location, x.cfg.lis_subnets[p.entry].pos,
                     "LIS subnet network ID " + p.lis_network.to_string() + lenwhy);
    x.add("location", "unknown",
          "network ID " + p.lis_network.to_string() + lenwhy + " is not a LIS subnet: no automatic location");
}

}  // namespace

void explain_placement(Explainer& x, const CallerSetup& caller) {
    explain_trust(x, caller);
    explain_site(x, caller);
    explain_location(x, caller);
}

}  // namespace e911::detail
