// Hints that show YAML show valid YAML: every `back-quoted` snippet of a hint that looks like YAML
// (a `key: value`, a flow mapping or list, a `- ` item) must parse with yaml-cpp, and YAML is not shown
// bare outside back quotes, where a reader cannot tell where it ends.
#pragma once
#include <yaml-cpp/yaml.h>

#include <regex>
#include <string>
#include <vector>

namespace test {

inline bool looks_like_yaml(const std::string& s) {
    static const std::regex yamlish(R"(^(- |\{|\[)|^[A-Za-z_][A-Za-z0-9_.]*: )");
    return std::regex_search(s, yamlish);
}

// The snippets between back quotes that look like YAML.
inline std::vector<std::string> yaml_snippets(const std::string& hint) {
    std::vector<std::string> out;
    for (std::size_t a = hint.find('`'); a != std::string::npos; a = hint.find('`', a + 1)) {
        std::size_t b = hint.find('`', a + 1);
        if (b == std::string::npos) break;
        std::string s = hint.substr(a + 1, b - a - 1);
        if (looks_like_yaml(s)) out.push_back(s);
        a = b;
    }
    return out;
}

// What is wrong with the YAML a hint shows; empty when nothing is.
inline std::vector<std::string> hint_yaml_problems(const std::string& hint) {
    std::vector<std::string> out;
    for (const auto& s : yaml_snippets(hint)) {
        try {
            YAML::Node n = YAML::Load(s);
            if (!n.IsMap() && !n.IsSequence()) out.push_back("`" + s + "` is not a mapping or list");
        } catch (const YAML::Exception& e) {
            out.push_back("`" + s + "` is not valid YAML: " + e.what());
        }
    }
    // outside back quotes: no `key: [` or `key: {` (YAML shown bare)
    std::string bare;
    bool in = false;
    for (char c : hint) {
        if (c == '`') in = !in;
        else if (!in) bare += c;
    }
    static const std::regex bare_yaml(R"([A-Za-z_]+: [\[{])");
    if (std::regex_search(bare, bare_yaml)) out.push_back("YAML outside back quotes in: " + hint);
    return out;
}

}  // namespace test
