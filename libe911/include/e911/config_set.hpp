// Files as people keep them in a repository: which files are libe911 configurations (by content),
// and which configurations a list of files given on the command line stands for.
//
// The rule (plan_configs):
//  1. Every file given is its own configuration, checked on its own, unless another given file
//     includes it (directly or through other files): then it is loaded once, as part of that one.
//  2. A given file that no given file includes, but that a configuration beside it includes, is a
//     fragment: the configurations that include it are checked instead (the topmost ones, so a
//     fragment of a fragment leads to the configuration at the top). "Beside it" means the
//     .yaml/.yml/.json files directly in its directory and in each directory above it up to the
//     top of the git work tree (the nearest directory holding `.git`); outside a git work tree, its
//     own directory only. Files that include each other (a cycle) do not count as including.
//  3. With `merge`, the given files are one configuration, loaded together, exactly as given
//     (no fragment search); a given file that another given file includes is still loaded once.
#pragma once
#include <string>
#include <vector>

namespace e911 {

// One configuration to check: `files` are loaded together with load_files().
struct ConfigUnit {
    std::vector<std::string> files;
    // Why this configuration was chosen, one line per given file it covers other than its own
    // roots, e.g. "`sites.yaml` is included by `main.yaml`: checked as part of it". Empty when
    // every file was given and included nothing else that was given.
    std::vector<std::string> notes;
};

// The configurations that the files given on a command line stand for, in the order given.
// Unreadable files stay in the plan (loading them reports the error); never throws.
std::vector<ConfigUnit> plan_configs(const std::vector<std::string>& paths, bool merge = false);

// The files `path` includes, directly and through the files it includes, as paths relative to the
// working directory (cycles followed once). Files without a top-level `include` key are not parsed.
std::vector<std::string> included_files(const std::string& path);

// True when the text is a libe911 configuration or a fragment of one:
//  - it names the schema: a line with `$schema` and `e911-config.schema.json` (a yaml-language-server
//    modeline, or a JSON `"$schema"` key), or
//  - its top level has at least one of the format's own sections (`network`, `lis`, `users`, `include`,
//    … every top-level key of the schema except the generic `version`, `name`, `description`,
//    `defaults`), and either a `version` key and at least as many sections as unknown keys (so a
//    misspelt section is still linted), or, without `version` (a fragment), no unknown key at all.
// So GitHub workflow files, package.json, docker-compose files and .pre-commit-config.yaml are not.
// Only top-level keys are read, by a line scan that survives syntax errors elsewhere in the file.
bool is_config_text(const std::string& text);
// The same for a file; false when it cannot be read.
bool is_config_file(const std::string& path);

}  // namespace e911
