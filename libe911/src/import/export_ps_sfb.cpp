// Skype for Business Server cmdlets for a `platform: sfb` configuration: usages, trunk
// configurations, voice routes and policies, dial plans with their normalization rules, the
// network topology, and the LIS wiremap (which SfB keys by the civic address, ELINs in CompanyName).
#include "import/export_ps.hpp"

namespace e911::detail::ps {

namespace {

void routing(const Config& c, std::vector<Cmd>& out) {
    for (const auto& u : c.pstn_usages) {
        std::string add_ = "Set-CsPstnUsage -Identity Global -Usage @{Add=" + q(u.id) + "}";
        out.push_back(Cmd{"pstn_usage/" + u.id, 1, add_, add_,
                          "Set-CsPstnUsage -Identity Global -Usage @{Remove=" + q(u.id) + "}", u.pos.self});
    }
    for (const auto& g : c.gateways) {  // the gateway itself lives in the topology (Topology Builder)
        std::string id = "Service:PstnGateway:" + g.id;
        add(out, 2, "gateway/" + g.id, "CsTrunkConfiguration",
            " -Identity " + q(id) + " -EnablePIDFLOSupport " + b(g.pidf_lo), g.pos.self, " -Identity " + q(id));
    }
    for (const auto& r : c.routes) {
        std::vector<std::string> gws;
        for (const auto& g : r.gateways) gws.push_back("PstnGateway:" + g.id);
        add(out, 3, "route/" + r.id, "CsVoiceRoute",
            " -Identity " + q(r.id) + " -Priority " + std::to_string(r.priority) + " -NumberPattern " +
                q(r.number_pattern) + " -PstnUsages @{Replace=" + refs(r.pstn_usages) +
                "} -PstnGatewayList @{Replace=" + qlist(gws) + "}",
            r.pos.self, " -Identity " + q(r.id));
    }
    for (const auto& p : c.routing_policies) {
        add(out, 4, "routing_policy/" + p.id, "CsVoicePolicy",
            " -Identity " + q(ident(p.id)) + " -PstnUsages @{Replace=" + refs(p.pstn_usages) + "}", p.pos.self,
            " -Identity " + q(ident(p.id)));
        if (p.id == "global") out.back().create = out.back().update;
    }
    for (const auto& d : c.dial_plans) {
        std::string args = " -Identity " + q(ident(d.id));
        if (!d.external_access_prefix.empty())
            args += " -ExternalAccessPrefix " + q(d.external_access_prefix) + " -OptimizeDeviceDialing $true";
        std::string rules_new, rules_set;
        for (const auto& r : d.rules) {
            std::string a = " -Pattern " + q(r.pattern) + " -Translation " + q(r.translation) +
                            (r.priority ? " -Priority " + std::to_string(*r.priority) : "");
            rules_new += "\nNew-CsVoiceNormalizationRule -Parent " + q(ident(d.id)) + " -Name " + q(r.name) + a;
            rules_set += "\nSet-CsVoiceNormalizationRule -Identity " + q(ident(d.id) + "/" + r.name) + a;
        }
        add(out, 5, "dial_plan/" + d.id, "CsDialPlan", args, d.pos.self, " -Identity " + q(ident(d.id)));
        if (d.id == "global") out.back().create = out.back().update;
        out.back().create += rules_new;
        out.back().update += rules_set;
    }
}

void topology(const Config& c, std::vector<Cmd>& out) {
    for (const auto& r : c.regions) {
        add(out, 20, "region/" + r.id, "CsNetworkRegion", " -Identity " + q(r.id), r.pos.self, " -Identity " + q(r.id));
        out.back().create =
            "# New-CsNetworkRegion also needs -CentralSite (the region's central SfB site), which the "
            "configuration does not hold\n" +
            out.back().create;
    }
    for (const auto& s : c.sites)
        add(out, 21, "site/" + s.id, "CsNetworkSite",
            " -Identity " + q(s.id) + (s.region.set() ? " -NetworkRegionID " + q(s.region.id) : "") +
                (s.location_policy.set() ? " -LocationPolicy " + q(s.location_policy.id) : ""),
            s.pos.self, " -Identity " + q(s.id));
    for (const auto& s : c.subnets)
        add(out, 22, "subnet/" + s.key(), "CsNetworkSubnet",
            " -SubnetID " + q(s.prefix.network.to_string()) + " -MaskBits " + std::to_string(s.prefix.length) +
                " -NetworkSiteID " + q(s.site.id),
            s.pos.self, " -Identity " + q(s.prefix.network.to_string()));
}

// SfB LIS entries carry the whole location: place, ELINs (in CompanyName) and civic address.
std::string location_args(const Config& c, const Ref& loc) {
    if (!loc.resolved()) return " -Location " + q(loc.id);
    const Location& l = c.locations[loc.index];
    std::string s = " -Location " + q(l.place.empty() ? l.id : l.place);
    if (!l.address.resolved()) return s;
    Address a = c.addresses[l.address.index];
    if (!l.elins.empty()) a.company = joined(l.elins, ";");
    return s + civic_args(a, true);
}

void lis(const Config& c, std::vector<Cmd>& out) {
    for (std::uint32_t i = 0; i < c.locations.size(); ++i) {
        Ref self{c.locations[i].id, i};
        std::string a = location_args(c, self);
        out.push_back(Cmd{"location/" + c.locations[i].id, 11, "Set-CsLisLocation" + a, "Set-CsLisLocation" + a,
                          "Remove-CsLisLocation" + a, c.locations[i].pos.self});
    }
    auto element = [&](const char* noun, const std::string& key_args, const std::string& key, const Ref& loc,
                       const std::string& desc, SourcePos pos) {
        std::string args = key_args + (desc.empty() ? "" : " -Description " + q(desc)) + location_args(c, loc);
        out.push_back(Cmd{key, 12, std::string("Set-") + noun + args, std::string("Set-") + noun + args,
                          std::string("Remove-") + noun + key_args, pos});
    };
    for (const auto& s : c.lis_subnets)
        element("CsLisSubnet", " -Subnet " + q(s.network_id.to_string()), "lis_subnet/" + s.network_id.to_string(),
                s.location, "", s.pos.self);
    for (const auto& w : c.wireless_access_points)
        element("CsLisWirelessAccessPoint", " -BSSID " + q(w.bssid.to_string()), "wap/" + w.bssid.to_string(),
                w.location, w.description, w.pos.self);
    for (const auto& s : c.switches)
        element("CsLisSwitch", " -ChassisID " + q(s.chassis_id), "switch/" + s.chassis_id, s.location, "", s.pos.self);
    for (const auto& p : c.ports)
        element("CsLisPort", " -ChassisID " + q(p.chassis_id) + " -PortID " + q(p.port_id), "port/" + p.key(),
                p.location, "", p.pos.self);
}

}  // namespace

void sfb_commands(const Config& c, std::vector<Cmd>& out) {
    routing(c, out);
    topology(c, out);
    lis(c, out);
}

}  // namespace e911::detail::ps
