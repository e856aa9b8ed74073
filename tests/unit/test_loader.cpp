#include <fstream>
#include <sstream>

#include "helpers.hpp"

using namespace e911;
using test::find_diag;
using test::line_of;
using test::load_yaml;

TEST_CASE("a clean document loads into the model with references resolved") {
    auto cfg = test::config(test::base_us());
    REQUIRE(cfg.sites.size() == 1);
    CHECK(cfg.sites[0].emergency_calling_policy.resolved());
    CHECK(cfg.find(Kind::site, "hq") == 0);
    CHECK(cfg.find(Kind::site, "nope") == npos);
    CHECK(cfg.subnets[0].prefix.to_string() == "10.0.0.0/24");
    CHECK(cfg.locations[0].address.index == 0);
    CHECK(cfg.subnets[0].pos.of("prefix").line == line_of(test::base_us(), "prefix: 10.0.0.0/24"));
}

TEST_CASE("unknown key: position of the key and a did-you-mean") {
    std::string y = "version: 1\nnetwork:\n  sites:\n    - id: s\n      regoin: r\n  subnet: []\n";
    auto r = load_yaml(y);
    auto* d = find_diag(r.diagnostics, "unknown-key", 5);
    REQUIRE(d);
    CHECK(d->column == 7);
    CHECK(d->message.find("did you mean `region`") != std::string::npos);
    auto* d2 = find_diag(r.diagnostics, "unknown-key", 6);
    REQUIRE(d2);
    CHECK(d2->message == "unknown key `subnet` in `network`; did you mean `subnets`?");
    CHECK(d2->file == "test.yaml");
}

TEST_CASE("misplaced top-level keys say where they belong") {
    auto r = load_yaml("version: 1\nsites: []\n");
    auto* d = find_diag(r.diagnostics, "unknown-key", 2);
    REQUIRE(d);
    CHECK(d->hint.find("network.sites") != std::string::npos);
}

TEST_CASE("wrong type: an unquoted dial string is a number and loses leading zeros") {
    std::string y = "version: 1\nemergency_call_routing_policies:\n  - id: p\n    numbers:\n      - {dial_string: 000, pstn_usage: u}\n";
    auto r = load_yaml(y);
    auto* d = find_diag(r.diagnostics, "wrong-type", 5);
    REQUIRE(d);
    CHECK(d->hint.find("quotes") != std::string::npos);
    CHECK(d->key == "emergency_call_routing_policies[0].numbers[0].dial_string");
}

TEST_CASE("missing required fields point at the object") {
    auto r = load_yaml("version: 1\nlocations:\n  - {id: l}\n");
    auto* d = find_diag(r.diagnostics, "missing-field", 3);
    REQUIRE(d);
    CHECK(d->key == "locations[0].address");
    CHECK(find_diag(load_yaml("name: x\n").diagnostics, "missing-field", 1));  // version
}

TEST_CASE("duplicate ids and dangling references name both sides") {
    std::string y = "version: 1\nnetwork:\n  regions: [{id: east}]\n  sites:\n    - {id: s, region: esat}\n    - {id: s, region: east}\n";
    auto r = load_yaml(y);
    auto* dup = find_diag(r.diagnostics, "duplicate-id", 6);
    REQUIRE(dup);
    CHECK(dup->message.find("first at test.yaml:5") != std::string::npos);
    auto* dang = find_diag(r.diagnostics, "dangling-reference", 5);
    REQUIRE(dang);
    CHECK(dang->message.find("site `s`") != std::string::npos);
    CHECK(dang->message.find("region `esat`") != std::string::npos);
    CHECK(dang->hint == "did you mean `east`?");
}

