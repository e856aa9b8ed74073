"""Builds the Dockerfile and runs the image (e911 on PATH, a bundled example linted from a mounted
directory). Uses docker, else podman; exit 77 (skipped) when neither is installed or its daemon or
runtime does not answer. Usage: docker_check.py SOURCE_DIR
"""
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77
TAG = "localhost/e911-ctest:latest"


def main():
    source = Path(sys.argv[1]).resolve()
    engine = next((e for e in ("docker", "podman") if shutil.which(e)), None)
    if not engine:
        print("SKIP: neither docker nor podman is installed; the Dockerfile was not built")
        return SKIP
    info = subprocess.run([engine, "info"], capture_output=True, text=True)
    if info.returncode != 0:
        print(f"SKIP: `{engine} info` failed (no daemon or runtime here); the Dockerfile was not built\n"
              + (info.stderr.strip().splitlines() or [""])[-1])
        return SKIP
    build = subprocess.run([engine, "build", "-t", TAG, str(source)], capture_output=True, text=True)
    if build.returncode != 0:
        sys.exit(f"FAILED: {engine} build\n{build.stdout[-4000:]}{build.stderr[-4000:]}")
    try:
        version = subprocess.run([engine, "run", "--rm", TAG, "--version"], capture_output=True, text=True)
        if version.returncode != 0 or not version.stdout.startswith("e911 "):
            sys.exit(f"FAILED: e911 --version in the image: {version.stdout}{version.stderr}")
        lint = subprocess.run([engine, "run", "--rm", "-v", f"{source / 'examples'}:/repo:ro", TAG,
                               "lint", "--format", "json", "multi-psap.yaml"], capture_output=True, text=True)
        if lint.returncode != 1 or "psap-mismatch" not in lint.stdout:
            sys.exit(f"FAILED: lint in the image (exit {lint.returncode}): {lint.stdout[-2000:]}{lint.stderr}")
        schema = subprocess.run([engine, "run", "--rm", "--entrypoint", "cat", TAG,
                                 "/usr/local/share/e911/e911-config.schema.json"], capture_output=True, text=True)
        if '"$id"' not in schema.stdout:
            sys.exit("FAILED: the image has no schema under /usr/local/share/e911")
    finally:
        subprocess.run([engine, "rmi", "-f", TAG], capture_output=True)
    print(f"{engine}: image built; e911 --version, lint and the installed schema checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
