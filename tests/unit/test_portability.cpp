// The C++ sources build on Linux, macOS and Windows (MSVC) because operating-system headers appear only
// in the platform files, which have a POSIX and a Windows spelling. This keeps a POSIX-only header from
// creeping back into the library, the CLI or the Python module, where only a Windows build would notice.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The only sources allowed to include operating-system headers (paths relative to the source tree).
const std::set<std::string> kPlatformFiles = {
    "libe911/src/util/platform_posix.cpp",
    "libe911/src/util/platform_windows.cpp",
    "cli/platform.cpp",
};

bool is_source(const fs::path& p) {
    auto ext = p.extension().string();
    return ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".in";
}

// "file:line: #include <unistd.h>" for each operating-system include in `file`.
std::vector<std::string> os_includes(const fs::path& file, const std::string& name) {
    static const std::regex os_header(R"(^\s*#\s*include\s*<(unistd\.h|fcntl\.h|sys/[^>]*|windows\.h|io\.h)>)");
    std::vector<std::string> found;
    std::ifstream in(file);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        if (std::regex_search(line, os_header)) found.push_back(name + ":" + std::to_string(n) + ": " + line);
    return found;
}

}  // namespace

TEST_CASE("portability: no operating-system header outside the platform files", "[portability]") {
    const fs::path root = E911_SOURCE_DIR;
    std::vector<std::string> offending;
    std::set<std::string> platform_files_seen;
    for (const char* dir : {"libe911", "cli", "bindings"}) {
        for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
            if (!e.is_regular_file() || !is_source(e.path())) continue;
            std::string name = e.path().lexically_relative(root).generic_string();
            if (kPlatformFiles.count(name)) {
                platform_files_seen.insert(name);
                continue;
            }
            for (auto& hit : os_includes(e.path(), name)) offending.push_back(hit);
        }
    }
    CAPTURE(offending);
    CHECK(offending.empty());
    // A moved or renamed platform file would otherwise make the check pass by looking nowhere.
    CHECK(platform_files_seen == kPlatformFiles);
}
