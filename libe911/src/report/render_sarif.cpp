// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): the rule catalogue as the driver's rules,
// each finding a result with its position, related objects and suppression.
#include <cstdlib>
#include <filesystem>
#include <map>

#include "e911/version.hpp"
#include "report/tables.hpp"

namespace e911::detail {

namespace {

const char* sarif_level(Severity s) {
    return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

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

}  // namespace

std::string sarif_findings(const std::vector<Finding>& fs) {
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
                rel.push_back(
                    {{"id", id++},
                     {"message", {{"text", r.target + (r.note.empty() ? "" : ": " + r.note)}}},
                     {"physicalLocation",
                      {{"artifactLocation", {{"uri", artifact_uri(r.file)}}},
                       {"region", {{"startLine", r.line ? r.line : 1}, {"startColumn", r.column ? r.column : 1}}}}}});
            res["relatedLocations"] = rel;
        }
        if (f.waived)
            res["suppressions"] =
                json::array({{{"kind", "inSource"},
                              {"status", "accepted"},
                              {"justification", f.waived->reason + " (approved by " + f.waived->approved_by +
                                                    ", expires " + f.waived->expires + ")"}}});
        else if (f.baselined)
            res["suppressions"] = json::array(
                {{{"kind", "external"}, {"status", "accepted"}, {"justification", "in the lint baseline"}}});
        results.push_back(res);
    }
    json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                  {"version", "2.1.0"},
                  {"runs", json::array({{{"tool",
                                          {{"driver",
                                            {{"name", "e911"},
                                             {"semanticVersion", version()},
                                             {"version", version()},
                                             {"informationUri", "https://github.com/libe911/libe911"},
                                             {"rules", rule_list}}}}},
                                         {"results", results}}})}};
    return sarif.dump(2);
}

}  // namespace e911::detail
