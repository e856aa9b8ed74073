// SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): the rule catalogue as the driver's rules,
// each finding a result with its position, related objects and suppression. Written to pass the
// SARIF multitool's validation rules (docs/ci.md lists which and how the tests check them).
#include <cstdlib>
#include <filesystem>
#include <map>

#include "e911/version.hpp"
#include "report/tables.hpp"

namespace e911::detail {

namespace {

namespace fs = std::filesystem;

// The uriBaseId of every file under the working directory (the repository root in CI).
constexpr const char* kRoot = "PROJECTROOT";

const char* sarif_level(Severity s) {
    return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

// E911_DOCS_URL may be given with or without its trailing slash; the rule page is joined either way.
std::string help_uri(const std::string& rule) {
    const char* env = std::getenv("E911_DOCS_URL");
    std::string base = env && *env ? env : "https://github.com/libe911/libe911/blob/main/docs/rules/";
    if (base.back() != '/') base += '/';
    return base + rule + ".md";
}

// SARIF1001: a rule's `name` must differ from its `id`; SARIF2012 asks for a Pascal-case friendly name.
std::string friendly_name(const std::string& id) {
    std::string out;
    bool upper = true;
    for (char c : id) {
        if (c == '-' || c == '_' || c == '.') {
            upper = true;
            continue;
        }
        out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return out;
}

// RFC 3986 (SARIF1002): every byte outside the unreserved set and `/` is percent-encoded, so spaces,
// `#`, `%` and non-ASCII names stay valid URI references; `:` too, lest a relative path read as a scheme.
std::string uri_path(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '/';
        if (keep)
            out += static_cast<char>(c);
        else
            out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}

// An absolute path as a `file:` URI: `file:///etc/x` and, on Windows, `file:///C:/x` (the drive colon kept).
std::string file_uri(const fs::path& abs) {
    std::string p = abs.generic_string();
    if (p.empty() || p[0] != '/') p = "/" + p;
    std::string enc = uri_path(p);
    if (p.size() > 2 && p[2] == ':') enc = "/" + std::string(1, p[1]) + ":" + uri_path(p.substr(3));
    return "file://" + enc;
}

// The working directory, the base every relative artifact URI is resolved against (SARIF1004: absolute,
// ending in a slash, no `..`).
fs::path root_dir() {
    std::error_code ec;
    auto cwd = fs::current_path(ec);
    return ec ? fs::path() : cwd.lexically_normal();
}

// A file under the working directory is a relative reference to PROJECTROOT (what code scanning and
// SARIF2016 want); any other file is an absolute `file:` URI without `..` segments (SARIF1002).
json artifact_location(const std::string& file, const fs::path& root) {
    if (file.empty() || root.empty()) return {{"uri", "."}, {"uriBaseId", kRoot}};
    fs::path p = fs::path(file).is_absolute() ? fs::path(file) : root / file;
    p = p.lexically_normal();
    auto rel = p.lexically_relative(root);
    if (!rel.empty() && rel.native().rfind("..", 0) != 0) return {{"uri", uri_path(rel.generic_string())}, {"uriBaseId", kRoot}};
    return {{"uri", file_uri(p)}};
}

json region(int line, int column) {
    json r = {{"startLine", line > 0 ? line : 1}};
    if (column > 0) r["startColumn"] = column;
    return r;
}

// SARIF2001: plain-text messages are sentences that end with a period.
std::string sentence(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
    if (s.empty() || (s.back() != '.' && s.back() != '?' && s.back() != '!')) s += '.';
    return s;
}

json rule_descriptors(std::map<std::string, int>& index) {
    json list = json::array();
    for (const auto& r : rules()) {
        index[r.id] = static_cast<int>(list.size());
        std::string doc = rule_doc(r.id);
        list.push_back({{"id", r.id},
                        {"name", friendly_name(r.id)},
                        {"shortDescription", {{"text", sentence(r.summary)}}},
                        {"fullDescription", {{"text", sentence(r.summary)}}},
                        {"help", {{"text", doc}, {"markdown", doc}}},
                        {"helpUri", help_uri(r.id)},
                        {"defaultConfiguration", {{"level", sarif_level(r.severity)}}},
                        {"properties", {{"tags", json::array({r.category})}}}});
    }
    return list;
}

json suppressions(const Finding& f) {
    std::string why;
    if (f.waived) {
        why = f.waived->reason + " (approved by " + f.waived->approved_by + ", expires " + f.waived->expires + ")";
        return json::array({{{"kind", "inSource"}, {"status", "accepted"}, {"justification", why}}});
    }
    why = f.baseline_reason.empty() ? "in the lint baseline" : "in the lint baseline: " + f.baseline_reason;
    return json::array({{{"kind", "external"}, {"status", "accepted"}, {"justification", why}}});
}

json result(const Finding& f, const std::map<std::string, int>& index, const fs::path& root) {
    json loc = {{"physicalLocation", {{"artifactLocation", artifact_location(f.file, root)}, {"region", region(f.line, f.column)}}},
                {"logicalLocations", json::array({{{"fullyQualifiedName", f.target}}})}};
    json res = {{"ruleId", f.rule},
                {"level", sarif_level(f.severity)},
                {"message", {{"text", sentence(sentence(f.message) + (f.hint.empty() ? "" : " Fix: " + f.hint))}}},
                {"locations", json::array({loc})},
                {"partialFingerprints", {{"e911/v1", f.fingerprint}}}};
    if (auto it = index.find(f.rule); it != index.end()) res["ruleIndex"] = it->second;
    if (!f.related.empty()) {
        json rel = json::array();
        int id = 1;
        for (const auto& r : f.related)
            rel.push_back({{"id", id++},
                           {"message", {{"text", sentence(r.target + (r.note.empty() ? "" : ": " + r.note))}}},
                           {"physicalLocation",
                            {{"artifactLocation", artifact_location(r.file, root)}, {"region", region(r.line, r.column)}}}});
        res["relatedLocations"] = rel;
    }
    if (!f.active()) res["suppressions"] = suppressions(f);
    return res;
}

}  // namespace

std::string sarif_findings(const std::vector<Finding>& findings) {
    std::map<std::string, int> index;
    json rule_list = rule_descriptors(index);
    fs::path root = root_dir();
    json results = json::array();
    for (const auto& f : findings) results.push_back(result(f, index, root));
    json driver = {{"name", "e911"},
                   {"semanticVersion", version()},
                   {"version", version()},
                   {"informationUri", "https://github.com/libe911/libe911"},
                   {"rules", rule_list}};
    // automationDetails.id names the analysis (GitHub's "category"), so a second upload of a different
    // configuration set can be told apart by E911_SARIF_CATEGORY.
    const char* category = std::getenv("E911_SARIF_CATEGORY");
    std::string automation = category && *category ? category : "e911/lint";
    if (automation.back() != '/') automation += '/';
    json run = {{"tool", {{"driver", driver}}}, {"automationDetails", {{"id", automation}}}, {"results", results}};
    if (!root.empty()) {
        std::string base = file_uri(root);
        if (base.back() != '/') base += '/';
        run["originalUriBaseIds"] = {{kRoot, {{"uri", base}}}};
    }
    json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", json::array({run})}};
    return sarif.dump(2);
}

}  // namespace e911::detail
