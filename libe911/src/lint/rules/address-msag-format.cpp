// address-msag-format: An address field does not follow MSAG spelling.
// Why it matters and how to fix it: docs/rules/address-msag-format.md.
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "lint/rule.hpp"
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

// Nearly every address is plain ASCII, for which the answers need no ICU: ASCII text is in NFC,
// has one character per byte, and upper-cases letter by letter.
bool ascii(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}
std::string icu_upper(const std::string& s) {
    if (ascii(s)) return upper_ascii(s);
    std::string out;
    icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale::getRoot()).toUTF8String(out);
    return out;
}
bool is_nfc(const std::string& s) {
    if (ascii(s)) return true;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return true;
    bool r = nfc->isNormalized(icu::UnicodeString::fromUTF8(s), status);
    return U_FAILURE(status) || r;
}
std::size_t chars(const std::string& s) {
    return ascii(s) ? s.size() : static_cast<std::size_t>(icu::UnicodeString::fromUTF8(s).countChar32());
}

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

}  // namespace

namespace lint_rules {
extern constinit const Rule address_msag_format{"address-msag-format", "address", Severity::warning,
    "An address field does not follow MSAG spelling.",
    msag};
}  // namespace lint_rules

}  // namespace e911::detail