TEST_CASE("malformed IPs, prefixes and MACs") {
    std::string y = R"(version: 1
network:
  trusted_ips: [010.1.1.1]
  sites: [{id: s}]
  subnets:
    - {prefix: 10.0.0.1/24, site: s}
    - {prefix: 10.0.0.0/40, site: s}
lis:
  subnets:
    - {network_id: 10.1.1.0/24, location: l}
  wireless_access_points:
    - {bssid: F0-6E-0B-C2-*-01, location: l}
    - {bssid: "f0:6e:0b:c2:04:1a", location: l}
  switches:
    - {chassis_id: not-a-mac, location: l}
)";
    auto r = load_yaml(y);
    auto* ip = find_diag(r.diagnostics, "invalid-prefix", 3);
    REQUIRE(ip);
    CHECK(ip->message.find("leading zero") != std::string::npos);
    // Host bits set: loaded as the network with a warning (domain §2, v2), no longer an error.
    CHECK_FALSE(find_diag(r.diagnostics, "invalid-prefix", 6));
    auto* host = find_diag(r.diagnostics, "subnet-host-bits", 6);
    REQUIRE(host);
    CHECK(host->severity == Severity::warning);
    CHECK(host->message.find("network 10.0.0.0/24") != std::string::npos);
    CHECK(find_diag(r.diagnostics, "invalid-prefix", 7));
    CHECK(find_diag(r.diagnostics, "invalid-ip", 10));
    CHECK(find_diag(r.diagnostics, "invalid-mac", 12));
    CHECK_FALSE(find_diag(r.diagnostics, "invalid-mac", 13));  // lower case with colons is fine
    CHECK(find_diag(r.diagnostics, "invalid-mac", 15));
    REQUIRE(r.config.wireless_access_points.size() == 1);
    CHECK(r.config.wireless_access_points[0].bssid.to_string() == "F0-6E-0B-C2-04-1A");
}

TEST_CASE("dial strings, E.164 numbers and country codes") {
    std::string y = R"(version: 1
defaults: {country: us}
addresses:
  - {id: a, country: XX, elins: ["2175550100"]}
users:
  - {id: u, phone_number: "+1 217 555 0100"}
emergency_call_routing_policies:
  - id: p
    numbers:
      - {dial_string: "9-1-1", dial_masks: ["+911"], pstn_usage: u}
)";
    auto r = load_yaml(y);
    auto* c = find_diag(r.diagnostics, "invalid-country", 2);
    REQUIRE(c);
    CHECK(c->message.find("upper case") != std::string::npos);
    CHECK(find_diag(r.diagnostics, "invalid-country", 4));
    CHECK(find_diag(r.diagnostics, "invalid-e164", 4));
    CHECK(find_diag(r.diagnostics, "invalid-e164", 6));
    auto* ds = find_diag(r.diagnostics, "invalid-dial-string", 10);
    REQUIRE(ds);
    int count = 0;
    for (const auto& d : r.diagnostics) count += d.id == "invalid-dial-string";
    CHECK(count == 2);  // both the dial string and the mask
}

TEST_CASE("invalid UTF-8 is reported where it is and loading goes on") {
    auto r = load_yaml("version: 1\nname: \"caf\xE9\"\nnetwork: {sites: [{id: s, regoin: r}]}\n");
    auto* d = find_diag(r.diagnostics, "invalid-utf8", 2);
    REQUIRE(d);
    CHECK(d->column == 11);
    CHECK(find_diag(r.diagnostics, "unknown-key", 3));  // later errors still found
}

TEST_CASE("YAML and JSON syntax errors carry positions") {
    auto y = load_yaml("version: 1\nnetwork:\n  sites: [a, b\n  x: 1\n");
    auto* d = find_diag(y.diagnostics, "syntax-error");
    REQUIRE(d);
    CHECK(d->line >= 3);
    auto j = load_string("{\n  \"version\": 1,\n  \"name\": \"x\",,\n}\n", Format::json, "t.json");
    auto* dj = find_diag(j.diagnostics, "syntax-error");
    REQUIRE(dj);
    CHECK(dj->line == 3);
    CHECK(find_diag(load_yaml("version: 1\nversion: 1\n").diagnostics, "duplicate-key", 2));
}

TEST_CASE("JSON positions point at keys and values") {
    std::string text = "{\n  \"version\": 1,\n  \"network\": {\"sites\": [\n    {\"id\": \"s\", \"regoin\": \"r\"}\n  ]}\n}\n";
    auto r = load_string(text, Format::json, "t.json");
    auto* d = find_diag(r.diagnostics, "unknown-key", 4);
    REQUIRE(d);
    CHECK(d->column == 17);
}

TEST_CASE("the same document in YAML and JSON gives the same model") {
    auto yaml = load_files({E911_SOURCE_DIR "/examples/multi-psap.yaml"});
    auto json = load_files({E911_SOURCE_DIR "/examples/multi-psap.json"});
    REQUIRE(yaml.ok());
    REQUIRE(json.ok());
    auto strip = [](Config c) {
        c.description.clear();
        return config_to_json(c);
    };
    CHECK(strip(yaml.config) == strip(json.config));
}

