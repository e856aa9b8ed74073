// Telling libe911 configurations from the other YAML/JSON files of a repository, by content.
#include "load/sniff.hpp"

#include <fstream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "e911/config_set.hpp"
#include "e911/load.hpp"
#include "util/encoding.hpp"

namespace e911 {
namespace detail {
namespace {

// Streamed a block at a time, so a huge minified JSON file next to a fragment costs reading, not
// memory; a tight loop over each block, since every configuration given is sniffed before it is loaded.
std::vector<std::string> json_keys(std::streambuf& in) {
    std::vector<std::string> keys;
    int depth = 0;
    bool in_string = false, escape = false, pending = false;  // pending: a top-level string, `:` next?
    std::string s;
    std::vector<char> block(1 << 16);
    for (std::streamsize n; (n = in.sgetn(block.data(), static_cast<std::streamsize>(block.size()))) > 0;) {
        for (std::streamsize i = 0; i < n; ++i) {
            const char c = block[static_cast<std::size_t>(i)];
            if (in_string) {
                if (escape) escape = false;
                else if (c == '\\') { escape = true; continue; }  // keep the escaped character
                else if (c == '"') { in_string = false, pending = depth == 1; continue; }
                if (depth == 1) s += c;  // deeper strings are most of a big file: not kept
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
            if (pending && c == ':') keys.push_back(s);
            pending = false;
            if (c == '"') {
                in_string = true;
                s.clear();
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth <= 0) {
                return keys;
            }
        }
    }
    return keys;
}

std::vector<std::string> yaml_keys(std::istream& in) {
    std::vector<std::string> keys;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || std::string(" \t#-.%?[{&*!|>").find(line[0]) != std::string::npos) continue;
        std::string key;
        std::size_t end;
        if (line[0] == '"' || line[0] == '\'') {
            end = line.find(line[0], 1);
            if (end == std::string::npos) continue;
            key = line.substr(1, end - 1);
            end = line.find_first_not_of(" \t", end + 1);
            if (end == std::string::npos || line[end] != ':') continue;
        } else {
            end = line.find(':');
            while (end != std::string::npos && end + 1 < line.size() && line[end + 1] != ' ' && line[end + 1] != '\t')
                end = line.find(':', end + 1);  // `a:b` is a plain scalar, `a: b` a key
            if (end == std::string::npos) continue;
            key = line.substr(0, end);
            key.erase(key.find_last_not_of(" \t") + 1);
        }
        keys.push_back(key);
    }
    return keys;
}

}  // namespace

std::vector<std::string> top_level_keys(std::istream& in) {
    std::streambuf& buf = *in.rdbuf();
    if (buf.sgetc() == 0xEF && buf.snextc() == 0xBB && buf.snextc() == 0xBF) buf.sbumpc();  // UTF-8 BOM
    // The first significant character decides: blank and comment lines are skipped.
    for (int c = buf.sgetc(); c != EOF; c = buf.sgetc()) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            buf.sbumpc();
        else if (c == '#')
            in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
        else
            return c == '{' ? json_keys(buf) : yaml_keys(in);
    }
    return {};
}

std::vector<std::string> top_level_keys(const std::string& text) {
    std::istringstream in(text);
    return top_level_keys(in);
}

}  // namespace detail

namespace {

// The schema's top-level properties: every key a configuration may have. Read from the embedded
// schema so there is one list.
const std::set<std::string>& format_keys() {
    static const std::set<std::string> keys = [] {
        std::set<std::string> k;
        auto schema = nlohmann::json::parse(schema_text());
        for (const auto& [name, _] : schema.at("properties").items()) k.insert(name);
        return k;
    }();
    return keys;
}

bool generic(const std::string& key) {
    return key == "$schema" || key == "version" || key == "name" || key == "description" || key == "defaults";
}

bool names_schema(std::istream& in) {
    for (std::string line; std::getline(in, line);)
        if (line.find("$schema") != std::string::npos && line.find("e911-config.schema.json") != std::string::npos)
            return true;
    return false;
}

bool by_keys(const std::vector<std::string>& keys) {
    const auto& ours = format_keys();
    std::size_t sections = 0, foreign = 0;
    bool version = false;
    for (const auto& k : keys) {
        if (!ours.count(k))
            ++foreign;
        else if (k == "version")
            version = true;
        else if (!generic(k))
            ++sections;
    }
    // With `version`, a misspelt section is still ours (lint reports it); a fragment has only our keys.
    return sections > 0 && (version ? sections >= foreign : foreign == 0);
}

}  // namespace

bool is_config_text(const std::string& text) {
    std::istringstream in(text);
    if (names_schema(in)) return true;
    return by_keys(detail::top_level_keys(text));
}

bool is_config_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    if (f.peek() == 0xFF || f.peek() == 0xFE) {  // UTF-16 from a Windows tool: small enough to convert whole
        std::string bytes(std::istreambuf_iterator<char>(f), {});
        return is_config_text(detail::to_utf8(bytes));
    }
    if (names_schema(f)) return true;
    f.clear();
    f.seekg(0);
    return by_keys(detail::top_level_keys(f));
}

}  // namespace e911
