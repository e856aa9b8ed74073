// PIDF-LO: RFC 4119 presence + geopriv, RFC 5139 civic address elements in schema order,
// RFC 5491 device profile (location under <dm:device>).
#include "e911/simulate.hpp"
#include "simulate/decisions.hpp"
#include "util/text_util.hpp"
#include "util/xml_util.hpp"

namespace e911 {
namespace detail {

// The gateway sends the caller's civic address when PIDF-LO is on and a location is known.
PidfDecision decide_pidf(const Compiled& c, std::uint32_t gateway, std::uint32_t location, LocationSource source) {
    PidfDecision d;
    if (gateway == npos || location == npos || !c.cfg.gateways[gateway].pidf_lo) return d;
    d.sent = true;
    d.method = source == LocationSource::wireless_access_point ? "802.11"
               : source == LocationSource::lis_subnet        ? "DHCP"
                                                              : "Wiremap";
    return d;
}

std::string pidf_for(const Config& cfg, std::uint32_t location, bool elin_in_nam, const std::string& entity,
                     const std::string& method, bool elin_element) {
    const Location& loc = cfg.locations[location];
    const Address* a = loc.address.resolved() ? &cfg.addresses[loc.address.index] : nullptr;
    std::string civic;
    auto el = [&](const char* name, const std::string& value) {
        if (!value.empty()) civic += "          <ca:" + std::string(name) + ">" + xml_escape(value) + "</ca:" + name + ">\n";
    };
    // RFC 5139 sequence: country A1 A2 A3 A4 A5 A6 PRM PRD RD STS POD POM RDSEC RDBR RDSUBBR HNO HNS LMK LOC FLR NAM PC ...
    std::vector<std::string> elins = loc.elins;
    if (elins.empty() && a) elins = a->elins;
    if (a) {
        el("country", cfg.country_or_default(a->country));
        el("A1", a->state);
        el("A2", a->county);
        el("A3", a->city);
        el("PRD", a->pre_directional);
        el("RD", a->street_name);
        el("STS", a->street_suffix);
        el("POD", a->post_directional);
        el("HNO", a->house_number);
        el("HNS", a->house_number_suffix);
    }
    el("LOC", loc.place);
    // Skype for Business carries ELINs in NAM (the LIS CompanyName column); otherwise NAM is the occupant.
    el("NAM", elin_in_nam && !elins.empty() ? join(elins, "; ") : a ? a->company : std::string());
    if (a) el("PC", a->postal_code);
    // Teams carries the location's ELIN in its own element, which ELIN gateways read before NAM (AudioCodes:
    // `<ca:ELIN>`, up to 5, `;`-separated). It may be a name the SBC's ELIN table maps to a number.
    if (elin_element && !elins.empty()) el("ELIN", join(elins, ";"));
    std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\n";
    x += "    xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"\n";
    x += "    xmlns:gp=\"urn:ietf:params:xml:ns:pidf:geopriv10\"\n";
    x += "    xmlns:gbp=\"urn:ietf:params:xml:ns:pidf:geopriv10:basicPolicy\"\n";
    x += "    xmlns:ca=\"urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr\"\n";
    x += "    entity=\"" + xml_escape(entity) + "\">\n";
    x += "  <dm:device id=\"" + xml_escape("device-" + loc.id) + "\">\n";
    x += "    <gp:geopriv>\n      <gp:location-info>\n        <ca:civicAddress xml:lang=\"en\">\n" + civic + "        </ca:civicAddress>\n      </gp:location-info>\n";
    x += "      <gp:usage-rules>\n        <gbp:retransmission-allowed>true</gbp:retransmission-allowed>\n      </gp:usage-rules>\n";
    x += "      <gp:method>" + xml_escape(method) + "</gp:method>\n    </gp:geopriv>\n  </dm:device>\n</presence>\n";
    return x;
}

}  // namespace detail

std::string pidf(const Config& config, const std::string& location_id, bool elin_in_nam) {
    auto idx = config.find(Kind::location, location_id);
    if (idx == npos) {
        std::vector<std::string> ids;
        for (const auto& l : config.locations) ids.push_back(l.id);
        std::string sug = detail::closest(location_id, ids);
        throw UsageError("unknown location `" + location_id + "`" + (sug.empty() ? "" : "; did you mean `" + sug + "`?"));
    }
    return detail::pidf_for(config, idx, elin_in_nam, "pres:" + location_id + "@location.invalid", "Manual",
                             !elin_in_nam);
}

}  // namespace e911
