// The import report (what each file held, what could not be mapped, what the user must still
// supply) as text and JSON, and the configuration in YAML.
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "e911/export.hpp"
#include "e911/import.hpp"
#include "util/text_util.hpp"

namespace e911 {

std::string import_report_json(const ImportReport& rep) {
    nlohmann::ordered_json j;
    j["files"] = nlohmann::ordered_json::array();
    for (const auto& f : rep.files) {
        nlohmann::ordered_json o;
        o["file"] = f.file;
        o["format"] = f.format;
        o["encoding"] = f.encoding;
        o["read"] = f.read;
        o["mapped"] = f.mapped;
        o["notes"] = f.notes;
        j["files"].push_back(std::move(o));
    }
    j["to_supply"] = rep.to_supply;
    return j.dump(2) + "\n";
}

std::string import_report_text(const ImportReport& rep) {
    std::ostringstream s;
    for (const auto& f : rep.files) {
        s << f.file << " (" << (f.format.empty() ? "unread" : f.format) << (f.encoding.empty() ? "" : ", " + f.encoding)
          << ")\n";
        for (const auto& [type, n] : f.read) s << "  read " << n << " x " << type << "\n";
        std::string mapped;
        for (const auto& [kind, n] : f.mapped) mapped += (mapped.empty() ? "" : ", ") + std::to_string(n) + " " + kind;
        if (!mapped.empty()) s << "  -> " << mapped << "\n";
        for (const auto& n : f.notes) s << "  ! " << n << "\n";
    }
    if (!rep.to_supply.empty()) s << "still to supply (no export holds these):\n";
    for (const auto& t : rep.to_supply) s << "  - " << t << "\n";
    return s.str();
}

namespace {
// Strings a YAML reader would take for a number, boolean or null are quoted.
bool needs_quotes(const std::string& s) {
    if (s.empty()) return true;
    static const char* words[] = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"};
    std::string l = detail::lower_ascii(s);
    for (const char* w : words)
        if (l == w) return true;
    char c = s[0];
    return std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

void emit(YAML::Emitter& out, const nlohmann::ordered_json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object:
            out << YAML::BeginMap;
            for (const auto& [k, v] : j.items()) {
                out << YAML::Key << k << YAML::Value;
                emit(out, v);
            }
            out << YAML::EndMap;
            break;
        case nlohmann::json::value_t::array:
            out << YAML::BeginSeq;
            for (const auto& v : j) emit(out, v);
            out << YAML::EndSeq;
            break;
        case nlohmann::json::value_t::string: {
            const auto& s = j.get_ref<const std::string&>();
            if (needs_quotes(s)) out << YAML::DoubleQuoted;
            out << s;
            break;
        }
        case nlohmann::json::value_t::boolean: out << j.get<bool>(); break;
        case nlohmann::json::value_t::null: out << YAML::Null; break;
        default: out << j.dump(); break;
    }
}
}  // namespace

std::string config_to_yaml(const Config& config) {
    auto j = nlohmann::ordered_json::parse(config_to_json(config));
    YAML::Emitter out;
    out.SetIndent(2);
    emit(out, j);
    return std::string(out.c_str()) + "\n";
}

}  // namespace e911
