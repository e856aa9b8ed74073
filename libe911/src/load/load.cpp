// The load pipeline: read -> UTF-8 check -> parse (YAML/JSON) -> includes -> schema -> decode -> resolve.
#include "e911/load.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "load/decode.hpp"
#include "load/document.hpp"
#include "util/encoding.hpp"

namespace e911 {

extern const char* const kSchemaText;  // generated from schemas/e911-config.schema.json

namespace fs = std::filesystem;
using detail::Node;

LoadError::LoadError(std::vector<Diagnostic> d)
    : std::runtime_error(d.empty() ? "configuration could not be loaded"
                                   : d.front().file + ":" + std::to_string(d.front().line) + ":" + std::to_string(d.front().column) +
                                         ": " + d.front().message + (d.size() > 1 ? " (and " + std::to_string(d.size() - 1) + " more)" : "")),
      diagnostics_(std::move(d)) {}

bool LoadResult::unreadable() const {
    return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.id == "unreadable-file"; });
}

const std::string& schema_text() {
    static const std::string s = kSchemaText;
    return s;
}

namespace {

Diagnostic make(const char* id, const std::string& file, SourcePos p, std::string key, std::string msg, std::string hint) {
    Diagnostic d;
    d.id = id;
    d.file = file;
    d.line = p.line;
    d.column = p.column;
    d.key = std::move(key);
    d.message = std::move(msg);
    d.hint = std::move(hint);
    return d;
}

Format detect(const std::string& name, const std::string& text, Format f) {
    if (f != Format::automatic) return f;
    auto ext = fs::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (ext == ".json") return Format::json;
    if (ext == ".yaml" || ext == ".yml") return Format::yaml;
    auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    return first != std::string::npos && (text[first] == '{') ? Format::json : Format::yaml;
}

// Merges `extra` into `base`: mappings key by key, lists appended, equal scalars accepted.
void merge(Node& base, Node&& extra, Config& cfg, std::vector<Diagnostic>& out, const std::string& path) {
    if (base.kind == Node::Kind::mapping && extra.kind == Node::Kind::mapping) {
        for (std::size_t i = 0; i < extra.keys.size(); ++i) {
            const std::string& k = extra.keys[i];
            if (k == "include" && path.empty()) continue;
            auto it = std::find(base.keys.begin(), base.keys.end(), k);
            if (it == base.keys.end()) {
                base.keys.push_back(k);
                base.key_pos.push_back(extra.key_pos[i]);
                base.items.push_back(std::move(extra.items[i]));
            } else {
                merge(base.items[static_cast<std::size_t>(it - base.keys.begin())], std::move(extra.items[i]), cfg, out,
                      path.empty() ? k : path + "." + k);
            }
        }
        return;
    }
    if (base.kind == Node::Kind::sequence && extra.kind == Node::Kind::sequence) {
        for (auto& it : extra.items) base.items.push_back(std::move(it));
        return;
    }
    if (base.is_scalar() && extra.is_scalar() && base.kind == extra.kind && base.text == extra.text) return;
    if (base.kind == Node::Kind::null) {
        base = std::move(extra);
        return;
    }
    out.push_back(make("include-conflict", cfg.file_of(extra.pos), extra.pos, path,
                       "`" + path + "` is set differently here and at " + cfg.file_of(base.pos) + ":" + std::to_string(base.pos.line),
                       "set `" + path + "` in one file only"));
}

class Loader {
public:
    Loader(Config& cfg, std::vector<Diagnostic>& out) : cfg_(cfg), out_(out) {}

    // Reads one file (and its includes) into `root`. `via` is the position of the include entry.
    bool read_file(const fs::path& path, Node& root, const SourcePos* via, const std::string& via_file) {
        fs::path canon;
        std::error_code ec;
        canon = fs::weakly_canonical(path, ec);
        if (ec) canon = path;
        if (std::find(stack_.begin(), stack_.end(), canon) != stack_.end()) {
            SourcePos p = via ? *via : SourcePos{};
            out_.push_back(make("include-cycle", via_file, p, "include", "`" + path.string() + "` includes itself (cycle: " + cycle(canon) + ")",
                                "remove one of the includes in the cycle"));
            return false;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in || fs::is_directory(path, ec)) {
            SourcePos p = via ? *via : SourcePos{};
            out_.push_back(make(via ? "include-error" : "unreadable-file", via ? via_file : path.string(), p, via ? "include" : "",
                                "cannot read `" + path.string() + "`" + (fs::exists(path, ec) ? "" : ": no such file"),
                                via ? "include paths are relative to the including file" : "check the path and permissions"));
            if (!via) out_.back().id = "unreadable-file";
            return false;
        }
        std::ostringstream ss;
        ss << in.rdbuf();
        return read_text(ss.str(), path.string(), Format::automatic, path.parent_path(), canon, root);
    }

