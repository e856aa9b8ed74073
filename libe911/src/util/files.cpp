#include "e911/files.hpp"

#include "util/platform.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>

namespace e911 {
namespace {

std::atomic<unsigned> next_temp{0};

// Room left after a file's text: simdjson reads up to 64 bytes past the end, and with the room
// there the loader parses the text where it was read instead of copying it.
constexpr std::size_t read_padding = 64;

// A new, empty file next to `target` that no other writer (thread or process) has.
std::filesystem::path create_temp(const std::filesystem::path& target, platform::File& f, const std::string& what) {
    namespace fs = std::filesystem;
    fs::path dir = target.parent_path();
    for (int attempt = 0;; ++attempt) {
        fs::path name = ".";
        name += target.filename();
        name += ".tmp-" + std::to_string(platform::process_id()) + "-" + std::to_string(next_temp++);
        fs::path tmp = (dir.empty() ? fs::path(".") : dir) / name;
        bool taken = false;
        auto failed = platform::create_new(tmp, f, taken);
        if (failed.empty()) return tmp;
        if (!taken || attempt > 100)
            throw FileError(what + "cannot create a temporary file next to it: " + failed);
    }
}

}  // namespace

std::string read_file(const std::string& path, std::uint64_t max_bytes) {
    const std::string what = "cannot read " + path + ": ";
    platform::File f;
    // Opened without blocking: opening a FIFO must not wait for a writer; it is refused just below.
    if (auto failed = platform::open_for_reading(platform::from_utf8(path), f); !failed.empty())
        throw FileError(what + failed);
    platform::FileKind kind;
    if (auto failed = platform::kind_of(f, kind); !failed.empty()) throw FileError(what + failed);
    if (!kind.regular)
        throw FileError(what + "it is " + kind.description + "; only regular files are read");
    if (kind.size > max_bytes)
        throw FileError(what + "it is " + std::to_string(kind.size) + " bytes, more than the limit of " +
                        std::to_string(max_bytes) +
                        " (raise it with --max-file-size if the file is genuine)");
    std::string text;
    text.reserve(static_cast<std::size_t>(kind.size) + read_padding);
    text.resize(static_cast<std::size_t>(kind.size));
    std::size_t got = 0;
    while (true) {  // the file may grow while it is read: stop at the bound either way
        if (got == text.size()) {
            if (text.size() >= max_bytes) {
                char probe;
                std::size_t n = 0;
                if (platform::read_some(f, &probe, 1, n).empty() && n > 0)
                    throw FileError(what + "it grew past the limit of " + std::to_string(max_bytes) +
                                    " bytes while being read");
                break;
            }
            text.resize(std::min<std::uint64_t>(max_bytes, text.size() + 65536));
        }
        std::size_t n = 0;
        if (auto failed = platform::read_some(f, text.data() + got, text.size() - got, n); !failed.empty())
            throw FileError(what + failed);
        if (n == 0) break;
        got += n;
    }
    text.resize(got);
    return text;
}

void write_file(const std::string& path, const std::string& text) {
    write_file(path, [&](const TextSink& write) { write(text); });
}

void write_file(const std::string& path, const std::function<void(const TextSink&)>& produce) {
    namespace fs = std::filesystem;
    const std::string what = "cannot write " + path + ": ";
    std::error_code ec;
    fs::path target = platform::from_utf8(path);
    // A symbolic link is followed, so the file it names is replaced rather than the link.
    if (fs::is_symlink(fs::symlink_status(target, ec))) {
        fs::path resolved = fs::canonical(target, ec);
        if (ec) throw FileError(what + platform::reason(ec));
        target = resolved;
    }
    platform::FileKind old = platform::kind_of(target);
    if (old.exists && old.directory) throw FileError(what + "it is a directory");
    platform::File f;
    fs::path tmp;  // stays empty when writing through a target that is not a regular file
    if (old.exists && !old.regular) {  // a terminal, /dev/stdout or a pipe: no rename is possible there
        if (auto failed = platform::open_for_writing(target, f); !failed.empty()) throw FileError(what + failed);
    } else {
        tmp = create_temp(target, f, what);
    }
    auto abandon = [&] {
        if (f.is_open()) f.close();  // Windows cannot delete a file that is still open
        if (!tmp.empty()) platform::remove(tmp);
        tmp.clear();
    };
    auto check = [&](const platform::Failure& failed) {
        if (failed.empty()) return;
        abandon();
        throw FileError(what + failed);
    };
    if (!tmp.empty() && old.exists) check(platform::set_mode(f, old.mode));
    try {
        produce([&](std::string_view piece) { check(platform::write_all(f, piece)); });
    } catch (...) {
        abandon();
        throw;
    }
    if (tmp.empty()) return check(f.close());
    check(platform::flush_to_disk(f));
    check(f.close());
    check(platform::replace(tmp, target));
}

}  // namespace e911