TEST_CASE("includes merge files and keep each file's positions") {
    auto r = load_files({E911_SOURCE_DIR "/tests/data/include-root.yaml"});
    CHECK(r.config.sites.size() == 1);
    CHECK(r.config.addresses.size() == 1);
    REQUIRE(r.config.subnets.size() == 2);
    CHECK(r.config.file_of(r.config.sites[0].pos.self).find("include-sites.yaml") != std::string::npos);
    auto* d = find_diag(r.diagnostics, "dangling-reference");
    REQUIRE(d);  // s2 is undefined: reported in the included file, at its line
    CHECK(d->file.find("include-sites.yaml") != std::string::npos);
    CHECK(d->line == 7);
}

TEST_CASE("include cycles and missing includes are errors, not hangs") {
    auto r = load_files({E911_SOURCE_DIR "/tests/data/cycle-a.yaml"});
    CHECK(find_diag(r.diagnostics, "include-cycle"));
    auto m = load_yaml("version: 1\ninclude: [does-not-exist.yaml]\n");
    auto* d = find_diag(m.diagnostics, "include-error", 2);
    REQUIRE(d);
    CHECK_FALSE(m.unreadable());
    CHECK(load_files({"/nonexistent/x.yaml"}).unreadable());
}

TEST_CASE("loading collects every error instead of stopping at the first") {
    std::string y = "version: 1\naddresses:\n  - {id: a, country: xx}\n  - {id: b, country: yy}\n  - {id: c, elins: [\"1\"]}\nfoo: 1\n";
    auto r = load_yaml(y);
    CHECK(r.diagnostics.size() >= 4);
}

TEST_CASE("hostile input never crashes or hangs") {
    std::string deep(5000, '[');
    CHECK_FALSE(load_yaml(deep).ok());
    CHECK_FALSE(load_string(deep, Format::json, "deep.json").ok());
    std::string bomb = "version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    CHECK_FALSE(load_yaml(bomb).ok());
    for (const char* junk : {"", "---\n", "- 1\n- 2\n", "\"just a string\"", "version: [1]", "version: 1\nnetwork: 5\n", "{\"version\": 1, \"users\": {}}",
                             "\xFF\xFE\x00\x01", "version: 1\naddresses: [[[]]]\n", "? [a]\n: b\n"}) {
        auto r = load_string(junk, Format::automatic, "junk");
        CHECK_FALSE(r.diagnostics.empty());
    }
}

TEST_CASE("the schema is draft-07 and every example satisfies it") {
    CHECK(schema_text().find("http://json-schema.org/draft-07/schema#") != std::string::npos);
    for (const char* f : {"campus.yaml", "bern.yaml", "multi-psap.yaml", "multi-psap-fixed.yaml", "multi-psap.json"}) {
        auto r = load_files({std::string(E911_SOURCE_DIR "/examples/") + f});
        INFO(f << "\n" << diagnostics_to_text(r.diagnostics, false));
        CHECK(r.diagnostics.empty());
    }
}

TEST_CASE("the schema catches what only it describes, once per position") {
    // `version: 2` is both a decoder error and a schema enum violation: one diagnostic.
    auto r = load_yaml("version: 2\n");
    int n = 0;
    for (const auto& d : r.diagnostics) n += d.line == 1;
    CHECK(n == 1);
    CHECK(find_diag(r.diagnostics, "unsupported-version", 1));
}

TEST_CASE("LoadError carries the diagnostics") {
    try {
        load_or_throw({E911_SOURCE_DIR "/tests/data/cycle-a.yaml"});
        FAIL("expected LoadError");
    } catch (const LoadError& e) {
        CHECK_FALSE(e.diagnostics().empty());
        CHECK(std::string(e.what()).find("cycle-a.yaml") != std::string::npos);
    }
}

TEST_CASE("positions in minified single-line JSON") {
    std::string text = R"({"version":1,"network":{"sites":[{"id":"a"},{"id":"b","regoin":"r"}]}})";
    auto r = load_string(text, Format::json, "min.json");
    auto* d = find_diag(r.diagnostics, "unknown-key", 1);
    REQUIRE(d);
    CHECK(d->column == text.find("\"regoin\"") + 1);
    auto cfg = r.config;
    REQUIRE(cfg.sites.size() == 2);
    CHECK(cfg.sites[1].pos.self.column == text.find("{\"id\":\"b\"") + 1);
}