    bool read_text(const std::string& raw, const std::string& name, Format format, const fs::path& dir, const fs::path& canon, Node& root) {
        auto index = static_cast<std::uint32_t>(cfg_.files.size());
        cfg_.files.push_back(name);
        std::string text = detail::sanitize_utf8(detail::to_utf8(raw), name, out_);  // UTF-16 from Windows tools too
        Format f = detect(name, text, format);
        bool ok = f == Format::json ? detail::parse_json(text, index, name, root, out_) : detail::parse_yaml(text, index, name, root, out_);
        if (!ok) return false;
        if (root.kind == Node::Kind::null) {
            out_.push_back(make("wrong-type", name, SourcePos{index, 1, 1}, "", "the document is empty",
                                "start from an example in examples/ (a configuration needs at least `version: 1`)"));
            return false;
        }
        const Node* inc = root.get("include");
        if (!inc) return true;
        stack_.push_back(canon);
        std::vector<std::pair<std::string, SourcePos>> files;
        if (inc->kind == Node::Kind::string) files.emplace_back(inc->text, inc->pos);
        else if (inc->kind == Node::Kind::sequence)
            for (const auto& it : inc->items) {
                if (it.kind == Node::Kind::string) files.emplace_back(it.text, it.pos);
                else out_.push_back(make("wrong-type", name, it.pos, "include[]", "an include entry must be a file path string",
                                         "write include: [other.yaml]"));
            }
        else out_.push_back(make("wrong-type", name, inc->pos, "include", "`include` must be a list of file paths", "write include: [other.yaml]"));
        for (const auto& [file, pos] : files) {
            Node sub;
            fs::path p = fs::path(file).is_absolute() ? fs::path(file) : dir / file;
            if (read_file(p, sub, &pos, name) && sub.kind == Node::Kind::mapping) merge(root, std::move(sub), cfg_, out_, "");
            else if (sub.kind != Node::Kind::mapping && sub.kind != Node::Kind::null)
                out_.push_back(make("wrong-type", p.string(), sub.pos, "", "an included file must be a mapping", "start it with `version: 1`"));
        }
        stack_.pop_back();
        return true;
    }

private:
    std::string cycle(const fs::path& again) const {
        std::string s;
        bool on = false;
        for (const auto& p : stack_) {
            if (p == again) on = true;
            if (on) s += p.filename().string() + " -> ";
        }
        return s + again.filename().string();
    }
    Config& cfg_;
    std::vector<Diagnostic>& out_;
    std::vector<fs::path> stack_;
};

// ------------------------------------------------------------------ schema
nlohmann::json to_json(const Node& n) {
    switch (n.kind) {
        case Node::Kind::null: return nullptr;
        case Node::Kind::boolean: return n.text == "true";
        case Node::Kind::integer:
            try { return std::stoll(n.text, nullptr, 0); } catch (...) { return n.text; }
        case Node::Kind::real:
            try { return std::stod(n.text); } catch (...) { return n.text; }
        case Node::Kind::string: return n.text;
        case Node::Kind::sequence: {
            nlohmann::json a = nlohmann::json::array();
            for (const auto& i : n.items) a.push_back(to_json(i));
            return a;
        }
        case Node::Kind::mapping: {
            nlohmann::json o = nlohmann::json::object();
            for (std::size_t i = 0; i < n.keys.size(); ++i) o[n.keys[i]] = to_json(n.items[i]);
            return o;
        }
    }
    return nullptr;
}

const valijson::Schema& compiled_schema() {
    // Parsed once; valijson schemas are immutable after population and safe to share.
    static const valijson::Schema* schema = [] {
        auto* s = new valijson::Schema;
        valijson::SchemaParser parser;
        auto doc = nlohmann::json::parse(kSchemaText);
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        parser.populateSchema(adapter, *s);
        return s;
    }();
    return *schema;
}

// Follows a valijson context ("<root>", "[network]", "[sites]", "[0]") down the tree.
const Node* follow(const Node& root, const std::vector<std::string>& ctx, std::string& path, SourcePos& key_pos) {
    const Node* n = &root;
    for (std::size_t i = 1; i < ctx.size(); ++i) {
        std::string part = ctx[i].size() >= 2 ? ctx[i].substr(1, ctx[i].size() - 2) : ctx[i];
        if (n->kind == Node::Kind::mapping) {
            auto it = std::find(n->keys.begin(), n->keys.end(), part);
            if (it == n->keys.end()) return n;
            auto idx = static_cast<std::size_t>(it - n->keys.begin());
            key_pos = n->key_pos[idx];
            n = &n->items[idx];
            path += path.empty() ? part : "." + part;
        } else if (n->kind == Node::Kind::sequence) {
            std::size_t idx = std::strtoul(part.c_str(), nullptr, 10);
            if (idx >= n->items.size()) return n;
            n = &n->items[idx];
            path += "[" + part + "]";
        }
    }
    return n;
}

void validate_schema(const Node& root, Config& cfg, std::vector<Diagnostic>& out) {
    nlohmann::json doc = to_json(root);
    valijson::Validator validator;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    valijson::ValidationResults results;
    if (validator.validate(compiled_schema(), adapter, &results)) return;
    // Positions where the decoder will speak more precisely are skipped below; the schema check
    // catches what the decoder has no words for (patterns, bounds the schema adds).
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> seen;
    valijson::ValidationResults::Error e;
    while (results.popError(e)) {
        if (e.description.rfind("Failed to validate", 0) == 0) continue;  // aggregate of nested errors
        std::string path;
        SourcePos key_pos;
        const Node* n = follow(root, e.context, path, key_pos);
        SourcePos p = n->pos;
        auto q = e.description.find("constraints: '");
        if (q != std::string::npos) {  // additionalProperties: point at the offending key
            std::string key = e.description.substr(q + 14);
            key = key.substr(0, key.find('\''));
            for (std::size_t i = 0; i < n->keys.size(); ++i)
                if (n->keys[i] == key) p = n->key_pos[i], path += (path.empty() ? "" : ".") + key;
        }
        if (!seen.insert({p.file, p.line, p.column}).second) continue;
        out.push_back(make("schema-violation", cfg.file_of(p), p, path, "schema: " + e.description,
                           "see schemas/e911-config.schema.json for what `" + (path.empty() ? std::string("the document") : path) + "` accepts"));
    }
}

// Drops schema findings at positions the decoder already explained.
void dedupe(std::vector<Diagnostic>& ds) {
    std::set<std::tuple<std::string, std::uint32_t, std::uint32_t>> decoder_at;
    for (const auto& d : ds)
        if (d.id != "schema-violation") decoder_at.insert({d.file, d.line, d.column});
    ds.erase(std::remove_if(ds.begin(), ds.end(),
                            [&](const Diagnostic& d) { return d.id == "schema-violation" && decoder_at.count({d.file, d.line, d.column}); }),
             ds.end());
    std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
    });
}

