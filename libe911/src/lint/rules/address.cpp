// Address, location and ELIN rules: what the PSAP will be told about where the caller is.
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <map>
#include <set>
#include <sstream>

#include "lint/lint_engine.hpp"
#include "compile/policy.hpp"
#include "util/text_util.hpp"

namespace e911::detail {
namespace {

const std::set<std::string> kDirectionals = {"N", "S", "E", "W", "NE", "NW", "SE", "SW"};
const std::map<std::string, std::string> kDirectionalWords = {
    {"NORTH", "N"}, {"SOUTH", "S"}, {"EAST", "E"}, {"WEST", "W"}, {"NORTHEAST", "NE"}, {"NORTHWEST", "NW"}, {"SOUTHEAST", "SE"}, {"SOUTHWEST", "SW"},
    {"N", "N"}, {"S", "S"}, {"E", "E"}, {"W", "W"}, {"NE", "NE"}, {"NW", "NW"}, {"SE", "SE"}, {"SW", "SW"}};

// USPS Publication 28, Appendix C1: the Postal Service standard suffix abbreviations.
const std::set<std::string> kUspsSuffixes = {
    "ALY", "ANX", "ARC", "AVE", "BYU", "BCH", "BND", "BLF", "BLFS", "BTM", "BLVD", "BR", "BRG", "BRK", "BRKS", "BG", "BGS", "BYP", "CP", "CYN",
    "CPE", "CSWY", "CTR", "CTRS", "CIR", "CIRS", "CLF", "CLFS", "CLB", "CMN", "CMNS", "COR", "CORS", "CRSE", "CT", "CTS", "CV", "CVS", "CRK",
    "CRES", "CRST", "XING", "XRD", "XRDS", "CURV", "DL", "DM", "DV", "DR", "DRS", "EST", "ESTS", "EXPY", "EXT", "EXTS", "FALL", "FLS", "FRY",
    "FLD", "FLDS", "FLT", "FLTS", "FRD", "FRDS", "FRST", "FRG", "FRGS", "FRK", "FRKS", "FT", "FWY", "GDN", "GDNS", "GTWY", "GLN", "GLNS", "GRN",
    "GRNS", "GRV", "GRVS", "HBR", "HBRS", "HVN", "HTS", "HWY", "HL", "HLS", "HOLW", "INLT", "IS", "ISS", "ISLE", "JCT", "JCTS", "KY", "KYS",
    "KNL", "KNLS", "LK", "LKS", "LAND", "LNDG", "LN", "LGT", "LGTS", "LF", "LCK", "LCKS", "LDG", "LOOP", "MALL", "MNR", "MNRS", "MDW", "MDWS",
    "MEWS", "ML", "MLS", "MSN", "MTWY", "MT", "MTN", "MTNS", "NCK", "ORCH", "OVAL", "OPAS", "PARK", "PKWY", "PASS", "PSGE", "PATH", "PIKE",
    "PNE", "PNES", "PL", "PLN", "PLNS", "PLZ", "PT", "PTS", "PRT", "PRTS", "PR", "RADL", "RAMP", "RNCH", "RPD", "RPDS", "RST", "RDG", "RDGS",
    "RIV", "RD", "RDS", "RTE", "ROW", "RUE", "RUN", "SHL", "SHLS", "SHR", "SHRS", "SKWY", "SPG", "SPGS", "SPUR", "SQ", "SQS", "STA", "STRA",
    "STRM", "ST", "STS", "SMT", "TER", "TRWY", "TRCE", "TRAK", "TRFY", "TRL", "TRLR", "TUNL", "TPKE", "UPAS", "UN", "UNS", "VLY", "VLYS", "VIA",
    "VW", "VWS", "VLG", "VLGS", "VL", "VIS", "WALK", "WALL", "WAY", "WAYS", "WL", "WLS"};
// Common spelled-out suffixes and their standard abbreviation, for the fix hint.
const std::map<std::string, std::string> kSuffixWords = {
    {"AVENUE", "AVE"}, {"AV", "AVE"}, {"STREET", "ST"}, {"STR", "ST"}, {"ROAD", "RD"}, {"DRIVE", "DR"}, {"BOULEVARD", "BLVD"}, {"LANE", "LN"},
    {"COURT", "CT"}, {"PLACE", "PL"}, {"HIGHWAY", "HWY"}, {"PARKWAY", "PKWY"}, {"CIRCLE", "CIR"}, {"TERRACE", "TER"}, {"SQUARE", "SQ"},
    {"EXPRESSWAY", "EXPY"}, {"FREEWAY", "FWY"}, {"TRAIL", "TRL"}, {"PLAZA", "PLZ"}, {"CENTER", "CTR"}, {"CROSSING", "XING"}, {"POINT", "PT"}};

std::string icu_upper(const std::string& s) {
    std::string out;
    icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale::getRoot()).toUTF8String(out);
    return out;
}
bool is_nfc(const std::string& s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return true;
    bool r = nfc->isNormalized(icu::UnicodeString::fromUTF8(s), status);
    return U_FAILURE(status) || r;
}
std::size_t chars(const std::string& s) { return static_cast<std::size_t>(icu::UnicodeString::fromUTF8(s).countChar32()); }

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> w;
    for (std::string t; in >> t;) w.push_back(t);
    return w;
}

