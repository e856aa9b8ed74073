// Telling libe911 configurations from the other YAML/JSON files of a repository, by content.
#include "load/sniff.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "e911/config_set.hpp"
#include "e911/load.hpp"

namespace e911 {
namespace detail {
namespace {

std::size_t skip_bom(const std::string& t) { return t.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0; }

std::vector<std::string> json_keys(const std::string& t, std::size_t i) {
    std::vector<std::string> keys;
    int depth = 0;
    while (i < t.size()) {
        char c = t[i];
        if (c == '"') {
            std::string s;
            for (++i; i < t.size() && t[i] != '"'; ++i) {
                if (t[i] == '\\' && i + 1 < t.size()) ++i;  // escapes: keep the escaped character
                s += t[i];
            }
            ++i;
            auto j = t.find_first_not_of(" \t\r\n", i);
            if (depth == 1 && j != std::string::npos && t[j] == ':') keys.push_back(s);
            continue;
        }
        if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']') {
            if (--depth <= 0) break;
        }
        ++i;
    }
    return keys;
}

std::vector<std::string> yaml_keys(const std::string& t, std::size_t i) {
    std::vector<std::string> keys;
    std::istringstream in(t.substr(i));
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

std::vector<std::string> top_level_keys(const std::string& text) {
    std::size_t i = skip_bom(text);
    // The first significant character decides: comment lines and blank lines are skipped.
    for (std::size_t p = i; p < text.size();) {
        char c = text[p];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            ++p;
        else if (c == '#')
            p = text.find('\n', p) == std::string::npos ? text.size() : text.find('\n', p);
        else
            return c == '{' ? json_keys(text, p) : yaml_keys(text, i);
    }
    return {};
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

}  // namespace

bool is_config_text(const std::string& text) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.find("$schema") != std::string::npos && line.find("e911-config.schema.json") != std::string::npos)
            return true;
    auto keys = detail::top_level_keys(text);
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

bool is_config_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    return is_config_text(ss.str());
}

}  // namespace e911
