// Linux and macOS (both have O_CLOEXEC and O_NONBLOCK): file calls for files.cpp through POSIX.
#include "util/platform.hpp"

#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace e911::platform {
namespace {

Failure reason_of(int err) {
    if (err == ELOOP) return "too many levels of symbolic links (a symbolic-link loop?)";
    if (err == ENOENT) return "no such file";
    return std::strerror(err);
}

int fd_of(const File& f) { return static_cast<int>(f.handle_); }

const char* describe(mode_t m) {
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a named pipe (FIFO)";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

FileKind kind_from(const struct stat& st) {
    FileKind k;
    k.exists = true;
    k.regular = S_ISREG(st.st_mode);
    k.directory = S_ISDIR(st.st_mode);
    k.description = k.regular ? "a regular file" : describe(st.st_mode);
    k.size = static_cast<std::uint64_t>(st.st_size);
    k.mode = static_cast<unsigned>(st.st_mode & 07777);
    return k;
}

Failure opened(File& f, int fd) {
    if (fd < 0) return reason_of(errno);
    f.handle_ = fd;
    return {};
}

}  // namespace

File::~File() {
    if (is_open()) ::close(fd_of(*this));
}

Failure File::close() {
    int fd = fd_of(*this);
    handle_ = kClosed;
    return ::close(fd) != 0 ? reason_of(errno) : Failure{};
}

std::filesystem::path from_utf8(const std::string& path) { return path; }

Failure reason(const std::error_code& ec) { return reason_of(ec.value()); }

Failure open_for_reading(const std::filesystem::path& path, File& f) {
    return opened(f, ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
}

Failure kind_of(const File& f, FileKind& kind) {
    struct stat st {};
    if (::fstat(fd_of(f), &st) != 0) return reason_of(errno);
    kind = kind_from(st);
    return {};
}

FileKind kind_of(const std::filesystem::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? kind_from(st) : FileKind{};
}

Failure read_some(File& f, char* buf, std::size_t n, std::size_t& got) {
    while (true) {
        ssize_t r = ::read(fd_of(f), buf, n);
        if (r >= 0) {
            got = static_cast<std::size_t>(r);
            return {};
        }
        if (errno != EINTR) return reason_of(errno);
    }
}

Failure open_for_writing(const std::filesystem::path& path, File& f) {
    return opened(f, ::open(path.c_str(), O_WRONLY | O_CLOEXEC));
}

Failure create_new(const std::filesystem::path& path, File& f, bool& taken) {
    // 0666 so the umask decides a new file's mode, as for any other output file.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    taken = fd < 0 && errno == EEXIST;
    return opened(f, fd);
}

Failure set_mode(File& f, unsigned mode) {
    return ::fchmod(fd_of(f), static_cast<mode_t>(mode)) != 0 ? reason_of(errno) : Failure{};
}

Failure write_all(File& f, std::string_view text) {
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        ssize_t n = ::write(fd_of(f), p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return reason_of(errno);
        }
        p += n, left -= static_cast<std::size_t>(n);
    }
    return {};
}

Failure flush_to_disk(File& f) { return ::fsync(fd_of(f)) != 0 ? reason_of(errno) : Failure{}; }

Failure replace(const std::filesystem::path& from, const std::filesystem::path& to) {
    return ::rename(from.c_str(), to.c_str()) != 0 ? reason_of(errno) : Failure{};
}

void remove(const std::filesystem::path& path) { ::unlink(path.c_str()); }

unsigned long process_id() { return static_cast<unsigned long>(::getpid()); }

void return_freed_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace e911::platform
