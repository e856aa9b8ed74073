// Placement: where the platform thinks the caller is. Trusted IP (Teams), then the network site
// from the client's subnet, then the LIS location: BSSID -> port -> switch -> subnet network ID,
// first match wins (domain §6-§7).
#include "simulate/decisions.hpp"

namespace e911::detail {
namespace {

void decide_trust(const Compiled& c, const CallerSetup& caller, Placement& p) {
    if (caller.platform != Platform::teams) {
        p.trust = TrustCase::not_teams;
        return;
    }
    if (!caller.public_ip) {
        p.trusted = true;  // our rule: no public IP given means the caller egresses through a trusted IP
        p.trust = TrustCase::no_public_ip;
        return;
    }
    p.trusted = false;
    p.trust = TrustCase::untrusted;
    for (std::uint32_t i = 0; i < c.cfg.trusted_ips.size(); ++i)
        if (c.cfg.trusted_ips[i].prefix.contains(*caller.public_ip)) {
            p.trusted = true;
            p.trust = TrustCase::trusted_ip;
            p.trusted_ip = i;
            return;
        }
}

void decide_site(const Compiled& c, const CallerSetup& caller, Placement& p) {
    if (!caller.ip) {
        p.site_case = SiteCase::no_ip;
        return;
    }
    if (p.trusted == false) {
        p.site_case = SiteCase::untrusted;
        return;
    }
    const ClientAddress& a = *caller.ip;
    if (caller.platform == Platform::sfb && a.prefix_length >= 0) {
        // SfB clients send their network ID; the match is exact, not longest-prefix.
        p.client_network = IpPrefix{mask(a.ip, a.prefix_length), static_cast<std::uint8_t>(a.prefix_length)};
        p.subnet = c.subnet_index.exact(p.client_network);
        p.site_case = p.subnet != npos ? SiteCase::sfb_exact : SiteCase::sfb_exact_miss;
    } else {
        p.subnet = c.subnet_index.longest(a.ip);
        p.site_case = p.subnet != npos ? SiteCase::longest_prefix : SiteCase::no_subnet;
    }
    if (p.subnet != npos) p.site = c.callers().subnet_site[p.subnet];
}

void found(Placement& p, LocationCase why, LocationSource source, std::uint32_t entry, std::uint32_t location) {
    p.location_case = why;
    p.location_source = source;
    p.location_class = LocationClass::lis;
    p.entry = entry;
    p.location = location;
}

bool in_a_subnet(const Compiled& c, const CallerSetup& s, const ClientAddress& a) {
    if (s.platform == Platform::sfb && a.prefix_length >= 0)
        return c.subnet_index.exact(IpPrefix{mask(a.ip, a.prefix_length), static_cast<std::uint8_t>(a.prefix_length)}) !=
               npos;
    return c.subnet_index.longest(a.ip) != npos;
}

void decide_location(const Compiled& c, const CallerSetup& caller, Placement& p) {
    if (p.trusted == false) {
        p.location_case = LocationCase::untrusted;
        return;
    }
    if (caller.bssid) {
        bool wildcard = false;
        auto w = c.find_bssid(*caller.bssid, &wildcard);
        if (w != npos) {
            auto why = wildcard ? LocationCase::bssid_wildcard : LocationCase::bssid;
            return found(p, why, LocationSource::wireless_access_point, w, c.cfg.wireless_access_points[w].location.index);
        }
    }
    if (!caller.chassis.empty() && !caller.text->port_id.empty()) {
        // MAC port IDs compare normalised, others case-insensitively (behaviour.md section 1, our rule).
        if (auto port = c.find_port(caller.chassis, caller.text->port_id); port != npos)
            return found(p, LocationCase::port, LocationSource::port, port, c.cfg.ports[port].location.index);
    }
    if (!caller.chassis.empty()) {
        auto it = c.switch_by_chassis.find(caller.chassis);
        if (it != c.switch_by_chassis.end())
            return found(p, LocationCase::switch_, LocationSource::switch_, it->second,
                         c.cfg.switches[it->second].location.index);
    }
    if (!caller.ip) {
        p.location_case = LocationCase::nothing_to_look_up;
        return;
    }
    // Without the client's prefix length, the site subnet's is borrowed (our rule).
    int len = caller.ip->prefix_length >= 0 ? caller.ip->prefix_length
              : p.subnet != npos            ? c.cfg.subnets[p.subnet].prefix.length
                                            : -1;
    if (len < 0) {
        p.location_case = LocationCase::no_prefix_length;
        return;
    }
    p.lis_prefix_length = len;
    p.lis_network = mask(caller.ip->ip, len);
    auto it = c.lis_subnet.find(p.lis_network);
    if (it == c.lis_subnet.end()) {
        p.location_case = LocationCase::lis_subnet_miss;
        return;
    }
    found(p, LocationCase::lis_subnet, LocationSource::lis_subnet, it->second, c.callers().lis_subnet_location[it->second]);
}

}  // namespace

// Teams checks the IPv6 address against IPv6 subnets first, then the IPv4 address (domain §2, v2); the
// trusted-IP check then uses the public address of that family. With one public address given, it is
// used whatever its family (our rule: the caller described one egress).
void choose_address_family(const Compiled& c, CallerSetup& s) {
    const Caller& text = *s.text;
    if (s.ip && s.ip_other) {
        bool v6_first = s.ip->ip.v6;
        const ClientAddress& v6 = v6_first ? *s.ip : *s.ip_other;
        bool use_v6 = in_a_subnet(c, s, v6);
        s.family = use_v6 ? FamilyCase::ipv6_in_subnet : FamilyCase::ipv6_in_no_subnet;
        if (use_v6 != v6_first) std::swap(s.ip, s.ip_other);
        s.ip_text = use_v6 == v6_first ? text.ip : text.ip_other;
    }
    if (s.public_ip && s.public_ip_other) {
        bool want_v6 = s.ip ? s.ip->ip.v6 : true;  // no client address: IPv6 first, as Teams tries it first
        if (s.public_ip->v6 != want_v6) {
            std::swap(s.public_ip, s.public_ip_other);
            s.public_ip_text = text.public_ip_other;
        }
    }
}

Placement place(const Compiled& c, const CallerSetup& caller) {
    Placement p;
    decide_trust(c, caller, p);
    decide_site(c, caller, p);
    decide_location(c, caller, p);
    return p;
}

}  // namespace e911::detail