void msag(const LintContext& x, Emit& emit) {
    for (const auto& a : x.cfg.addresses) {
        std::string tgt = target(Kind::address, a.id);
        bool us = x.cfg.country_or_default(a.country) == "US";
        struct F { const char* key; const std::string* value; std::size_t max; bool upper; };
        const F fields[] = {{"company", &a.company, 60, false},           {"house_number", &a.house_number, 10, false},
                            {"house_number_suffix", &a.house_number_suffix, 5, true}, {"pre_directional", &a.pre_directional, 2, true},
                            {"street_name", &a.street_name, 60, true},   {"street_suffix", &a.street_suffix, 10, true},
                            {"post_directional", &a.post_directional, 2, true}, {"city", &a.city, 64, true},
                            {"county", &a.county, 64, true},             {"state", &a.state, 2, true},
                            {"postal_code", &a.postal_code, 10, false},  {"country", &a.country, 2, true}};
        for (const auto& f : fields) {
            const std::string& v = *f.value;
            if (v.empty()) continue;
            SourcePos p = a.pos.of(f.key);
            bool directional = std::string(f.key).find("directional") != std::string::npos;  // checked against the list below
            if (chars(v) > f.max && !directional)
                emit.with_severity(Severity::error, tgt, p,
                                   std::string(f.key) + " `" + v + "` is " + std::to_string(chars(v)) + " characters; the MSAG/LIS limit is " + std::to_string(f.max),
                                   "shorten it to the MSAG spelling (the LIS rejects longer values)");
            if (!is_nfc(v))
                emit(tgt, p, std::string(f.key) + " `" + v + "` is not in Unicode NFC form, so equal-looking addresses compare unequal",
                     "retype it or normalise the file to NFC");
            if (f.upper && icu_upper(v) != v)
                emit(tgt, p, std::string(f.key) + " `" + v + "` is not upper case as the MSAG spells it", "write `" + icu_upper(v) + "`");
        }
        for (const char* key : {"pre_directional", "post_directional"}) {
            const std::string& v = std::string(key) == "pre_directional" ? a.pre_directional : a.post_directional;
            if (!v.empty() && !kDirectionals.count(icu_upper(v))) {
                auto it = kDirectionalWords.find(icu_upper(v));
                emit(tgt, a.pos.of(key), std::string(key) + " `" + v + "` is not one of N S E W NE NW SE SW",
                     it != kDirectionalWords.end() ? "write `" + it->second + "`" : "use a one- or two-letter directional");
            }
        }
        if (!us) continue;
        std::string suffix = icu_upper(a.street_suffix);
        if (!suffix.empty() && !kUspsSuffixes.count(suffix)) {
            auto it = kSuffixWords.find(suffix);
            emit(tgt, a.pos.of("street_suffix"), "street_suffix `" + a.street_suffix + "` is not a USPS standard suffix abbreviation",
                 it != kSuffixWords.end() ? "write `" + it->second + "` (USPS Publication 28)" : "use the USPS Publication 28 abbreviation (AVE, ST, RD, ...)");
        }
        auto w = words(icu_upper(a.street_name));
        if (w.size() >= 2) {
            auto first = kDirectionalWords.find(w.front());
            if (first != kDirectionalWords.end() && a.pre_directional.empty())
                emit(tgt, a.pos.of("street_name"), "street_name `" + a.street_name + "` starts with the directional `" + w.front() + "`",
                     "move it to pre_directional: " + first->second);
            auto last = kDirectionalWords.find(w.back());
            if (last != kDirectionalWords.end() && a.post_directional.empty())
                emit(tgt, a.pos.of("street_name"), "street_name `" + a.street_name + "` ends with the directional `" + w.back() + "`",
                     "move it to post_directional: " + last->second);
            else if (a.street_suffix.empty() && (kUspsSuffixes.count(w.back()) || kSuffixWords.count(w.back()))) {
                auto sw = kSuffixWords.find(w.back());
                emit(tgt, a.pos.of("street_name"), "street_name `" + a.street_name + "` ends with the street suffix `" + w.back() + "`",
                     "move it to street_suffix: " + (sw != kSuffixWords.end() ? sw->second : w.back()));
            }
        }
    }
}

