// LIS objects: Teams civic addresses, locations and network elements joined by GUID; Skype for
// Business LIS rows that repeat the civic address on every row (ELINs in CompanyName); and
// TeamsE911Automation's flat CSV, one row per network object.
#include <cctype>
#include <cstring>

#include "import/importer.hpp"
#include "util/text_util.hpp"

namespace e911::detail::imp {

SourcePos pos_of(const Node& r, std::string_view property) {
    const Node* v = prop(r, property);
    return v && v->pos.known() ? v->pos : r.pos;
}

bool copy_text(Node& obj, const std::string& key, const Node& r, std::string_view property) {
    std::string t = text(r, property);
    if (t.empty()) return false;
    set(obj, key, str(t, pos_of(r, property)));
    return true;
}

std::vector<Node> string_list(Ctx& c, const Node& r, std::string_view property, const char* separators) {
    std::vector<Node> out;
    const Node* v = prop(r, property);
    if (!v || lost_collection(c, r, property)) return out;
    for (const Node* item : items(v)) {
        if (!item->is_scalar()) continue;
        std::string t = item->text.str();
        std::size_t start = 0;
        while (start <= t.size()) {
            std::size_t end = v->kind == Node::Kind::sequence ? std::string::npos : t.find_first_of(separators, start);
            std::string part = t.substr(start, end == std::string::npos ? std::string::npos : end - start);
            auto a = part.find_first_not_of(" \t");
            if (a != std::string::npos)
                out.push_back(str(part.substr(a, part.find_last_not_of(" \t") - a + 1), item->pos));
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
    return out;
}

namespace {

void count(Ctx& c, const char* kind) { ++c.file.mapped[kind]; }

// Teams' Elin is free text for the SBC's ELIN table (e.g. "ORKAN_FL01"); the model's ELINs are
// callback numbers. A phone number is kept; a name is reported so the user can give its number.
// `owner_key` is the object's target ("location/<id>"), so an override that sets its ELINs can
// withdraw the note.
void elins(Ctx& c, Node& obj, const Node& r, std::string_view property, const std::string& owner,
           const std::string& owner_key) {
    std::string e = text(r, property);
    if (e.empty()) return;
    Node list = seq(pos_of(r, property));
    std::size_t start = 0;
    while (start <= e.size()) {
        auto end = e.find(';', start);
        std::string one = e.substr(start, end == std::string::npos ? std::string::npos : end - start);
        auto a = one.find_first_not_of(' ');
        one = a == std::string::npos ? "" : one.substr(a, one.find_last_not_of(' ') - a + 1);
        if (!one.empty()) list.items.push_back(str(one, pos_of(r, property)));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    for (const auto& n : list.items)
        if (!is_e164(n.text)) {
            c.note("import-elin-name", Severity::warning, pos_of(r, property), owner_key + ".elins",
                   owner + " has ELIN `" + e +
                       "`, a name in the SBC's ELIN table rather than a phone number; it was not imported",
                   "give the callback number(s) for `" + e + "` with an override: set: {elins: [\"+1...\"]}");
            return;
        }
    set(obj, "elins", std::move(list));
}

void country(Ctx& c, Node& obj, const Node& r, std::string_view property) {
    std::string raw = text(r, property);
    if (raw.empty()) return;
    std::string a2 = country_alpha2(raw);
    if (a2 != raw)
        c.note("import-country-converted", Severity::info, pos_of(r, property), std::string(property),
               "country `" + raw + "` read as ISO 3166-1 alpha-2 `" + a2 + "`",
               "write the two-letter code in the source");
    set(obj, "country", str(a2, pos_of(r, property)));
}

void coordinate(Node& obj, const char* key, const Node& r, std::string_view property) {
    std::string t = text(r, property);
    if (t.empty()) return;
    char* end = nullptr;
    double d = std::strtod(t.c_str(), &end);
    if (end && *end == '\0')
        set(obj, key, num(d, pos_of(r, property)));
    else
        set(obj, key, str(t, pos_of(r, property)));  // the decoder reports it
}

std::string synth_civic(const Node& r, const char* street_line) {
    std::vector<std::string> street, rest;
    if (street_line) street.push_back(text(r, street_line));
    for (const char* k :
         {"HouseNumber", "HouseNumberSuffix", "PreDirectional", "StreetName", "StreetSuffix", "PostDirectional"})
        if (!text(r, k).empty()) street.push_back(text(r, k));
    for (const char* k : {"City", "State", "StateOrProvince", "PostalCode"})
        if (!text(r, k).empty()) rest.push_back(text(r, k));
    for (const char* k : {"Country", "CountryOrRegion"})  // "USA" and "US" are the same place
        if (!text(r, k).empty()) rest.push_back(country_alpha2(text(r, k)));
    std::string s = join(street, " ");
    for (const auto& p : rest) s += (s.empty() ? "" : ", ") + p;
    return s;
}

// An address from the civic fields of `r` under `id`; the SfB names (State, Country) and the
// Teams names (StateOrProvince, CountryOrRegion) are both read.
Node* address(Ctx& c, const Node& r, const std::string& id, SourcePos id_pos) {
    if (c.doc.seen("addresses", id)) return nullptr;
    Node& a = c.doc.add("addresses", r.pos);
    set(a, "id", str(id, id_pos));
    count(c, "address");
    copy_text(a, "company", r, "CompanyName");
    copy_text(a, "house_number", r, "HouseNumber");
    copy_text(a, "house_number_suffix", r, "HouseNumberSuffix");
    copy_text(a, "pre_directional", r, "PreDirectional");
    copy_text(a, "street_name", r, "StreetName");
    copy_text(a, "street_suffix", r, "StreetSuffix");
    copy_text(a, "post_directional", r, "PostDirectional");
    copy_text(a, "city", r, "City");
    copy_text(a, "county", r, "CountyOrDistrict");
    copy_text(a, "postal_code", r, "PostalCode");
    if (!copy_text(a, "state", r, "StateOrProvince")) copy_text(a, "state", r, "State");
    if (has(r, "CountryOrRegion"))
        country(c, a, r, "CountryOrRegion");
    else
        country(c, a, r, "Country");
    coordinate(a, "latitude", r, "Latitude");
    coordinate(a, "longitude", r, "Longitude");
    copy_text(a, "description", r, "Description");
    bool v = false;
    if (has(r, "ValidationStatus"))
        set(a, "validated", boolean(text(r, "ValidationStatus") == "Validated", pos_of(r, "ValidationStatus")));
    else if (parse_bool(text(r, "MSAGValid"), v))
        set(a, "validated", boolean(v, pos_of(r, "MSAGValid")));
    return &a;
}

Node& location(Ctx& c, const Node& r, const std::string& id, SourcePos id_pos, const std::string& address_id,
               SourcePos addr_pos) {
    Node& l = c.doc.add("locations", r.pos);
    set(l, "id", str(id, id_pos));
    set(l, "address", str(address_id, addr_pos));
    count(c, "location");
    return l;
}

void teams_address(Ctx& c, const Node& r) {
    std::string id = text(r, "CivicAddressId");
    SourcePos id_pos = pos_of(r, "CivicAddressId");
    if (id.empty()) {
        id = text(r, "Description");
        if (id.empty()) id = synth_civic(r, nullptr);
        c.note(
            "import-id-synthesised", Severity::info, r.pos, "addresses",
            "the address has no CivicAddressId; its id is `" + id + "`",
            "after New-CsOnlineLisCivicAddress, re-export with Get-CsOnlineLisCivicAddress to keep Microsoft's GUIDs");
    }
    if (Node* a = address(c, r, id, id_pos)) elins(c, *a, r, "Elin", "address `" + id + "`", "address/" + id);
    std::string def = text(r, "DefaultLocationId");
    if (!def.empty() && !c.doc.seen("locations", def)) {
        location(c, r, def, pos_of(r, "DefaultLocationId"), id, id_pos);
        c.doc.default_locations.insert(def);
    }
}

void teams_location(Ctx& c, const Node& r) {
    std::string addr = text(r, "CivicAddressId");
    std::string id = text(r, "LocationId");
    std::string place = text(r, "Location");
    if (addr.empty()) {
        c.note("import-unmapped", Severity::warning, r.pos, "locations",
               "location `" + id + "` has no CivicAddressId, so it cannot be tied to an address; it was not imported",
               "re-export with Get-CsOnlineLisLocation | Select-Object CivicAddressId,LocationId,Location,Elin (or "
               "ConvertTo-Json)");
        return;
    }
    SourcePos id_pos = pos_of(r, "LocationId");
    if (id.empty()) {
        id = addr + "/" + (place.empty() ? "default" : place);
        id_pos = r.pos;
    }
    if (has(r, "City") || has(r, "StreetName")) address(c, r, addr, pos_of(r, "CivicAddressId"));
    Node* l = nullptr;
    if (c.doc.seen("locations", id)) {
        if (!c.doc.default_locations.erase(id)) {
            c.note("duplicate-id", Severity::error, r.pos, "locations", "location `" + id + "` appears twice",
                   "remove one of the rows");
            return;
        }
        l = c.doc.find("locations", id);  // the address's default location, now with its own row
    }
    if (!l) l = &location(c, r, id, id_pos, addr, pos_of(r, "CivicAddressId"));
    copy_text(*l, "place", r, "Location");
    elins(c, *l, r, "Elin", "location `" + id + "`", "location/" + id);
}

void element(Ctx& c, const char* section, const char* kind, const char* key_name, const std::string& key,
             SourcePos key_pos, const Node& r, const std::string& location_id, SourcePos loc_pos,
             const std::string& description) {
    Node& e = c.doc.add(section, r.pos);
    set(e, key_name, str(key, key_pos));
    if (!location_id.empty()) set(e, "location", str(location_id, loc_pos));
    if (!description.empty()) set(e, "description", str(description, r.pos));
    count(c, kind);
}

std::string mac_or_raw(const std::string& s) {
    std::string m = normalise_mac(s);
    return m.empty() ? s : m;
}

// Teams LIS network element: keyed by subnet / BSSID / chassis (+ port), joined by LocationId.
void teams_element(Ctx& c, Type t, const Node& r) {
    std::string loc = text(r, "LocationId");
    SourcePos lp = pos_of(r, "LocationId");
    std::string d = text(r, "Description");
    if (t == Type::teams_lis_subnet)
        element(c, "lis.subnets", "lis_subnet", "network_id", text(r, "Subnet"), pos_of(r, "Subnet"), r, loc, lp, d);
    else if (t == Type::teams_lis_wap)
        element(c, "lis.wireless_access_points", "wireless_access_point", "bssid", mac_or_raw(text(r, "BSSID")),
                pos_of(r, "BSSID"), r, loc, lp, d);
    else if (t == Type::teams_lis_switch)
        element(c, "lis.switches", "switch", "chassis_id", mac_or_raw(text(r, "ChassisID")), pos_of(r, "ChassisID"), r,
                loc, lp, d);
    else {
        element(c, "lis.ports", "port", "chassis_id", mac_or_raw(text(r, "ChassisID")), pos_of(r, "ChassisID"), r, loc,
                lp, d);
        Node& p = c.doc.list("lis.ports", r.pos).items.back();
        set(p, "port_id", str(text(r, "PortID"), pos_of(r, "PortID")));
    }
}

// SfB: ELINs go in CompanyName, `;`-separated; anything that is not phone numbers is the company.
std::vector<std::string> company_elins(const std::string& company, const std::string& country) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= company.size()) {
        auto end = company.find(';', start);
        std::string tok = company.substr(start, end == std::string::npos ? std::string::npos : end - start), digits;
        bool plus = tok.find('+') != std::string::npos;
        for (char ch : tok) {
            if (std::isdigit(static_cast<unsigned char>(ch)))
                digits += ch;
            else if (!std::strchr(" -().+", ch))
                return {};
        }
        if (digits.size() < 7) return {};
        if (plus)
            out.push_back("+" + digits);
        else if (digits.size() == 10 && (country.empty() || country == "US" || country == "CA"))
            out.push_back("+1" + digits);
        else if (digits.size() == 11 && digits[0] == '1')
            out.push_back("+" + digits);
        else
            return {};
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

// One SfB LIS row (or civic address / location): synthesises address and location ids from the civic
// tuple, since SfB LIS objects have none.
std::string sfb_row(Ctx& c, const Node& r) {
    std::string aid = synth_civic(r, nullptr);
    if (aid.empty()) return {};
    std::string company = text(r, "CompanyName");
    auto numbers = company_elins(company, country_alpha2(text(r, "Country")));
    if (!numbers.empty()) {
        Node copy = r;  // the company field holds ELINs, not a company
        for (Node& value : copy.items)
            if (value.key == "CompanyName" || value.key == "companyname") value.text.clear();
        address(c, copy, aid, r.pos);
    } else {
        address(c, r, aid, r.pos);
    }
    std::string place = text(r, "Location");
    std::string lid = aid + " / " + (place.empty() ? "default" : place);
    if (!c.doc.seen("locations", lid)) {
        Node& l = location(c, r, lid, pos_of(r, "Location"), aid, r.pos);
        copy_text(l, "place", r, "Location");
        if (!numbers.empty()) {
            Node list = seq(pos_of(r, "CompanyName"));
            for (const auto& n : numbers) list.items.push_back(str(n, pos_of(r, "CompanyName")));
            set(l, "elins", std::move(list));
        }
    }
    return lid;
}

void sfb_element(Ctx& c, Type t, const Node& r) {
    std::string lid = sfb_row(c, r);
    std::string d = text(r, "Description");
    if (t == Type::sfb_lis_subnet)
        element(c, "lis.subnets", "lis_subnet", "network_id", text(r, "Subnet"), pos_of(r, "Subnet"), r, lid, r.pos, d);
    else if (t == Type::sfb_lis_wap)
        element(c, "lis.wireless_access_points", "wireless_access_point", "bssid", mac_or_raw(text(r, "BSSID")),
                pos_of(r, "BSSID"), r, lid, r.pos, d);
    else if (t == Type::sfb_lis_switch)
        element(c, "lis.switches", "switch", "chassis_id", mac_or_raw(text(r, "ChassisID")), pos_of(r, "ChassisID"), r,
                lid, r.pos, d);
    else if (t == Type::sfb_lis_port) {
        element(c, "lis.ports", "port", "chassis_id", mac_or_raw(text(r, "ChassisID")), pos_of(r, "ChassisID"), r, lid,
                r.pos, d);
        set(c.doc.list("lis.ports", r.pos).items.back(), "port_id", str(text(r, "PortID"), pos_of(r, "PortID")));
    }
}

// TeamsE911Automation: Address is the whole street line; Description names the civic address;
// an empty Location is the address's default location.
void e911automation(Ctx& c, const Node& r) {
    std::string tuple = synth_civic(r, "Address");
    std::string aid = text(r, "Description");
    if (aid.empty()) aid = tuple;
    for (int n = 2; c.doc.civic_of.count(aid) && c.doc.civic_of[aid] != tuple; ++n)
        aid = (text(r, "Description").empty() ? tuple : text(r, "Description")) + " #" + std::to_string(n);
    c.doc.civic_of[aid] = tuple;
    Node copy = r;
    std::string line = text(r, "Address");
    auto sp = line.find(' ');
    bool numbered = sp != std::string::npos && std::isdigit(static_cast<unsigned char>(line[0]));
    Node hn = str(numbered ? line.substr(0, sp) : "", pos_of(r, "Address"));
    Node sn = str(numbered ? line.substr(sp + 1) : line, pos_of(r, "Address"));
    copy.add("HouseNumber", hn.pos, hn);
    copy.add("StreetName", sn.pos, sn);
    address(c, copy, aid, pos_of(r, "Description"));
    std::string place = text(r, "Location");
    std::string lid = aid + "/" + (place.empty() ? "default" : place);
    if (!c.doc.seen("locations", lid)) {
        Node& l = location(c, r, lid, pos_of(r, "Location"), aid, pos_of(r, "Description"));
        copy_text(l, "place", r, "Location");
        elins(c, l, r, "ELIN", "location `" + lid + "`", "location/" + lid);
    }
    std::string type = text(r, "NetworkObjectType"), ident = text(r, "NetworkObjectIdentifier");
    std::string d = text(r, "NetworkDescription");
    SourcePos ip = pos_of(r, "NetworkObjectIdentifier");
    if (type == "Subnet")
        element(c, "lis.subnets", "lis_subnet", "network_id", ident, ip, r, lid, r.pos, d);
    else if (type == "WirelessAccessPoint")
        element(c, "lis.wireless_access_points", "wireless_access_point", "bssid", mac_or_raw(ident), ip, r, lid, r.pos,
                d);
    else if (type == "Switch")
        element(c, "lis.switches", "switch", "chassis_id", mac_or_raw(ident), ip, r, lid, r.pos, d);
    else if (type == "Port") {
        auto semi = ident.find(';');
        element(c, "lis.ports", "port", "chassis_id", mac_or_raw(ident.substr(0, semi)), ip, r, lid, r.pos, d);
        set(c.doc.list("lis.ports", r.pos).items.back(), "port_id",
            str(semi == std::string::npos ? "" : ident.substr(semi + 1), ip));
    } else if (!type.empty())
        c.note("import-unmapped", Severity::warning, pos_of(r, "NetworkObjectType"), "NetworkObjectType",
               "network object type `" + type +
                   "` is not one of Subnet, WirelessAccessPoint, Switch, Port; the row's network object was "
                   "not imported",
               "fix the NetworkObjectType cell");
}

}  // namespace

void map_lis(Ctx& c, Type t, const Node& r) {
    switch (t) {
        case Type::teams_civic_address: teams_address(c, r); break;
        case Type::teams_lis_location: teams_location(c, r); break;
        case Type::teams_lis_subnet:
        case Type::teams_lis_wap:
        case Type::teams_lis_switch:
        case Type::teams_lis_port: teams_element(c, t, r); break;
        case Type::sfb_lis_civic_address:
        case Type::sfb_lis_location: sfb_row(c, r); break;
        case Type::sfb_lis_subnet:
        case Type::sfb_lis_wap:
        case Type::sfb_lis_switch:
        case Type::sfb_lis_port: sfb_element(c, t, r); break;
        case Type::e911automation_row: e911automation(c, r); break;
        default: break;
    }
}

}  // namespace e911::detail::imp
