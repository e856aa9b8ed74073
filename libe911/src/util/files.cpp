#include "e911/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace e911 {
namespace {

std::string reason(int err) {
    if (err == ELOOP) return "too many levels of symbolic links (a symbolic-link loop?)";
    if (err == ENOENT) return "no such file";
    return std::strerror(err);
}

const char* file_type(mode_t m) {
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a named pipe (FIFO)";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

std::atomic<unsigned> next_temp{0};

// Closes on every path out.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

bool write_all(int fd, const std::string& text, int& err) {
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            return false;
        }
        p += n, left -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

std::string read_file(const std::string& path, std::uint64_t max_bytes) {
    const std::string what = "cannot read " + path + ": ";
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
    if (f.fd < 0) throw FileError(what + reason(errno));
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) throw FileError(what + reason(errno));
    if (!S_ISREG(st.st_mode))
        throw FileError(what + "it is " + file_type(st.st_mode) + "; only regular files are read");
    auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > max_bytes)
        throw FileError(what + "it is " + std::to_string(size) + " bytes, more than the limit of " +
                        std::to_string(max_bytes) +
                        " (raise it with --max-file-size if the file is genuine)");
    std::string text;
    text.resize(static_cast<std::size_t>(size));
    std::size_t got = 0;
    while (true) {  // the file may grow while it is read: stop at the bound either way
        if (got == text.size()) {
            if (text.size() >= max_bytes) {
                char probe;
                ssize_t n = ::read(f.fd, &probe, 1);
                if (n > 0)
                    throw FileError(what + "it grew past the limit of " + std::to_string(max_bytes) +
                                    " bytes while being read");
                break;
            }
            text.resize(std::min<std::uint64_t>(max_bytes, text.size() + 65536));
        }
        ssize_t n = ::read(f.fd, text.data() + got, text.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw FileError(what + reason(errno));
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    text.resize(got);
    return text;
}

void write_file(const std::string& path, const std::string& text) {
    namespace fs = std::filesystem;
    const std::string what = "cannot write " + path + ": ";
    std::error_code ec;
    fs::path target = path;
    // A symbolic link is followed, so the file it names is replaced rather than the link.
    if (fs::is_symlink(fs::symlink_status(target, ec))) {
        fs::path resolved = fs::canonical(target, ec);
        if (ec) throw FileError(what + reason(ec.value()));
        target = resolved;
    }
    struct stat st {};
    bool exists = ::stat(target.c_str(), &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) throw FileError(what + "it is a directory");
    if (exists && !S_ISREG(st.st_mode)) {  // /dev/stdout, a FIFO: no rename possible, write through
        Fd f{::open(target.c_str(), O_WRONLY | O_CLOEXEC)};
        int err = 0;
        if (f.fd < 0) throw FileError(what + reason(errno));
        if (!write_all(f.fd, text, err)) throw FileError(what + reason(err));
        if (::close(f.fd) != 0) {
            f.fd = -1;
            throw FileError(what + reason(errno));
        }
        f.fd = -1;
        return;
    }
    fs::path dir = target.parent_path();
    // Created with 0666 so the umask decides a new file's mode, as for any other output file.
    std::string tmp;
    Fd f;
    for (int attempt = 0; f.fd < 0; ++attempt) {
        std::string name = "." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                           std::to_string(next_temp++);
        tmp = ((dir.empty() ? fs::path(".") : dir) / name).string();
        f.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (f.fd < 0 && (errno != EEXIST || attempt > 100))
            throw FileError(what + "cannot create a temporary file next to it: " + reason(errno));
    }
    auto fail = [&](int err) {
        ::unlink(tmp.c_str());
        throw FileError(what + reason(err));
    };
    int err = 0;
    if (exists && ::fchmod(f.fd, st.st_mode & 07777) != 0) fail(errno);
    if (!write_all(f.fd, text, err)) fail(err);
    if (::fsync(f.fd) != 0) fail(errno);
    int fd = f.fd;
    f.fd = -1;
    if (::close(fd) != 0) fail(errno);
    if (::rename(tmp.c_str(), target.c_str()) != 0) fail(errno);
}

}  // namespace e911
