"""`pip install .` for real: build the wheel offline with Debian's python3-build (--no-isolation),
install it into a scratch virtual environment and import it from there.

Usage: wheel_check.py SOURCE_DIR CMAKE_BUILD_DIR WORK_DIR. The configured CMake build is reused
(E911_CMAKE_BUILD_DIR), so only the _e911 target is (re)built. Exit 77 (skipped) without the packages.
"""
import glob
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77


def run(args, env, cwd=None):
    r = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"FAILED: {' '.join(map(str, args))} (exit {r.returncode})\n{r.stdout}{r.stderr}")
    return r.stdout


def main():
    source, cmake_build, work = (Path(a).resolve() for a in sys.argv[1:4])
    missing = [m for m in ("build", "wheel", "setuptools", "venv", "ensurepip") if not importlib.util.find_spec(m)]
    if missing:
        print(f"SKIP: {sys.executable} lacks {', '.join(missing)} (Debian: python3-build python3-wheel "
              "python3-setuptools python3-venv); the wheel was not built")
        return SKIP
    shutil.rmtree(work, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(E911_CMAKE_BUILD_DIR=str(cmake_build), E911_BUILD_BASE=str(work / "setuptools"))
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(work / "dist"), str(source)],
        env, cwd=source)
    wheels = glob.glob(str(work / "dist" / "e911-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"FAILED: expected one wheel in {work / 'dist'}, found {wheels}")

    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], env)
    py = str(venv / "bin" / "python")
    run([py, "-m", "pip", "install", "--no-index", "--no-deps", "--quiet", wheels[0]], env)
    check = (
        "import e911, sys, pathlib\n"
        f"assert pathlib.Path(e911.__file__).is_relative_to({str(venv)!r}), e911.__file__\n"
        f"cfg = e911.load({str(source / 'examples' / 'multi-psap.yaml')!r})\n"
        "rules = sorted({f.rule for f in cfg.lint()})\n"
        "assert 'psap-mismatch' in rules, rules\n"
        "assert (pathlib.Path(e911.__file__).parent / 'py.typed').exists()\n"
        "print(e911.__version__, e911.__file__)\n"
    )
    out = run([py, "-c", check], env, cwd=work)
    version = (source / "CMakeLists.txt").read_text().split("project(e911 VERSION ", 1)[1].split()[0]
    if not out.startswith(version + " "):
        sys.exit(f"FAILED: the installed module reports {out.strip()!r}, CMakeLists.txt says {version}")
    print(f"wheel {Path(wheels[0]).name} installed into a scratch venv and imported: {out.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
