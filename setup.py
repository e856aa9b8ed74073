"""setuptools drives CMake: the wheel holds the e911 package (facade, stubs) and the _e911 extension.

The C and C++ dependencies come from the system (scripts/install-deps.sh). Environment:
  E911_CMAKE_BUILD_DIR  reuse this configured CMake build tree (only the _e911 target is built in it);
                        default: a Release build with tests off under setuptools' build directory
  E911_BUILD_BASE       setuptools' own build and egg-info directory (default: build/python)
  CMAKE_BUILD_PARALLEL_LEVEL  parallel jobs (default 2)
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
BUILD_BASE = os.environ.get("E911_BUILD_BASE", str(Path("build") / "python"))
os.makedirs(BUILD_BASE, exist_ok=True)  # egg_info insists that its directory exists


def version():
    # One version number: the project() line of CMakeLists.txt.
    m = re.search(r"project\(e911 VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text())
    return m.group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("E911_CMAKE_BUILD_DIR")
        if not build_dir:
            build_dir = str(Path(self.build_temp).resolve() / "cmake")
            args = ["cmake", "-S", str(ROOT), "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                    "-DE911_BUILD_TESTS=OFF", "-DE911_BUILD_PYTHON=ON", f"-DPYTHON_EXECUTABLE={sys.executable}"]
            if shutil.which("ninja"):
                args += ["-G", "Ninja"]
            subprocess.run(args, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.run(["cmake", "--build", build_dir, "--target", "_e911", "-j", jobs], check=True)
        built = sorted((Path(build_dir) / "bindings" / "python" / "e911").glob("_e911*"))
        built = [p for p in built if p.suffix in (".so", ".pyd")]
        if not built:
            raise RuntimeError(f"the CMake build in {build_dir} produced no _e911 extension")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built[0], target)


setup(
    version=version(),
    packages=["e911"],
    package_dir={"e911": "bindings/python/e911"},
    package_data={"e911": ["py.typed", "__init__.pyi"]},
    ext_modules=[Extension("e911._e911", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
    options={"build": {"build_base": BUILD_BASE}, "egg_info": {"egg_base": BUILD_BASE}},
)
