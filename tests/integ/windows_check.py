"""Builds the library's Windows file layer (files.cpp + platform_windows.cpp) with MinGW-w64 and runs
tests/windows/files_smoke.cpp under Wine: reads, atomic replacement, refusals and UTF-8 file names as
Windows does them. Exit 77 (skipped) when x86_64-w64-mingw32-g++ or wine is not installed; neither is a
project dependency. Usage: windows_check.py SOURCE_DIR SCRATCH_DIR
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77


def find_wine():
    for name in ("wine64", "wine", "/usr/lib/wine/wine64"):
        found = shutil.which(name)
        if found:
            return found
    return None


def main():
    source, scratch = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    cxx = shutil.which("x86_64-w64-mingw32-g++-posix") or shutil.which("x86_64-w64-mingw32-g++")
    wine = find_wine()
    if not cxx or not wine:
        print("SKIP: needs x86_64-w64-mingw32-g++ and wine (apt-get install g++-mingw-w64-x86-64-posix wine64); "
              "the Windows file layer was not run")
        return SKIP
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "run").mkdir(parents=True)
    exe = scratch / "files_smoke.exe"
    src = source / "libe911" / "src"
    build = subprocess.run([cxx, "-std=c++20", "-O1", "-Wall", "-Wextra", "-Werror", "-static",
                            f"-I{src}", f"-I{source / 'libe911' / 'include'}",
                            str(source / "tests" / "windows" / "files_smoke.cpp"), str(src / "util" / "files.cpp"),
                            str(src / "util" / "platform_windows.cpp"), "-o", str(exe)],
                           capture_output=True, text=True)
    if build.returncode != 0:
        sys.exit(f"FAILED: MinGW build\n{build.stderr[-4000:]}")
    env = dict(os.environ, WINEPREFIX=str(scratch / "prefix"), WINEDEBUG="-all")
    run = subprocess.run([wine, str(exe)], cwd=scratch / "run", capture_output=True, text=True, env=env,
                         timeout=600)
    print(run.stdout)
    if run.returncode != 0:
        sys.exit(f"FAILED: files_smoke.exe under Wine (exit {run.returncode})\n{run.stderr[-2000:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
