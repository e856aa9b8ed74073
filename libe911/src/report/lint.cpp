// Lint reporters: text for people, JSON for scripts, SARIF for code scanning, JUnit for CI
// dashboards, workflow commands for GitHub Actions annotations.
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "e911/lint.hpp"
#include "e911/version.hpp"
#include "util/json_util.hpp"
#include "util/xml_util.hpp"

namespace e911 {

namespace {
using detail::json;

json finding_json(const Finding& f) {
    json rel = json::array();
    for (const auto& r : f.related)
        rel.push_back({{"target", r.target}, {"note", detail::or_null(r.note)}, {"file", r.file}, {"line", r.line}, {"column", r.column}});
    json waived = nullptr;
    if (f.waived) waived = {{"reason", f.waived->reason}, {"approved_by", f.waived->approved_by}, {"expires", f.waived->expires}};
    return {{"rule", f.rule},       {"severity", to_string(f.severity)}, {"message", f.message}, {"hint", detail::or_null(f.hint)},
            {"target", f.target},   {"file", f.file},                    {"line", f.line},       {"column", f.column},
            {"related", rel},       {"waived", waived},                  {"baselined", f.baselined}, {"fingerprint", f.fingerprint}};
}

const char* sarif_level(Severity s) { return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note"; }

std::string docs_base() {
    const char* env = std::getenv("E911_DOCS_URL");
    return env && *env ? env : "https://github.com/libe911/libe911/blob/main/docs/rules/";
}

// SARIF consumers (GitHub code scanning) resolve artifact URIs against the repository root, so
// an absolute path under the working directory is written relative to it.
std::string artifact_uri(const std::string& file) {
    if (file.empty()) return ".";
    std::error_code ec;
    auto cwd = std::filesystem::current_path(ec);
    std::filesystem::path p(file);
    if (!ec && p.is_absolute()) {
        auto rel = p.lexically_relative(cwd);
        if (!rel.empty() && rel.native().rfind("..", 0) != 0) return rel.generic_string();
    }
    return p.generic_string();
}

std::string gh_escape(const std::string& s, bool property) {
    std::string r;
    for (char c : s) {
        if (c == '%') r += "%25";
        else if (c == '\r') r += "%0D";
        else if (c == '\n') r += "%0A";
        else if (property && c == ':') r += "%3A";
        else if (property && c == ',') r += "%2C";
        else r += c;
    }
    return r;
}
}  // namespace

std::string findings_to_text(const std::vector<Finding>& fs, bool color) {
    std::string out;
    for (const auto& f : fs) {
        const char* c = f.severity == Severity::error ? "\033[1;31m" : f.severity == Severity::warning ? "\033[1;33m" : "\033[1;36m";
        out += f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": ";
        std::string sev = to_string(f.severity);
        out += color ? std::string(c) + sev + "\033[0m" : sev;
        out += " [" + f.rule + "] " + f.message + " (" + f.target + ")";
        if (f.waived) out += " [waived until " + f.waived->expires + ": " + f.waived->reason + "]";
        if (f.baselined) out += " [baselined]";
        out += "\n";
        if (!f.hint.empty()) out += "    hint: " + f.hint + "\n";
        for (const auto& r : f.related)
            out += "    related: " + r.target + (r.note.empty() ? "" : " (" + r.note + ")") + " at " + r.file + ":" + std::to_string(r.line) + ":" +
                   std::to_string(r.column) + "\n";
    }
    auto s = summarize(fs);
    out += std::to_string(s.errors) + " error(s), " + std::to_string(s.warnings) + " warning(s), " + std::to_string(s.infos) + " info, " +
           std::to_string(s.waived) + " waived, " + std::to_string(s.baselined) + " baselined\n";
    return out;
}

std::string findings_to_json(const std::vector<Finding>& fs, int indent) {
    json arr = json::array();
    for (const auto& f : fs) arr.push_back(finding_json(f));
    auto s = summarize(fs);
    json j{{"findings", arr},
           {"summary", {{"errors", s.errors}, {"warnings", s.warnings}, {"infos", s.infos}, {"waived", s.waived}, {"baselined", s.baselined}}}};
    return j.dump(indent);
}

std::string findings_to_sarif(const std::vector<Finding>& fs) {
    json rule_list = json::array();
    std::map<std::string, int> index;
    for (const auto& r : rules()) {
        index[r.id] = static_cast<int>(rule_list.size());
        std::string doc = rule_doc(r.id);
        rule_list.push_back({{"id", r.id},
                             {"name", r.id},
                             {"shortDescription", {{"text", r.summary}}},
                             {"fullDescription", {{"text", r.summary}}},
                             {"help", {{"text", doc}, {"markdown", doc}}},
                             {"helpUri", docs_base() + r.id + ".md"},
                             {"defaultConfiguration", {{"level", sarif_level(r.severity)}}},
                             {"properties", {{"tags", json::array({r.category})}}}});
    }
    json results = json::array();
    for (const auto& f : fs) {
        json region = {{"startLine", f.line ? f.line : 1}, {"startColumn", f.column ? f.column : 1}};
        json loc = {{"physicalLocation", {{"artifactLocation", {{"uri", artifact_uri(f.file)}}}, {"region", region}}},
                    {"logicalLocations", json::array({{{"fullyQualifiedName", f.target}}})}};
        json res = {{"ruleId", f.rule},
                    {"level", sarif_level(f.severity)},
                    {"message", {{"text", f.message + (f.hint.empty() ? "" : " Fix: " + f.hint)}}},
                    {"locations", json::array({loc})},
                    {"partialFingerprints", {{"e911/v1", f.fingerprint}}}};
        if (index.count(f.rule)) res["ruleIndex"] = index[f.rule];
        if (!f.related.empty()) {
            json rel = json::array();
            int id = 1;
            for (const auto& r : f.related)
                rel.push_back({{"id", id++},
                               {"message", {{"text", r.target + (r.note.empty() ? "" : ": " + r.note)}}},
                               {"physicalLocation",
                                {{"artifactLocation", {{"uri", artifact_uri(r.file)}}},
                                 {"region", {{"startLine", r.line ? r.line : 1}, {"startColumn", r.column ? r.column : 1}}}}}});
            res["relatedLocations"] = rel;
        }
        if (f.waived)
            res["suppressions"] = json::array({{{"kind", "inSource"},
                                                {"status", "accepted"},
                                                {"justification", f.waived->reason + " (approved by " + f.waived->approved_by + ", expires " + f.waived->expires + ")"}}});
        else if (f.baselined)
            res["suppressions"] = json::array({{{"kind", "external"}, {"status", "accepted"}, {"justification", "in the lint baseline"}}});
        results.push_back(res);
    }
    json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", json::array({{{"tool", {{"driver", {{"name", "e911"},
                                                               {"semanticVersion", version()},
                                                               {"version", version()},
                                                               {"informationUri", "https://github.com/libe911/libe911"},
                                                               {"rules", rule_list}}}}},
                                         {"results", results}}})}};
    return sarif.dump(2);
}