LoadResult finish(LoadResult r, Node& root, bool parsed) {
    if (parsed && root.kind == Node::Kind::mapping) {
        std::vector<Diagnostic> schema;
        validate_schema(root, r.config, schema);
        detail::decode(root, r.config, r.diagnostics);
        auto dups = r.config.build_indexes();
        detail::check_references(r.config, dups, r.diagnostics);
        for (auto& d : schema) r.diagnostics.push_back(std::move(d));
    } else if (parsed) {
        r.diagnostics.push_back(make("wrong-type", r.config.files.empty() ? "" : r.config.files[0], root.pos, "",
                                     std::string("the document must be a mapping, not a ") + root.kind_name(), "start the file with `version: 1`"));
        r.config.build_indexes();
    } else {
        r.config.build_indexes();
    }
    dedupe(r.diagnostics);
    return r;
}

}  // namespace

LoadResult load_files(const std::vector<std::string>& paths) {
    LoadResult r;
    Node root;
    bool parsed = false;
    Loader loader(r.config, r.diagnostics);
    for (const auto& p : paths) {
        Node one;
        if (!loader.read_file(p, one, nullptr, "")) continue;
        if (!parsed) root = std::move(one), parsed = true;
        else if (one.kind == Node::Kind::mapping) merge(root, std::move(one), r.config, r.diagnostics, "");
    }
    if (paths.empty()) r.diagnostics.push_back(make("unreadable-file", "", {}, "", "no configuration file given", "name at least one file"));
    return finish(std::move(r), root, parsed);
}

LoadResult load_string(const std::string& text, Format format, const std::string& name, const std::string& base_dir) {
    LoadResult r;
    Node root;
    Loader loader(r.config, r.diagnostics);
    bool parsed = loader.read_text(text, name, format, base_dir, fs::path(base_dir) / name, root);
    return finish(std::move(r), root, parsed);
}

Config load_or_throw(const std::vector<std::string>& paths) {
    LoadResult r = load_files(paths);
    if (!r.ok()) throw LoadError(std::move(r.diagnostics));
    return std::move(r.config);
}

}  // namespace e911
