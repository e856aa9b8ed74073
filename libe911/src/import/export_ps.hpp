// Shared by the cmdlet writers (PowerShell for Teams and Skype for Business, and the cmdlet JSON):
// quoting, names and one command.
#pragma once
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "e911/import.hpp"

namespace e911::detail::ps {

// PowerShell single-quoted string: nothing expands, a quote is doubled.
inline std::string q(const std::string& s) {
    std::string r = "'";
    for (char ch : s) {
        r += ch;
        if (ch == '\'') r += '\'';
    }
    return r + "'";
}
inline std::string qlist(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + q(x);
    return s;
}
inline std::string refs(const std::vector<Ref>& v) {
    std::vector<std::string> ids;
    for (const auto& r : v) ids.push_back(r.id);
    return qlist(ids);
}
inline std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}
inline std::string coord(double d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", d);
    return buf;
}
inline std::string b(bool v) { return v ? "$true" : "$false"; }
inline std::string ident(const std::string& id) { return id == "global" ? "Global" : id; }
inline const char* mode(NotificationMode m) {
    switch (m) {
        case NotificationMode::none: return "None";
        case NotificationMode::notification_only: return "NotificationOnly";
        case NotificationMode::conference_muted: return "ConferenceMuted";
        case NotificationMode::conference_unmuted: return "ConferenceUnMuted";
        case NotificationMode::conference_oneway:  // Skype for Business modes in simulation answers only:
        case NotificationMode::conference_twoway:  // no Teams policy holds them
            break;
    }
    return "";
}
inline bool is_guid(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i])))
            return false;
    return true;
}
// A PowerShell variable name for an object created in this script.
inline std::string var(const char* prefix, const std::string& id) {
    std::string v = std::string("$") + prefix + "_";
    for (char ch : id) v += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return v;
}

struct Cmd {
    std::string key;     // kind/id, to compare two configurations
    int stage;           // dependency order
    std::string create;  // New-...
    std::string update;  // Set-... (same arguments)
    std::string remove;  // Remove-...
    SourcePos pos;
};

// "New-CsX -A 1" / "Set-CsX -A 1" from one argument list.
inline void add(std::vector<Cmd>& out, int stage, std::string key, const std::string& noun, const std::string& args,
                SourcePos pos, const std::string& remove_args, std::string create_prefix = "",
                std::string update_noun = "") {
    Cmd c;
    c.key = std::move(key);
    c.stage = stage;
    c.create = create_prefix + "New-" + noun + args;
    c.update = "Set-" + (update_noun.empty() ? noun : update_noun) + args;
    c.remove = "Remove-" + noun + remove_args;
    c.pos = pos;
    out.push_back(std::move(c));
}

inline std::string civic_args(const Address& a, bool sfb) {
    std::string s;
    auto p = [&](const char* name, const std::string& v) {
        if (!v.empty()) s += std::string(" -") + name + " " + q(v);
    };
    p("CompanyName", a.company);
    p("HouseNumber", a.house_number);
    p("HouseNumberSuffix", a.house_number_suffix);
    p("PreDirectional", a.pre_directional);
    p("StreetName", a.street_name);
    p("StreetSuffix", a.street_suffix);
    p("PostDirectional", a.post_directional);
    p("City", a.city);
    p(sfb ? "State" : "StateOrProvince", a.state);
    p("PostalCode", a.postal_code);
    p(sfb ? "Country" : "CountryOrRegion", a.country);
    if (!sfb) p("CountyOrDistrict", a.county);
    return s;
}

// Skype for Business Server cmdlets for what a `platform: sfb` configuration holds.
void sfb_commands(const Config& c, std::vector<Cmd>& out);

}  // namespace e911::detail::ps