bool geocode_exempt(const std::string& country) { return country == "AU" || country == "JP"; }

// Locations each address holds, and the LIS entries pointing at each location.
std::vector<std::vector<std::uint32_t>> locations_by_address(const Config& cfg) {
    std::vector<std::vector<std::uint32_t>> r(cfg.addresses.size());
    for (std::uint32_t i = 0; i < cfg.locations.size(); ++i)
        if (cfg.locations[i].address.resolved()) r[cfg.locations[i].address.index].push_back(i);
    return r;
}

}  // namespace

std::vector<RuleImpl> address_rules() {
    return {
        {"address-msag-format", "address", msag},
        {"address-not-validated", "address",
         [](const LintContext& x, Emit& emit) {
             for (const auto& a : x.cfg.addresses)
                 if (!a.validated)
                     emit(target(Kind::address, a.id), a.pos.of("validated"),
                          "address `" + a.id + "` is not validated against the MSAG or a geocoder: the provider may reject it or the PSAP may not find it",
                          "validate it (Test-CsLisCivicAddress / the Teams admin center) and set validated: true");
         }},
        {"address-no-geocode", "address",
         [](const LintContext& x, Emit& emit) {
             for (const auto& a : x.cfg.addresses) {
                 std::string country = x.cfg.country_or_default(a.country);
                 if ((!a.latitude || !a.longitude) && !geocode_exempt(country))
                     emit(target(Kind::address, a.id), a.pos.self, "address `" + a.id + "` has no latitude/longitude (Teams requires them outside AU and JP)",
                          "add latitude and longitude from the geocoder that validated the address");
             }
         }},
        {"location-not-dispatchable", "address",
         [](const LintContext& x, Emit& emit) {
             auto by_addr = locations_by_address(x.cfg);
             for (const auto& l : x.cfg.locations) {
                 if (!l.address.resolved() || !l.place.empty()) continue;
                 const auto& a = x.cfg.addresses[l.address.index];
                 if (x.cfg.country_or_default(a.country) != "US" || by_addr[l.address.index].size() < 2) continue;
                 auto& f = emit(target(Kind::location, l.id), l.pos.self,
                                "location `" + l.id + "` names only the building `" + a.id + "`, which has " + std::to_string(by_addr[l.address.index].size()) +
                                    " locations: RAY BAUM'S Act requires floor, suite or room",
                                "set `place` (e.g. FL 2 RM 210), or point the LIS entries at the specific locations");
                 emit.related(f, target(Kind::address, a.id), a.pos.self);
             }
         }},
        {"elin-shared", "address",
         [](const LintContext& x, Emit& emit) {
             struct Use { std::string address; std::string owner; SourcePos pos; };
             std::map<std::string, std::vector<Use>> uses;
             for (const auto& a : x.cfg.addresses)
                 for (const auto& e : a.elins) uses[e].push_back({a.id, target(Kind::address, a.id), a.pos.of("elins")});
             for (const auto& l : x.cfg.locations)
                 for (const auto& e : l.elins) uses[e].push_back({l.address.id, target(Kind::location, l.id), l.pos.of("elins")});
             for (const auto& [elin, list] : uses) {
                 std::set<std::string> addrs;
                 for (const auto& u : list) addrs.insert(u.address);
                 if (addrs.size() < 2) continue;
                 auto& f = emit(list[1].owner, list[1].pos,
                                "ELIN " + elin + " is used at " + std::to_string(addrs.size()) + " different addresses (" + join({addrs.begin(), addrs.end()}, ", ") +
                                    "): the carrier's ALI holds one address per ELIN, so some callers reach the PSAP with the wrong address",
                                "give each address (and each location) its own ELIN");
                 for (const auto& u : list)
                     if (u.owner != list[1].owner) emit.related(f, u.owner, u.pos);
             }
         }},
        {"elin-is-user-number", "address",
         [](const LintContext& x, Emit& emit) {
             std::map<std::string, const User*> numbers;
             for (const auto& u : x.cfg.users)
                 if (!u.phone_number.empty()) numbers.emplace(u.phone_number, &u);
             auto check = [&](const std::vector<std::string>& elins, const std::string& tgt, SourcePos p) {
                 for (const auto& e : elins)
                     if (auto it = numbers.find(e); it != numbers.end()) {
                         auto& f = emit(tgt, p, "ELIN " + e + " is also the phone number of user `" + it->second->id +
                                                    "`: a PSAP callback to the ELIN and calls to the user collide",
                                        "use a DID reserved for the ELIN, not a user's number");
                         emit.related(f, target(Kind::user, it->second->id), it->second->pos.of("phone_number"));
                     }
             };
             for (const auto& a : x.cfg.addresses) check(a.elins, target(Kind::address, a.id), a.pos.of("elins"));
             for (const auto& l : x.cfg.locations) check(l.elins, target(Kind::location, l.id), l.pos.of("elins"));
         }},
        {"elin-too-many", "address",
         [](const LintContext& x, Emit& emit) {
             for (const auto& l : x.cfg.locations)
                 if (l.elins.size() > 5)
                     emit(target(Kind::location, l.id), l.pos.of("elins"),
                          "location `" + l.id + "` has " + std::to_string(l.elins.size()) + " ELINs; gateways and the PIDF-LO carry at most 5",
                          "keep at most 5 ELINs per location; split the location if it needs more concurrent emergency calls");
             for (const auto& a : x.cfg.addresses)
                 if (a.elins.size() > 5)
                     emit(target(Kind::address, a.id), a.pos.of("elins"), "address `" + a.id + "` has " + std::to_string(a.elins.size()) + " ELINs; at most 5 are carried",
                          "keep at most 5 ELINs per address");
         }},
        {"elin-missing", "address",
         [](const LintContext& x, Emit& emit) {
             // Locations reached by callers at sites whose emergency numbers leave through an ELIN gateway.
             std::set<std::uint32_t> elin_gateways;
             for (std::uint32_t g = 0; g < x.cfg.gateways.size(); ++g)
                 if (x.cfg.gateways[g].emergency_routing == EmergencyRouting::elin) elin_gateways.insert(g);
             if (elin_gateways.empty()) return;
             auto usage_hits_elin = [&](std::uint32_t usage, const std::string& number) {
                 for (auto r : x.c.matching_routes(usage, number))
                     for (const auto& g : x.cfg.routes[r].gateways)
                         if (g.resolved() && elin_gateways.count(g.index)) return x.cfg.gateways[g.index].id;
                 return std::string();
             };
             std::set<std::uint32_t> reported;
             for (std::uint32_t s = 0; s < x.cfg.sites.size(); ++s) {
                 const auto& site = x.cfg.sites[s];
                 std::string gw;
                 if (site.emergency_call_routing_policy.resolved())
                     for (const auto& n : x.cfg.emergency_call_routing_policies[site.emergency_call_routing_policy.index].numbers)
                         if (gw.empty() && n.pstn_usage.resolved()) gw = usage_hits_elin(n.pstn_usage.index, n.dial_string);
                 if (gw.empty() && site.location_policy.resolved()) {
                     const auto& lp = x.cfg.location_policies[site.location_policy.index];
                     if (lp.pstn_usage.resolved())
                         for (const auto& e : dial_entries(lp, SfbClient::modern))
                             if (gw.empty() && !e.is_mask) gw = usage_hits_elin(lp.pstn_usage.index, "+" + e.dial_string);
                 }
                 if (gw.empty()) continue;
                 for (const auto& sl : x.c.site_locations[s]) {
                     const auto& l = x.cfg.locations[sl.location];
                     bool has = !l.elins.empty() || (l.address.resolved() && !x.cfg.addresses[l.address.index].elins.empty());
                     if (has || !reported.insert(sl.location).second) continue;
                     auto& f = emit(target(Kind::location, l.id), l.pos.self,
                                    "location `" + l.id + "` has no ELIN (nor its address), but emergency calls from site `" + site.id + "` leave through ELIN gateway `" +
                                        gw + "`: the PSAP gets the trunk's address instead of the caller's",
                                    "add an ELIN to the location (or its address) and register it with the carrier's ALI database");
                     emit.related(f, target(Kind::site, site.id), site.pos.self);
                 }
             }
         }},
    };
}

}  // namespace e911::detail