std::string findings_to_junit(const std::vector<Finding>& fs) {
    using detail::xml_escape;
    int failures = 0, skipped = 0;
    std::string cases;
    for (const auto& f : fs) {
        std::string name = f.target + " (" + f.file + ":" + std::to_string(f.line) + ")";
        cases += "    <testcase classname=\"e911." + xml_escape(f.rule) + "\" name=\"" + xml_escape(name) + "\" file=\"" + xml_escape(f.file) +
                 "\" line=\"" + std::to_string(f.line) + "\">\n";
        std::string body = f.message + (f.hint.empty() ? "" : "\nhint: " + f.hint);
        if (!f.active()) {
            ++skipped;
            cases += "      <skipped message=\"" + xml_escape(f.waived ? "waived: " + f.waived->reason : "baselined") + "\"/>\n";
        } else if (f.severity == Severity::info) {
            cases += "      <system-out>" + xml_escape(body) + "</system-out>\n";
        } else {
            ++failures;
            cases += "      <failure type=\"" + std::string(to_string(f.severity)) + "\" message=\"" + xml_escape(f.message) + "\">" + xml_escape(body) +
                     "</failure>\n";
        }
        cases += "    </testcase>\n";
    }
    std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"e911 lint\" tests=\"" + std::to_string(fs.size()) +
                       "\" failures=\"" + std::to_string(failures) + "\" skipped=\"" + std::to_string(skipped) + "\">\n";
    head += "  <testsuite name=\"e911 lint\" tests=\"" + std::to_string(fs.size()) + "\" failures=\"" + std::to_string(failures) + "\" skipped=\"" +
            std::to_string(skipped) + "\" errors=\"0\">\n";
    return head + cases + "  </testsuite>\n</testsuites>\n";
}

std::string findings_to_github(const std::vector<Finding>& fs) {
    std::string out;
    for (const auto& f : fs) {
        if (!f.active()) continue;
        const char* cmd = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "notice";
        out += std::string("::") + cmd + " file=" + gh_escape(f.file, true) + ",line=" + std::to_string(f.line) + ",col=" + std::to_string(f.column) +
               ",title=" + gh_escape("e911 " + f.rule, true) + "::" + gh_escape(f.message + " (" + f.target + ")" + (f.hint.empty() ? "" : "\nhint: " + f.hint), false) +
               "\n";
    }
    return out;
}

std::string baseline_to_json(const std::vector<Finding>& fs) {
    json fps = json::array();
    std::set<std::string> seen;
    for (const auto& f : fs)
        if (!f.waived && seen.insert(f.fingerprint).second) fps.push_back({{"fingerprint", f.fingerprint}, {"rule", f.rule}, {"target", f.target}});
    return json{{"e911_baseline", 1}, {"findings", fps}}.dump(2) + "\n";
}

std::set<std::string> baseline_from_json(const std::string& text) {
    std::set<std::string> r;
    json j;
    try {
        j = json::parse(text);
    } catch (const std::exception& e) {
        throw std::invalid_argument(std::string("the baseline is not valid JSON: ") + e.what());
    }
    if (!j.is_object() || !j.contains("findings") || !j["findings"].is_array())
        throw std::invalid_argument("the baseline must be an object with a `findings` list (write one with --write-baseline)");
    for (const auto& f : j["findings"]) {
        if (f.is_object() && f.contains("fingerprint") && f["fingerprint"].is_string()) r.insert(f["fingerprint"].get<std::string>());
        else throw std::invalid_argument("every baseline entry needs a `fingerprint` string");
    }
    return r;
}

}  // namespace e911
