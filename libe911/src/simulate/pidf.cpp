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

void append_pidf(std::string& x, const Config& cfg, std::uint32_t location, bool elin_in_nam, std::string_view entity_id,
                 std::string_view entity_suffix, std::string_view method, bool elin_element) {
    const Location& loc = cfg.locations[location];
    const Address* a = loc.address.resolved() ? &cfg.addresses[loc.address.index] : nullptr;
    const std::vector<std::string>& elins = !loc.elins.empty() || !a ? loc.elins : a->elins;
    x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\n";
    x += "    xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"\n";
    x += "    xmlns:gp=\"urn:ietf:params:xml:ns:pidf:geopriv10\"\n";
    x += "    xmlns:gbp=\"urn:ietf:params:xml:ns:pidf:geopriv10:basicPolicy\"\n";
    x += "    xmlns:ca=\"urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr\"\n";
    x += "    entity=\"pres:";
    append_xml_escaped(x, entity_id);
    append_xml_escaped(x, entity_suffix);
    x += "\">\n  <dm:device id=\"device-";
    append_xml_escaped(x, loc.id);
    x += "\">\n    <gp:geopriv>\n      <gp:location-info>\n        <ca:civicAddress xml:lang=\"en\">\n";
    auto open = [&x](const char* name) { x += "          <ca:", x += name, x += '>'; };
    auto close = [&x](const char* name) { x += "</ca:", x += name, x += ">\n"; };
    auto one = [&](const char* name, std::string_view value) {
        if (value.empty()) return;
        open(name), append_xml_escaped(x, value), close(name);
    };
    // The ELINs joined with `separator` in one element (none when the joined text is empty).
    auto list = [&](const char* name, const std::vector<std::string>& values, const char* separator) {
        if (values.empty() || (values.size() == 1 && values[0].empty())) return;
        open(name);
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) x += separator;
            append_xml_escaped(x, values[i]);
        }
        close(name);
    };
    // RFC 5139 sequence: country A1 A2 A3 A4 A5 A6 PRM PRD RD STS POD POM RDSEC RDBR RDSUBBR HNO HNS LMK LOC FLR NAM PC ...
    if (a) {
        one("country", cfg.country_or_default(a->country));
        one("A1", a->state);
        one("A2", a->county);
        one("A3", a->city);
        one("PRD", a->pre_directional);
        one("RD", a->street_name);
        one("STS", a->street_suffix);
        one("POD", a->post_directional);
        one("HNO", a->house_number);
        one("HNS", a->house_number_suffix);
    }
    one("LOC", loc.place);
    // Skype for Business carries ELINs in NAM (the LIS CompanyName column); otherwise NAM is the occupant.
    if (elin_in_nam && !elins.empty()) list("NAM", elins, "; ");
    else if (a) one("NAM", a->company);
    if (a) one("PC", a->postal_code);
    // Teams carries the location's ELIN in its own element, which ELIN gateways read before NAM (AudioCodes:
    // `<ca:ELIN>`, up to 5, `;`-separated). It may be a name the SBC's ELIN table maps to a number.
    if (elin_element && !elins.empty()) list("ELIN", elins, ";");
    x += "        </ca:civicAddress>\n      </gp:location-info>\n";
    x += "      <gp:usage-rules>\n        <gbp:retransmission-allowed>true</gbp:retransmission-allowed>\n      </gp:usage-rules>\n";
    x += "      <gp:method>";
    append_xml_escaped(x, method);
    x += "</gp:method>\n    </gp:geopriv>\n  </dm:device>\n</presence>\n";
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
    std::string x;
    detail::append_pidf(x, config, idx, elin_in_nam, location_id, "@location.invalid", "Manual", !elin_in_nam);
    return x;
}

}  // namespace e911
