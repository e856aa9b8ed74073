// The configuration as a PowerShell script of New-Cs / Set-Cs / Grant-Cs commands, in dependency
// order (usages before routes, policies before sites, addresses before locations before network
// elements, everything before users), each with a comment naming the config line it came from.
// With `since`, only what changed: New- for added objects, Set- for changed ones, Remove- for
// removed ones (in reverse dependency order). The script is written, never run.
#include <algorithm>
#include <cctype>
#include <map>

#include "e911/import.hpp"
#include "import/export_ps.hpp"

namespace e911 {

std::vector<ExportFile> export_cmdlet_json(const Config& c);

namespace {

using namespace detail::ps;

void lis(const Config& c, std::vector<Cmd>& out) {
    auto addr_ref = [](const std::string& id) { return is_guid(id) ? q(id) : var("addr", id) + ".CivicAddressId"; };
    auto loc_ref = [](const std::string& id) { return is_guid(id) ? q(id) : var("loc", id) + ".LocationId"; };
    for (const auto& a : c.addresses) {
        std::string args = civic_args(a, false) + " -Description " + q(a.id);
        if (a.latitude && a.longitude)
            args += " -Latitude " + q(coord(*a.latitude)) + " -Longitude " + q(coord(*a.longitude));
        if (!a.elins.empty()) args += " -Elin " + q(a.elins[0]);
        Cmd cmd;
        cmd.key = "address/" + a.id;
        cmd.stage = 10;
        cmd.create = (is_guid(a.id) ? "" : var("addr", a.id) + " = ") + "New-CsOnlineLisCivicAddress" + args;
        cmd.update = "Set-CsOnlineLisCivicAddress -CivicAddressId " + addr_ref(a.id) + args;
        cmd.remove = "Remove-CsOnlineLisCivicAddress -CivicAddressId " + addr_ref(a.id);
        cmd.pos = a.pos.self;
        out.push_back(std::move(cmd));
    }
    for (const auto& l : c.locations) {
        std::string args =
            " -CivicAddressId " + addr_ref(l.address.id) + " -Location " + q(l.place.empty() ? l.id : l.place);
        if (!l.elins.empty()) args += " -Elin " + q(l.elins[0]);
        Cmd cmd;
        cmd.key = "location/" + l.id;
        cmd.stage = 11;
        cmd.create = (is_guid(l.id) ? "" : var("loc", l.id) + " = ") + "New-CsOnlineLisLocation" + args;
        cmd.update = "Set-CsOnlineLisLocation -LocationId " + loc_ref(l.id) + " -Location " + q(l.place) +
                     (l.elins.empty() ? "" : " -Elin " + q(l.elins[0]));
        cmd.remove = "Remove-CsOnlineLisLocation -LocationId " + loc_ref(l.id);
        cmd.pos = l.pos.self;
        out.push_back(std::move(cmd));
    }
    auto element = [&](const char* noun, const std::string& key_args, const std::string& key, const Ref& loc,
                       const std::string& desc, SourcePos pos) {
        std::string args =
            key_args + " -LocationId " + loc_ref(loc.id) + (desc.empty() ? "" : " -Description " + q(desc));
        Cmd cmd{key,
                12,
                std::string("Set-") + noun + args,
                std::string("Set-") + noun + args,
                std::string("Remove-") + noun + key_args,
                pos};
        out.push_back(std::move(cmd));
    };
    for (const auto& s : c.lis_subnets)
        element("CsOnlineLisSubnet", " -Subnet " + q(s.network_id.to_string()),
                "lis_subnet/" + s.network_id.to_string(), s.location, "", s.pos.self);
    for (const auto& w : c.wireless_access_points)
        element("CsOnlineLisWirelessAccessPoint", " -BSSID " + q(w.bssid.to_string()), "wap/" + w.bssid.to_string(),
                w.location, w.description, w.pos.self);
    for (const auto& s : c.switches)
        element("CsOnlineLisSwitch", " -ChassisID " + q(s.chassis_id), "switch/" + s.chassis_id, s.location, "",
                s.pos.self);
    for (const auto& p : c.ports)
        element("CsOnlineLisPort", " -ChassisID " + q(p.chassis_id) + " -PortID " + q(p.port_id), "port/" + p.key(),
                p.location, "", p.pos.self);
}

void topology(const Config& c, std::vector<Cmd>& out) {
    for (const auto& r : c.regions)
        add(out, 20, "region/" + r.id, "CsTenantNetworkRegion", " -NetworkRegionID " + q(r.id), r.pos.self,
            " -Identity " + q(r.id));
    for (const auto& s : c.sites) {
        std::string args = " -NetworkSiteID " + q(s.id);
        if (s.region.set()) args += " -NetworkRegionID " + q(s.region.id);
        if (s.location_policy.set()) {  // Skype for Business network site
            std::string a = " -Identity " + q(s.id) + (s.region.set() ? " -NetworkRegionID " + q(s.region.id) : "") +
                            " -LocationPolicy " + q(s.location_policy.id);
            add(out, 21, "site/" + s.id, "CsNetworkSite", a, s.pos.self, " -Identity " + q(s.id));
            continue;
        }
        if (s.emergency_calling_policy.set()) args += " -EmergencyCallingPolicy " + q(s.emergency_calling_policy.id);
        if (s.emergency_call_routing_policy.set())
            args += " -EmergencyCallRoutingPolicy " + q(s.emergency_call_routing_policy.id);
        add(out, 21, "site/" + s.id, "CsTenantNetworkSite", args, s.pos.self, " -Identity " + q(s.id));
    }
    for (const auto& s : c.subnets) {
        std::string args = " -SubnetID " + q(s.prefix.network.to_string()) + " -MaskBits " +
                           std::to_string(s.prefix.length) + " -NetworkSiteID " + q(s.site.id) +
                           (s.description.empty() ? "" : " -Description " + q(s.description));
        add(out, 22, "subnet/" + s.key(), "CsTenantNetworkSubnet", args, s.pos.self,
            " -Identity " + q(s.prefix.network.to_string()));
    }
    for (const auto& t : c.trusted_ips)
        add(out, 22, "trusted_ip/" + t.prefix.to_string(), "CsTenantTrustedIPAddress",
            " -IPAddress " + q(t.prefix.network.to_string()) + " -MaskBits " + std::to_string(t.prefix.length),
            t.pos.self, " -Identity " + q(t.prefix.network.to_string()));
}

void policies(const Config& c, std::vector<Cmd>& out) {
    for (const auto& p : c.emergency_calling_policies) {
        std::string pre, ext;
        int n = 0;
        for (const auto& e : p.extended_notifications) {
            std::string v = var("ecpn", p.id + "_" + std::to_string(++n));
            pre += v + " = New-CsTeamsEmergencyCallingExtendedNotification -EmergencyDialString " + q(e.dial_string);
            if (e.notification_group) pre += " -NotificationGroup " + q(joined(*e.notification_group, ";"));
            if (e.notification_dial_out) pre += " -NotificationDialOutNumber " + q(*e.notification_dial_out);
            if (e.notification_mode) pre += std::string(" -NotificationMode ") + mode(*e.notification_mode);
            pre += "\n";
            ext += (ext.empty() ? "" : ",") + v;
        }
        std::string args = " -Identity " + q(ident(p.id)) + " -NotificationMode " + mode(p.notification_mode);
        if (!p.notification_group.empty()) args += " -NotificationGroup " + q(joined(p.notification_group, ";"));
        if (!p.notification_dial_out.empty()) args += " -NotificationDialOutNumber " + q(p.notification_dial_out);
        args += std::string(" -ExternalLocationLookupMode ") + (p.external_location_lookup ? "Enabled" : "Disabled");
        if (!ext.empty()) args += " -ExtendedNotifications @{Replace=" + ext + "}";
        add(out, 6, "ecp/" + p.id, "CsTeamsEmergencyCallingPolicy", args, p.pos.self, " -Identity " + q(ident(p.id)),
            pre);
        out.back().update = pre + out.back().update;
        if (p.id == "global") out.back().create = out.back().update;
    }
    for (const auto& p : c.emergency_call_routing_policies) {
        std::string pre, nums;
        int n = 0;
        for (const auto& e : p.numbers) {
            std::string v = var("ecrpn", p.id + "_" + std::to_string(++n));
            pre += v + " = New-CsTeamsEmergencyNumber -EmergencyDialString " + q(e.dial_string);
            if (!e.dial_masks.empty()) pre += " -EmergencyDialMask " + q(joined(e.dial_masks, ";"));
            if (e.pstn_usage.set()) pre += " -OnlinePSTNUsage " + q(e.pstn_usage.id);
            pre += "\n";
            nums += (nums.empty() ? "" : ",") + v;
        }
        std::string args =
            " -Identity " + q(ident(p.id)) + " -AllowEnhancedEmergencyServices:" + b(p.enhanced_emergency_services);
        if (!nums.empty()) args += " -EmergencyNumbers @{Replace=" + nums + "}";
        add(out, 7, "ecrp/" + p.id, "CsTeamsEmergencyCallRoutingPolicy", args, p.pos.self,
            " -Identity " + q(ident(p.id)), pre);
        out.back().update = pre + out.back().update;
        if (p.id == "global") out.back().create = out.back().update;
    }
    for (const auto& p : c.location_policies) {
        std::string pre, nums;
        int n = 0;
        for (const auto& e : p.numbers) {
            std::string v = var("lpn", p.id + "_" + std::to_string(++n));
            pre += v + " = New-CsEmergencyNumber -DialString " + q(e.dial_string) +
                   (e.dial_masks.empty() ? "" : " -DialMask " + q(joined(e.dial_masks, ";"))) + "\n";
            nums += (nums.empty() ? "" : ",") + v;
        }
        std::string args = " -Identity " + q(ident(p.id)) + " -EnhancedEmergencyServicesEnabled " +
                           b(p.enhanced_emergency_services) + " -LocationRequired " + to_string(p.location_required);
        if (p.pstn_usage.set()) args += " -PstnUsage " + q(p.pstn_usage.id);
        if (!p.dial_string.empty()) args += " -EmergencyDialString " + q(p.dial_string);
        if (!p.dial_masks.empty()) args += " -EmergencyDialMask " + q(joined(p.dial_masks, ";"));
        if (!p.notification_uris.empty()) args += " -NotificationUri " + q(joined(p.notification_uris, ","));
        if (!p.conference_uri.empty())
            args += " -ConferenceUri " + q(p.conference_uri) + " -ConferenceMode " + to_string(p.conference_mode);
        if (!nums.empty()) args += " -EmergencyNumbers @{Replace=" + nums + "}";
        add(out, 8, "location_policy/" + p.id, "CsLocationPolicy", args, p.pos.self, " -Identity " + q(ident(p.id)),
            pre);
        out.back().update = pre + out.back().update;
        if (p.id == "global") out.back().create = out.back().update;
    }
}

void voice(const Config& c, std::vector<Cmd>& out) {
    for (const auto& u : c.pstn_usages) {
        Cmd cmd{"pstn_usage/" + u.id,
                1,
                "Set-CsOnlinePstnUsage -Identity Global -Usage @{Add=" + q(u.id) + "}",
                "",
                "Set-CsOnlinePstnUsage -Identity Global -Usage @{Remove=" + q(u.id) + "}",
                u.pos.self};
        cmd.update = cmd.create;
        out.push_back(std::move(cmd));
    }
    for (const auto& g : c.gateways)
        add(out, 2, "gateway/" + g.id, "CsOnlinePSTNGateway",
            " -Identity " + q(g.id) + " -Enabled " + b(g.enabled) + " -PidfLoSupported " + b(g.pidf_lo), g.pos.self,
            " -Identity " + q(g.id));
    for (auto& cmd : out)  // New- needs the signalling port, which no configuration holds: Teams' usual 5061
        if (cmd.create.rfind("New-CsOnlinePSTNGateway", 0) == 0) {
            cmd.create.replace(0, std::string("New-CsOnlinePSTNGateway -Identity").size(),
                               "New-CsOnlinePSTNGateway -SipSignalingPort 5061 -Fqdn");
        }
    for (const auto& r : c.routes)
        add(out, 3, "route/" + r.id, "CsOnlineVoiceRoute",
            " -Identity " + q(r.id) + " -Priority " + std::to_string(r.priority) + " -NumberPattern " +
                q(r.number_pattern) + " -OnlinePstnUsages @{Replace=" + refs(r.pstn_usages) +
                "} -OnlinePstnGatewayList @{Replace=" + refs(r.gateways) + "}",
            r.pos.self, " -Identity " + q(r.id));
    for (const auto& p : c.routing_policies) {
        add(out, 4, "routing_policy/" + p.id, "CsOnlineVoiceRoutingPolicy",
            " -Identity " + q(ident(p.id)) + " -OnlinePstnUsages @{Replace=" + refs(p.pstn_usages) + "}", p.pos.self,
            " -Identity " + q(ident(p.id)));
        if (p.id == "global") out.back().create = out.back().update;
    }
    for (const auto& d : c.dial_plans) {
        std::string pre, rules;
        for (const auto& r : d.rules) {
            std::string v = var("nr", d.id + "_" + r.name);
            pre += v + " = New-CsVoiceNormalizationRule -Parent " + q(ident(d.id)) + " -Name " + q(r.name) +
                   " -Pattern " + q(r.pattern) + " -Translation " + q(r.translation) +
                   (r.priority ? " -Priority " + std::to_string(*r.priority) : "") + " -InMemory\n";
            rules += (rules.empty() ? "" : ",") + v;
        }
        std::string args =
            " -Identity " + q(ident(d.id)) + (rules.empty() ? "" : " -NormalizationRules @{Replace=" + rules + "}");
        add(out, 5, "dial_plan/" + d.id, "CsTenantDialPlan", args, d.pos.self, " -Identity " + q(ident(d.id)), pre);
        out.back().update = pre + out.back().update;
    }
}

// Set-CsPhoneNumberAssignment -PhoneNumberType takes DirectRouting, CallingPlan or OperatorConnect
// (Set-CsPhoneNumberAssignment reference).
const char* number_type(PstnConnectivity p) {
    switch (p) {
        case PstnConnectivity::calling_plan: return "CallingPlan";
        case PstnConnectivity::operator_connect: return "OperatorConnect";
        case PstnConnectivity::direct_routing: break;
    }
    return "DirectRouting";
}

// The static emergency address goes on the number: Set-CsPhoneNumberAssignment -LocationId (its reference:
// "You can also assign a location to a phone number"). An address's own location is its DefaultLocationId, which
// New-CsOnlineLisCivicAddress creates "for assignment to users" (New-CsOnlineLisCivicAddress reference).
std::string static_location(const User& u) {
    const std::string& id = u.emergency_address.id;
    if (id.empty()) return "";
    if (!u.emergency_address.alternative)
        return " -LocationId " + (is_guid(id) ? q(id) : var("loc", id) + ".LocationId");
    if (is_guid(id))
        return " -LocationId (Get-CsOnlineLisCivicAddress -CivicAddressId " + q(id) + ").DefaultLocationId";
    return " -LocationId " + var("addr", id) + ".DefaultLocationId";
}

void users(const Config& c, std::vector<Cmd>& out) {
    for (const auto& u : c.users) {
        std::string s;
        auto grant = [&](const char* cmdlet, const Ref& r) {
            s += std::string(cmdlet) + " -Identity " + q(u.id) + " -PolicyName " + (r.set() ? q(r.id) : "$null") + "\n";
        };
        if (c.platform_of(u) == Platform::sfb) {
            if (!u.phone_number.empty())
                s += "Set-CsUser -Identity " + q(u.id) + " -EnterpriseVoiceEnabled $true -LineURI " +
                     q("tel:" + u.phone_number) + "\n";
            grant("Grant-CsLocationPolicy", u.location_policy);
            grant("Grant-CsVoicePolicy", u.routing_policy);
            grant("Grant-CsDialPlan", u.dial_plan);
        } else {
            if (!u.phone_number.empty())
                s += "Set-CsPhoneNumberAssignment -Identity " + q(u.id) + " -PhoneNumber " + q(u.phone_number) +
                     " -PhoneNumberType " + number_type(u.pstn) + static_location(u) + "\n";
            grant("Grant-CsTeamsEmergencyCallingPolicy", u.emergency_calling_policy);
            grant("Grant-CsTeamsEmergencyCallRoutingPolicy", u.emergency_call_routing_policy);
            grant("Grant-CsOnlineVoiceRoutingPolicy", u.routing_policy);
            grant("Grant-CsTenantDialPlan", u.dial_plan);
        }
        s.pop_back();
        out.push_back(Cmd{"user/" + u.id, 40, s, s,
                          "# user " + u.id + " is no longer in the configuration: revoke their policies by hand",
                          u.pos.self});
    }
}

std::vector<Cmd> commands(const Config& c) {
    std::vector<Cmd> out;
    if (c.defaults.platform == Platform::sfb) {
        sfb_commands(c, out);  // pool-side cmdlets; location policies are shared below
        policies(c, out);
    } else {
        voice(c, out);
        policies(c, out);
        topology(c, out);
        lis(c, out);
    }
    users(c, out);
    std::stable_sort(out.begin(), out.end(), [](const Cmd& a, const Cmd& b) { return a.stage < b.stage; });
    return out;
}

std::string where(const Config& c, SourcePos p) {
    if (!p.known()) return "";
    return "# " + c.file_of(p) + ":" + std::to_string(p.line) + "\n";
}

std::string script(const Config& cfg, const Config* since) {
    std::string s =
        "# Generated by e911 export --to powershell" + std::string(since ? " --since" : "") +
        ". Review before running; it is not run for you.\n"
        "# Requires the MicrosoftTeams module (Connect-MicrosoftTeams) or the Skype for Business Management Shell.\n"
        "$ErrorActionPreference = 'Stop'\n\n";
    if (cfg.defaults.platform == Platform::sfb)
        s += "# Skype for Business Server: run Publish-CsLisConfiguration after changes to the LIS entries below.\n\n";
    auto now = commands(cfg);
    if (!since) {
        for (const auto& c : now) s += where(cfg, c.pos) + c.create + "\n\n";
        return s;
    }
    auto before = commands(*since);
    std::map<std::string, const Cmd*> old;
    for (const auto& c : before) old[c.key] = &c;
    std::size_t changes = 0;
    for (const auto& c : now) {
        auto it = old.find(c.key);
        if (it == old.end())
            s += where(cfg, c.pos) + "# new\n" + c.create + "\n\n", ++changes;
        else if (it->second->create != c.create)
            s += where(cfg, c.pos) + "# changed\n" + c.update + "\n\n", ++changes;
        if (it != old.end()) old.erase(it);
    }
    std::vector<const Cmd*> gone;
    for (const auto& c : before)
        if (old.count(c.key)) gone.push_back(&c);
    std::stable_sort(gone.begin(), gone.end(), [](const Cmd* a, const Cmd* b) { return a->stage > b->stage; });
    for (const Cmd* c : gone)
        s +=
            "# removed (was " + since->file_of(c->pos) + ":" + std::to_string(c->pos.line) + ")\n" + c->remove + "\n\n",
            ++changes;
    // What changed but no cmdlet deploys: the SBC's own emergency behaviour.
    for (const auto& g : cfg.gateways) {
        auto i = since->find(Kind::gateway, g.id);
        if (i == npos) continue;
        const Gateway& o = since->gateways[i];
        std::string what;
        if (o.emergency_routing != g.emergency_routing)
            what += std::string(" emergency_routing ") + to_string(o.emergency_routing) + " -> " +
                    to_string(g.emergency_routing) + ";";
        if (o.elin_callback_minutes != g.elin_callback_minutes)
            what += " elin_callback_minutes " + std::to_string(o.elin_callback_minutes) + " -> " +
                    std::to_string(g.elin_callback_minutes) + ";";
        if (o.address.id != g.address.id) what += " address " + o.address.id + " -> " + g.address.id + ";";
        if (o.fallback_psap.id != g.fallback_psap.id)
            what += " fallback_psap " + o.fallback_psap.id + " -> " + g.fallback_psap.id + ";";
        if (what.empty()) continue;
        s += where(cfg, g.pos.self) + "# not deployable by PowerShell (SBC / provider configuration): gateway " + g.id +
             ":" + what + "\n\n";
        ++changes;
    }
    if (!changes) s += "# no changes\n";
    return s;
}

}  // namespace

std::vector<ExportFile> export_config(const Config& config, ExportTarget target, const Config* since) {
    if (target == ExportTarget::cmdlet_json) return export_cmdlet_json(config);
    return {ExportFile{"e911-deploy.ps1", script(config, since)}};
}

}  // namespace e911
