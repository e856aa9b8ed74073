// Regression tests for output that could lose data: every file written through a temporary file
// and a rename, every write error (full disk, file-size limit, closed pipe) an error with its reason.
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

#include "e911/files.hpp"
#include "helpers.hpp"
#include "robust_helpers.hpp"

using robust::Scratch;
using robust::sh;

namespace {
const std::string kCampus = E911_SOURCE_DIR "/examples/campus.yaml";
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("robust: write_file replaces atomically and keeps the mode of the file it replaces") {
    Scratch s;
    auto p = s.write("out.json", "old");
    ::chmod(p.c_str(), 0640);
    e911::write_file(p, "new");
    CHECK(s.read("out.json") == "new");
    struct stat st {};
    ::stat(p.c_str(), &st);
    CHECK((st.st_mode & 0777) == 0640);
    CHECK(std::distance(std::filesystem::directory_iterator(s.dir), {}) == 1);  // no temporary left
}

TEST_CASE("robust: a failed write leaves the old file intact, no temporary behind, and says why") {
    Scratch s;
    auto p = s.write("out.json", "old contents");
    pid_t child = ::fork();
    if (child == 0) {  // a file-size limit makes the write fail half-way, like a full disk
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit lim{4096, 4096};
        ::setrlimit(RLIMIT_FSIZE, &lim);
        try {
            e911::write_file(p, std::string(100000, 'x'));
        } catch (const e911::FileError& e) {
            std::string m = e.what();
            ::_exit(m.find("cannot write " + p + ": File too large") == 0 ? 0 : 2);
        }
        ::_exit(1);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(s.read("out.json") == "old contents");
    CHECK(std::distance(std::filesystem::directory_iterator(s.dir), {}) == 1);
    CHECK_THROWS_WITH(e911::write_file(s.path("no/such/dir/x.json"), "x"), Catch::Contains("no such file"));
    CHECK_THROWS_WITH(e911::write_file("/dev/full", "x"), Catch::Contains("No space left on device"));
}

TEST_CASE("robust: write_file of pieces writes them in order, and a producer that fails leaves the old file") {
    Scratch s;
    auto p = s.write("out.txt", "old contents");
    e911::write_file(p, [](const e911::TextSink& write) {
        write("one ");
        write("");
        write("two");
    });
    CHECK(s.read("out.txt") == "one two");
    // An exception from the producer, after some pieces were written: the old file stays, no temporary.
    CHECK_THROWS_WITH(e911::write_file(p,
                                       [](const e911::TextSink& write) {
                                           write("half of a report");
                                           throw std::runtime_error("the renderer failed");
                                       }),
                      "the renderer failed");
    CHECK(s.read("out.txt") == "one two");
    CHECK(std::distance(std::filesystem::directory_iterator(s.dir), {}) == 1);
    // A failed write in the middle is a FileError with its reason, and the producer does not go on.
    int pieces = 0;
    CHECK_THROWS_WITH(e911::write_file("/dev/full",
                                       [&](const e911::TextSink& write) {
                                           for (; pieces < 3; ++pieces) write(std::string(100000, 'x'));
                                       }),
                      Catch::Contains("No space left on device"));
    CHECK(pieces == 0);
}

TEST_CASE("robust: read_file refuses devices and oversized files before reading them") {
    CHECK_THROWS_WITH(e911::read_file("/dev/zero", 1000), Catch::Contains("character device"));
    Scratch s;
    CHECK_THROWS_WITH(e911::read_file(s.write("x", std::string(50, 'x')), 10), Catch::Contains("50 bytes, more than the limit of 10"));
    CHECK(e911::read_file(s.path("x"), 50).size() == 50);
}

TEST_CASE("robust: -o, convert -o, --write-baseline and matrix -o fail loudly and keep the old file") {
    Scratch s;
    auto out = s.write("out.json", "old");
    // dash counts ulimit -f in 512-byte blocks; SIGXFSZ ignored so the write fails with EFBIG.
    const std::string limited = "trap '' XFSZ; ulimit -f 2; cd '" + s.dir.string() + "'; ";
    for (const std::string& cmd : {"\"$E911\" convert " + kCampus + " -o out.json", "\"$E911\" matrix " + kCampus + " --format json -o out.json",
                                   "\"$E911\" lint " + kCampus + " --format sarif -o out.json"}) {
        auto r = sh(limited + cmd);
        INFO(cmd << "\n" << r.out);
        CHECK(r.code == 2);
        CHECK(contains(r.out, "cannot write out.json: File too large"));
        CHECK(s.read("out.json") == "old");
    }
    auto b = sh("trap '' XFSZ; ulimit -f 0; cd '" + s.dir.string() + "'; \"$E911\" lint " + kCampus + " --write-baseline out.json");
    CHECK(b.code == 2);
    CHECK(contains(b.out, "cannot write out.json: File too large"));
    CHECK_FALSE(contains(b.out, "wrote"));
    CHECK(s.read("out.json") == "old");
    auto full = sh("\"$E911\" matrix " + kCampus + " --format json -o /dev/full");
    CHECK(full.code == 2);
    CHECK(contains(full.out, "No space left on device"));
    CHECK(std::distance(std::filesystem::directory_iterator(s.dir), {}) == 1);
}

TEST_CASE("robust: standard output write errors are reported: full disk, closed pipe") {
    for (const std::string& cmd : {"matrix " + kCampus, "convert " + kCampus, "lint " + kCampus + " --format json",
                                   "simulate " + kCampus + " --dial 911 --ip 10.10.1.5"}) {
        auto r = sh("\"$E911\" " + cmd + " > /dev/full");
        INFO(cmd << "\n" << r.out);
        CHECK(r.code == 2);
        CHECK(contains(r.out, "cannot write standard output: No space left on device"));
    }
    // The reader exits at once; the writer's next write gets EPIPE, not a silent death by SIGPIPE.
    auto p = sh("big=$(mktemp); for i in $(seq 3000); do echo 911,10.10.1.5; done | sed '1i dialed,ip' > $big; "
                "{ \"$E911\" simulate " + kCampus + " --calls $big --format json; echo \"rc=$?\" >&2; } | head -c 1 >/dev/null; rm -f $big");
    INFO(p.out);
    CHECK(contains(p.out, "cannot write standard output: Broken pipe"));
    CHECK(contains(p.out, "rc=2"));
}

TEST_CASE("robust: a baseline that is a device is refused, not read until memory runs out") {
    auto r = sh("\"$E911\" lint " + kCampus + " --baseline /dev/zero");
    CHECK(r.code == 2);
    CHECK(contains(r.out, "character device"));
}
