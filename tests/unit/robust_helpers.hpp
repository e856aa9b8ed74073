// Helpers for the robustness tests: a scratch directory per test and running the CLI with a shell.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace robust {

// A fresh directory under the system temp dir, removed with the object.
struct Scratch {
    std::filesystem::path dir;
    Scratch() {
        std::string t = (std::filesystem::temp_directory_path() / "e911-robust-XXXXXX").string();
        dir = ::mkdtemp(t.data());
    }
    ~Scratch() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    std::string write(const std::string& name, const std::string& content) const {
        auto p = dir / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }
    std::string read(const std::string& name) const {
        std::ifstream f(dir / name, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(f), {});
    }
    std::string path(const std::string& name) const { return (dir / name).string(); }
};

struct ShellRun {
    int code;
    std::string out;  // stdout and stderr together
};

// Runs `script` with /bin/sh; E911 in the script is the CLI under test.
inline ShellRun sh(const std::string& script) {
    std::string cmd = "E911='" + std::string(E911_CLI) + "'; export E911; (" + script + ") 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out};
}

}  // namespace robust
