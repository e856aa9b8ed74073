// The load's own checks: the decoder applies the schema's rules; long work reports its progress.
// The loader no longer validates every document against the JSON Schema: the decoder applies the
// same rules in the same pass. This test keeps that true. From the schema alone it builds a document
// with every key set, then breaks one rule at a time (a wrong type, a value outside an enum, a pattern
// or a bound, a missing required key, an unknown key) and checks: whenever the schema rejects the
// broken document, the decoder alone reports a new error at that key.
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "helpers.hpp"

using nlohmann::json;

namespace {

json load_schema() {
    std::ifstream in(E911_SOURCE_DIR "/schemas/e911-config.schema.json");
    return json::parse(in);
}

const json& resolve(const json& root, const json& n) {
    if (!n.contains("$ref")) return n;
    std::string ref = n["$ref"].get<std::string>();
    return resolve(root, root["definitions"][ref.substr(ref.rfind('/') + 1)]);
}

// A value the schema accepts, for a string of the given pattern.
std::string valid_string(const json& s) {
    std::string p = s.value("pattern", "");
    if (p == "^[0-9]+$") return "911";
    if (p.find("\\+[1-9]") != std::string::npos) return "+14255550100";
    if (p == "^[A-Z]{2}$") return "US";
    if (p == "^sip:") return "sip:alert@example.com";
    if (p == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$") return "2026-01-01";
    if (p == "^[0-9*#]{1,4}$") return "9";
    return "x1";
}

// A document the schema accepts with every property present (lists hold one item).
json valid_instance(const json& root, const json& node) {
    const json& s = resolve(root, node);
    if (s.contains("oneOf")) return valid_instance(root, s["oneOf"][0]);
    if (s.contains("enum")) return s["enum"][0];
    std::string type = s.value("type", "string");
    if (type == "object") {
        json o = json::object();
        for (const auto& [k, v] : s["properties"].items())
            if (k != "include" && k != "overrides") o[k] = valid_instance(root, v);
        return o;
    }
    if (type == "array") return json::array({valid_instance(root, s["items"])});
    if (type == "integer" || type == "number") return s.value("minimum", 1);
    if (type == "boolean") return true;
    return valid_string(s);
}

class SchemaCheck {
public:
    SchemaCheck() : doc_(load_schema()) {
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(doc_);
        parser.populateSchema(adapter, schema_);
    }
    bool accepts(const json& d) const {
        valijson::Validator v;
        valijson::adapters::NlohmannJsonAdapter a(d);
        return v.validate(schema_, a, nullptr);
    }
    const json& doc() const { return doc_; }

private:
    json doc_;
    valijson::Schema schema_;
};

using Errors = std::set<std::string>;  // "key|id|message" of every error

Errors decoder_errors(const json& d) {
    auto r = e911::load_string(d.dump(1), e911::Format::json, "agreement.json", E911_SOURCE_DIR "/tests/data");
    Errors e;
    for (const auto& x : r.diagnostics)
        if (x.severity == e911::Severity::error) e.insert(x.key + "|" + x.id + "|" + x.message);
    return e;
}

struct Mutation {
    std::string what, path;                 // path: the key the decoder must speak about ("a.b[0].c")
    std::function<void(json&)> apply;
};

void collect(const json& root, const json& node, const json::json_pointer& ptr, const std::string& path, std::vector<Mutation>& out) {
    const json& s = resolve(root, node);
    std::string type = s.value("type", "");
    auto at = [ptr](std::function<void(json&)> f) { return [ptr, f](json& d) { f(d[ptr]); }; };
    auto set = [&](const std::string& what, json v) { out.push_back({what, path, at([v](json& x) { x = v; })}); };
    if (s.contains("oneOf") || path.empty() && type.empty()) return;
    if (!path.empty()) {
        if (type != "string") set("a string instead of " + type, "text");
        if (type != "object" && type != "array") set("a mapping instead of " + type, json{{"k", 1}});
        if (type == "string" || type == "object") set("a number instead of " + type, 12345);
    }
    if (s.contains("enum")) set("a value outside the enum", "not-one-of-them");
    if (s.contains("pattern")) set("a value against the pattern", "@@ bad @@");
    if (s.contains("minimum")) set("below the minimum", s["minimum"].get<double>() - 1);
    if (s.contains("maximum")) set("above the maximum", s["maximum"].get<double>() + 1);
    if (type == "array") collect(root, s["items"], ptr / 0, path + "[0]", out);
    if (type != "object") return;
    out.push_back({"an unknown key", path, at([](json& x) { x["not_a_key"] = 1; })});
    for (const auto& r : s.value("required", json::array())) {
        std::string k = r.get<std::string>();
        out.push_back({"required `" + k + "` missing", path, at([k](json& x) { x.erase(k); })});
    }
    for (const auto& [k, v] : s["properties"].items())
        if (k != "include" && k != "overrides") collect(root, v, ptr / k, path.empty() ? k : path + "." + k, out);
}

}  // namespace

TEST_CASE("every rule of the schema is also the decoder's", "[desc][schema]") {
    SchemaCheck schema;
    json base = valid_instance(schema.doc(), schema.doc());
    REQUIRE(schema.accepts(base));
    const Errors before = decoder_errors(base);
    std::vector<Mutation> mutations;
    collect(schema.doc(), schema.doc(), json::json_pointer(), "", mutations);
    REQUIRE(mutations.size() > 300);  // every key of the format, several ways each
    std::size_t checked = 0;
    for (const auto& m : mutations) {
        json d = base;
        m.apply(d);
        if (schema.accepts(d)) continue;  // e.g. a string where the schema allows any text
        ++checked;
        Errors after = decoder_errors(d);
        bool spoke = false;
        for (const auto& e : after)
            if (!before.count(e) && e.rfind(m.path, 0) == 0) spoke = true;
        INFO(m.what << " at `" << m.path << "`; the decoder said:");
        for (const auto& e : after)
            if (!before.count(e)) INFO("  " << e);
        CHECK(spoke);
    }
    CHECK(checked > 250);
}

TEST_CASE("checking the schema as well adds nothing the decoder did not say", "[desc][schema]") {
    const std::string text =
        "version: 1\nsites:\n  - id: hq\n    colour: blue\n    subnets: 5\nvoice:\n  gateways:\n"
        "    - id: gw1\n      emergency_routing: maybe\n      elin_callback_minutes: -3\n";
    auto plain = test::load_yaml(text);
    e911::LoadOptions o;
    o.check_schema = true;
    auto both = e911::load_string(text, e911::Format::yaml, "test.yaml", E911_SOURCE_DIR "/tests/data", o);
    CHECK(plain.diagnostics.size() >= 3);
    CHECK(e911::diagnostics_to_text(both.diagnostics, false) == e911::diagnostics_to_text(plain.diagnostics, false));
}

TEST_CASE("a load and a lint report their progress to the caller", "[progress]") {
    std::vector<std::string> stages;
    std::uint64_t rules_done = 0, rules_total = 0, bytes = 0;
    e911::LoadOptions o;
    o.progress = [&](const e911::Progress& p) {
        stages.emplace_back(p.stage);
        if (std::string(p.stage) == "reading") bytes = p.done;
    };
    auto r = e911::load_files({E911_SOURCE_DIR "/examples/campus.yaml"}, o);
    REQUIRE(r.ok());
    CHECK(bytes > 1000);
    e911::LintOptions lo;
    lo.progress = [&](const e911::Progress& p) {
        stages.emplace_back(p.stage);
        CHECK(p.done > rules_done);  // grows within the stage
        rules_done = p.done, rules_total = p.total;
    };
    e911::lint(r.config, lo);
    CHECK(stages.front() == "reading");
    CHECK(stages.back() == "linting");
    CHECK(rules_done == rules_total);
    CHECK(rules_total > 30);
}
