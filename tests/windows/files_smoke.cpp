// e911::read_file and write_file on Windows: built with MinGW-w64 and run under Wine by the windows-files test
// (tests/CMakeLists.txt) when both are installed, since no Windows machine builds this project yet.
#include "e911/files.hpp"
#include <cstdio>
#include <filesystem>
#include <string>

static int failures = 0;
static void expect(bool ok, const std::string& what) {
    std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures;
}
static std::string error_of(void (*f)()) {
    try { f(); } catch (const e911::FileError& e) { return e.what(); }
    return "(no error)";
}

int main() {
    namespace fs = std::filesystem;
    fs::create_directory("smoke-dir");
    e911::write_file("smoke.txt", "one");
    expect(e911::read_file("smoke.txt", 100) == "one", "write then read");
    e911::write_file("smoke.txt", "two, longer");
    expect(e911::read_file("smoke.txt", 100) == "two, longer", "replace existing");
    std::string e = error_of([] { e911::read_file("smoke.txt", 3); });
    std::printf("      %s\n", e.c_str());
    expect(e.find("more than the limit of 3") != std::string::npos, "size bound");
    e = error_of([] { e911::read_file("smoke-dir", 100); });
    std::printf("      %s\n", e.c_str());
    expect(e == "cannot read smoke-dir: it is a directory; only regular files are read", "directory refused");
    e = error_of([] { e911::read_file("missing.txt", 100); });
    std::printf("      %s\n", e.c_str());
    expect(e == "cannot read missing.txt: no such file", "missing file");
    e = error_of([] { e911::write_file("smoke-dir", "x"); });
    std::printf("      %s\n", e.c_str());
    expect(e == "cannot write smoke-dir: it is a directory", "write to directory refused");
    e = error_of([] { e911::read_file("NUL", 100); });
    std::printf("      %s\n", e.c_str());
    expect(e.find("only regular files are read") != std::string::npos, "device NUL refused");
    e = error_of([] { e911::write_file("NUL", "written through, not replaced"); });
    expect(e == "(no error)", "device NUL written through: " + e);
    e = error_of([] { e911::write_file("no-such-dir/x.txt", "x"); });
    std::printf("      %s\n", e.c_str());
    expect(e.find("cannot create a temporary file next to it") != std::string::npos, "temp file in missing dir");
    const std::string utf8 = "z\xc3\xbcrich-\xe6\x9d\xb1.txt";  // zürich-東.txt
    e911::write_file(utf8, "utf8");
    expect(e911::read_file(utf8, 100) == "utf8", "UTF-8 file name round trip");
    expect(fs::exists(fs::path(u8"z\u00fcrich-\u6771.txt")), "UTF-8 name stored as UTF-16, not ANSI");
    int temps = 0;
    for (auto& d : fs::directory_iterator("."))
        temps += d.path().filename().string().find(".tmp-") != std::string::npos;
    expect(temps == 0, "no temporary file left behind");
    std::printf("%d failures\n", failures);
    return failures != 0;
}
