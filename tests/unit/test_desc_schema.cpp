// The JSON Schema is the editor's contract and the descriptions (model/describe.hpp) are the decoder's:
// both must name the same keys, types, enum values, formats, required keys and (where the schema states
// them) bounds and defaults. The descriptions are turned into a schema-shaped tree and walked beside it.
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "helpers.hpp"
#include "model/describe.hpp"

using namespace e911;
using detail::Describe;
using detail::Opt;
using detail::Syntax;
using nlohmann::json;

namespace {

const char* format_name(Syntax f) {
    switch (f) {
        case Syntax::digits: return "digits";
        case Syntax::e164: return "e164";
        case Syntax::country: return "country";
        case Syntax::sip: return "sip";
        case Syntax::date: return "date";
        case Syntax::access_prefix: return "access_prefix";
        case Syntax::elin: return "elin";
        default: return "";  // chassis IDs, targets and plain text have no schema pattern
    }
}

json string_type(Syntax f) { return {{"type", "string"}, {"format", format_name(f)}}; }

// Describes one object as {"properties": {...}, "required": [...]} in the schema's own vocabulary.
struct Meta {
    json props = json::object();
    json required = json::array();

    void put(const char* key, json spec, const Opt& opt) {
        props[key] = std::move(spec);
        if (opt.required) required.push_back(key);
    }
    void field(const char* key, std::string&, Opt opt = {}) { put(key, string_type(opt.syntax), opt); }
    void field(const char* key, std::optional<std::string>&, Opt opt = {}) { put(key, string_type(opt.syntax), opt); }
    template <class P>
    void field(const char* key, detail::Keyed<P>, Opt opt = {}) {
        put(key, string_type(opt.syntax), opt);
    }
    void field(const char* key, bool& v, Opt opt = {}) { put(key, {{"type", "boolean"}, {"default", v}}, opt); }
    void field(const char* key, int& v, Opt opt = {}) {
        put(key, {{"type", "integer"}, {"minimum", opt.lo}, {"maximum", opt.hi}, {"default", v}}, opt);
    }
    void field(const char* key, std::optional<int>&, Opt opt = {}) {
        put(key, {{"type", "integer"}, {"minimum", opt.lo}, {"maximum", opt.hi}}, opt);
    }
    void field(const char* key, std::optional<double>&, Opt opt = {}) {
        put(key, {{"type", "number"}, {"minimum", opt.lo}, {"maximum", opt.hi}}, opt);
    }
    template <class E, std::size_t N>
    json enum_spec(const std::pair<const char*, E> (&names)[N]) {
        json e = json::array();
        for (const auto& n : names) e.push_back(n.first);
        return {{"type", "string"}, {"format", ""}, {"enum", e}};
    }
    template <class E, std::size_t N>
    void field(const char* key, E& v, const std::pair<const char*, E> (&names)[N], Opt opt = {}) {
        json s = enum_spec(names);
        s["default"] = to_string(v);
        put(key, s, opt);
    }
    template <class E, std::size_t N>
    void field(const char* key, std::optional<E>&, const std::pair<const char*, E> (&names)[N], Opt opt = {}) {
        put(key, enum_spec(names), opt);
    }
    void field(const char* key, IpPrefix&, Opt opt = {}) { put(key, string_type(Syntax::text), opt); }
    void field(const char* key, IpAddress&, Opt opt = {}) { put(key, string_type(Syntax::text), opt); }
    void field(const char* key, MacAddress&, Opt opt = {}) { put(key, string_type(Syntax::text), opt); }
    void field(const char* key, Ref&, Kind, Opt opt = {}) { put(key, string_type(Syntax::text), opt); }
    void field(const char* key, std::vector<Ref>&, Kind, Opt opt = {}) {
        put(key, {{"type", "array"}, {"items", string_type(Syntax::text)}}, opt);
    }
    void field(const char* key, std::vector<std::string>&, Opt opt = {}) {
        put(key, {{"type", "array"}, {"items", string_type(opt.syntax)}}, opt);
    }
    void field(const char* key, std::optional<std::vector<std::string>>& v, Opt opt = {}) {
        std::vector<std::string> list = v.value_or(std::vector<std::string>{});
        field(key, list, opt);
    }
    void ignored(const char* key) { put(key, string_type(Syntax::text), {}); }
    void raw(const char* key) { put(key, {{"type", "any"}}, {}); }
    template <class T, class D>
    void objects(const char* key, std::vector<T>&, D, Opt opt = {}) {
        put(key, {{"type", "array"}, {"items", describe<D, T>()}}, opt);
    }
    template <class T>
    void object(const char* key, T&) {
        put(key, describe<Describe<T>, T>(), {});
    }
    template <class Body>
    void section(const char* key, Body body) {
        Meta m;
        body(m);
        put(key, m.result(), {});
    }
    template <class T>
    void list(const char* key, std::vector<T>&) {
        json items = describe<Describe<T>, T>();
        if constexpr (detail::is_scalar_form<T>) items = items["properties"].begin().value();  // a bare string
        put(key, {{"type", "array"}, {"items", items}}, {});
    }

