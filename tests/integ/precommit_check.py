"""The pre-commit hooks, run by Debian's pre-commit against a scratch repository, offline.

The hook repository is a local git repository holding this checkout's .pre-commit-hooks.yaml,
tagged v0.2.0 the way a release is, so `rev:` is exercised as users write it.
Usage: precommit_check.py SOURCE_DIR CLI_DIR WORK_DIR. Exit 77 (skipped) without pre-commit or git.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77


def run(args, cwd, env, check=True):
    r = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"FAILED: {' '.join(args)} (exit {r.returncode})\n{r.stdout}{r.stderr}")
    return r


def write(path: Path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def expect(cond, what, out):
    if not cond:
        sys.exit(f"FAILED: {what}\n--- output ---\n{out}")


def main():
    source, cli_dir, work = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    for tool in ("pre-commit", "git"):
        if not shutil.which(tool):
            print(f"SKIP: `{tool}` is not installed (Debian: apt-get install {tool}); the pre-commit hooks were not tested")
            return SKIP
    shutil.rmtree(work, ignore_errors=True)
    env = dict(os.environ, PATH=f"{cli_dir}{os.pathsep}{os.environ['PATH']}", PRE_COMMIT_HOME=str(work / "cache"),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1", HOME=str(work))
    env.pop("NO_COLOR", None)

    hooks = work / "hooks"
    hooks.mkdir(parents=True)
    shutil.copy(source / ".pre-commit-hooks.yaml", hooks)
    for args in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "hooks"], ["git", "tag", "v0.2.0"]):
        run(args, hooks, env)

    repo = work / "repo"
    # examples/bern.yaml (lint-clean) with its users moved to a fragment that main.yaml includes.
    bern, users = (source / "examples/bern.yaml").read_text().split("\nusers:\n")
    write(repo / "voice/main.yaml", bern.replace("\nversion: 1\n", "\nversion: 1\ninclude: [sites/users.yaml]\n", 1))
    write(repo / "voice/sites/users.yaml", "version: 1\nusers:\n" + users)
    # Files a broad pattern would sweep up; linted as configurations they would fail.
    write(repo / ".github/workflows/ci.yml", "name: CI\non: [push]\njobs:\n  lint: {runs-on: ubuntu-latest}\n")
    write(repo / "package.json", '{"name": "voice", "version": "1.0.0", "scripts": {}}\n')
    write(repo / "docker-compose.yml", 'version: "3"\nservices:\n  web: {image: nginx}\n')
    write(repo / ".pre-commit-config.yaml",
          f"repos:\n  - repo: {hooks}\n    rev: v0.2.0\n    hooks:\n      - id: e911-validate\n      - id: e911-lint\n")
    for args in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "voice config"]):
        run(args, repo, env)

    ok = run(["pre-commit", "run", "--all-files", "--verbose"], repo, env, check=False)
    out = ok.stdout + ok.stderr
    expect(ok.returncode == 0, "a clean repository passes both hooks", out)
    expect("e911 validate" in out and "e911 lint" in out and "Passed" in out, "both hooks ran", out)
    expect("ok: voice/main.yaml loaded cleanly" in out, "the configuration was validated", out)
    for other in ("ci.yml", "package.json", "docker-compose.yml", ".pre-commit-config.yaml"):
        expect(other not in out, f"{other} is not treated as a configuration", out)

    # A change to the fragment alone is checked through the configuration that includes it.
    write(repo / "voice/sites/users.yaml", "version: 1\nusers:\n" + users.replace("ch-bern", "ch-zurich", 1))
    run(["git", "add", "voice/sites/users.yaml"], repo, env)
    bad = run(["pre-commit", "run", "e911-lint"], repo, env, check=False)
    out = bad.stdout + bad.stderr
    expect(bad.returncode == 1, "a broken fragment fails the lint hook", out)
    expect("`voice/sites/users.yaml` is included by `voice/main.yaml`: checking `voice/main.yaml`" in out,
           "the hook says which configuration it checked", out)
    expect("voice/sites/users.yaml:5:22: error [dangling-reference]" in out, "the finding points into the fragment", out)
    print("pre-commit hooks: 2 runs checked (clean repository passes, a broken fragment fails through its includer)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