    json result() const { return {{"type", "object"}, {"properties", props}, {"required", required}}; }
    template <class D, class T>
    static json describe() {
        T obj{};
        Meta m;
        D::fields(m, obj);
        return m.result();
    }
};

json load_schema() {
    std::ifstream in(E911_SOURCE_DIR "/schemas/e911-config.schema.json");
    return json::parse(in);
}

// Follows a `$ref` and reports the named definition a string refers to (digits, e164, country).
const json& resolve(const json& root, const json& n, std::string* ref_name = nullptr) {
    if (!n.contains("$ref")) return n;
    std::string ref = n["$ref"].get<std::string>();
    std::string name = ref.substr(ref.rfind('/') + 1);
    if (ref_name) *ref_name = name;
    return resolve(root, root["definitions"][name]);
}

std::string schema_format(const json& root, const json& node) {
    std::string ref;
    const json& n = resolve(root, node, &ref);
    if (ref == "digits" || ref == "e164" || ref == "country" || ref == "elin") return ref;
    std::string pattern = n.value("pattern", "");
    if (pattern == "^sip:") return "sip";
    if (pattern == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$") return "date";
    if (pattern == "^[0-9*#]{1,4}$") return "access_prefix";
    CHECK(pattern.empty());  // a pattern the descriptions have no format for
    return "";
}

void compare(const json& root, const json& schema_node, const json& desc, const std::string& path) {
    INFO("at " << (path.empty() ? "the document" : path));
    const json& s = resolve(root, schema_node);
    const std::string type = desc["type"];
    if (type == "any") return;  // `include`: a file or a list of files, resolved before decoding
    REQUIRE(s.contains("type"));
    CHECK(s["type"] == type);
    if (type == "object") {
        CHECK(s.value("additionalProperties", true) == false);
        std::set<std::string> sk, dk;
        for (const auto& [k, v] : s["properties"].items()) sk.insert(k);
        for (const auto& [k, v] : desc["properties"].items()) dk.insert(k);
        // `overrides:` is applied by the loader to the tree of an imported export before decoding.
        if (path.empty()) sk.erase("overrides");
        CHECK(sk == dk);  // every key, both ways
        std::set<std::string> sr, dr;
        for (const auto& k : s.value("required", json::array())) sr.insert(k.get<std::string>());
        for (const auto& k : desc["required"]) dr.insert(k.get<std::string>());
        CHECK(sr == dr);
        for (const auto& [k, v] : desc["properties"].items())
            if (s["properties"].contains(k)) compare(root, s["properties"][k], v, path.empty() ? k : path + "." + k);
    } else if (type == "array") {
        compare(root, s["items"], desc["items"], path + "[]");
    } else if (type == "string") {
        CHECK(schema_format(root, schema_node) == desc["format"].get<std::string>());
        if (desc.contains("enum") || s.contains("enum")) CHECK(s.value("enum", json()) == desc.value("enum", json()));
    } else if (type == "integer" || type == "number") {
        // Where the schema states a bound it must be the decoder's; the decoder may bound what the schema leaves open.
        if (s.contains("minimum")) CHECK(s["minimum"].get<double>() == desc["minimum"].get<double>());
        if (s.contains("maximum")) CHECK(s["maximum"].get<double>() == desc["maximum"].get<double>());
        if (s.contains("enum"))  // `version`: the schema lists the versions this build reads
            for (const auto& v : s["enum"])
                CHECK((v.get<double>() >= desc["minimum"].get<double>() &&
                       v.get<double>() <= desc["maximum"].get<double>()));
    }
    if (s.contains("default")) CHECK(s["default"] == desc.value("default", json()));
}

}  // namespace

TEST_CASE("schema and descriptions agree key for key", "[desc]") {
    json schema = load_schema();
    compare(schema, schema, Meta::describe<Describe<Config>, Config>(), "");
}

TEST_CASE("the schema comparison notices a drift", "[desc]") {
    json desc = Meta::describe<Describe<Config>, Config>();
    json& gw = desc["properties"]["voice"]["properties"]["gateways"]["items"];
    CHECK(gw["properties"].contains("elin_callback_minutes"));
    CHECK(gw["properties"]["elin_callback_minutes"]["default"] == 30);
    CHECK(gw["properties"]["emergency_routing"]["enum"] == json::array({"location", "elin", "fixed"}));
    CHECK(gw["required"] == json::array({"id"}));
    // A key only the descriptions know would fail the walk above: the schema's gateway has no such key.
    json schema = load_schema();
    CHECK_FALSE(schema["properties"]["voice"]["properties"]["gateways"]["items"]["properties"].contains("trunk_fqdn"));
}

// The Python facade's model lists and their stubs, checked against the descriptions' lists and paths.
namespace {
struct PathWalk {
    std::string prefix;
    std::vector<std::tuple<std::string, std::string, bool>>*
        out;  // (model list name, path in the format, bare strings)
    template <class... A>
    void field(const char*, A&&...) {}
    void raw(const char*) {}
    void ignored(const char*) {}
    template <class D>
    void object(const char*, D&) {}
    template <class B>
    void section(const char* key, B body) {
        PathWalk sub{prefix + "\"" + key + "\", ", out};
        body(sub);
    }
    template <class T>
    void list(const char* key, std::vector<T>&) {
        out->emplace_back(Describe<T>::plural, prefix + "\"" + key + "\"", detail::is_scalar_form<T>);
    }
};

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("the Python model lists match the descriptions", "[desc]") {
    std::vector<std::tuple<std::string, std::string, bool>> lists;
    Config cfg;
    PathWalk walk{"", &lists};
    Describe<Config>::fields(walk, cfg);
    REQUIRE(lists.size() == 21);
    std::string py = read(E911_SOURCE_DIR "/bindings/python/e911/__init__.py");
    for (const auto& [name, path, bare] : lists) {
        INFO(name << " at " << path);
        CHECK(py.find(name + " = property(lambda self: self._list(" + path + ")") != std::string::npos);
    }
}

TEST_CASE("a dial plan's description is accepted by the schema as by the decoder", "[desc]") {
    auto r = test::load_yaml("version: 1\nvoice:\n  dial_plans:\n    - id: global\n      description: main office\n");
    INFO(diagnostics_to_text(r.diagnostics, false));
    CHECK(r.diagnostics.empty());
}
