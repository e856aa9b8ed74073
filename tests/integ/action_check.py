"""The GitHub Action's own scripts, run here as the runner would (install: path), in a scratch git
repository: lint writes SARIF and fails on findings; diff against the base branch fails when an
emergency outcome got worse and passes when it did not. The upload step is GitHub's and is only
checked for its inputs. Usage: action_check.py SOURCE_DIR CLI_DIR WORK_DIR (exit 77 without PyYAML/git).
"""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

SKIP = 77


def fail(msg):
    sys.exit(f"FAILED: {msg}")


class Runner:
    def __init__(self, action, source, cli_dir, work, inputs):
        self.action, self.work = action, work
        self.inputs = {k: v.get("default", "") for k, v in action["inputs"].items()}
        self.inputs.update(inputs)
        self.outputs = {}
        self.context = {"github.action_path": str(source), "github.base_ref": ""}
        self.env = dict(os.environ, PATH=f"{cli_dir}{os.pathsep}{os.environ['PATH']}", RUNNER_TEMP=str(work / "tmp"),
                        GITHUB_WORKSPACE=str(work / "repo"), GITHUB_PATH=str(work / "path"),
                        GIT_CONFIG_NOSYSTEM="1", HOME=str(work))
        (work / "tmp").mkdir(exist_ok=True)

    def value(self, expr):
        for term in expr.split("||"):  # `a || b`: the first non-empty, as GitHub evaluates it
            term = term.strip()
            if term.startswith("inputs."):
                if term[7:] not in self.inputs:
                    fail(f"action.yml uses undeclared input {term}")
                v = self.inputs[term[7:]]
            elif term.startswith("steps."):
                _, step, _, name = term.split(".")
                v = self.outputs.get(step, {}).get(name, "")
            else:
                v = self.context[term]
            if v:
                return v
        return ""

    def expand(self, text):
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: self.value(m.group(1)), str(text))

    def step(self, name):
        s = next(s for s in self.action["runs"]["steps"] if s["name"] == name)
        if "${{" in s["run"]:
            fail(f"step {name!r} puts an expression inline in its script; pass it through env")
        out = self.work / "output"
        out.write_text("")
        env = dict(self.env, GITHUB_OUTPUT=str(out), **{k: self.expand(v) for k, v in s.get("env", {}).items()})
        # `shell: bash` as GitHub runs it: -e and pipefail on.
        r = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s["run"]], cwd=self.work / "repo", env=env, capture_output=True, text=True)
        self.outputs[s.get("id", "")] = dict(line.split("=", 1) for line in out.read_text().splitlines() if "=" in line)
        return r.returncode, r.stdout + r.stderr


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1")
    r = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    if r.returncode:
        fail(f"git {' '.join(args)}: {r.stderr}")


def main():
    source, cli_dir, work = (Path(a).resolve() for a in sys.argv[1:4])
    try:
        import yaml
    except ImportError:
        print("SKIP: PyYAML (python3-yaml) is missing; action.yml was not exercised")
        return SKIP
    if not shutil.which("git"):
        print("SKIP: git is missing; action.yml was not exercised")
        return SKIP
    action = yaml.safe_load((source / "action.yml").read_text())
    steps = action["runs"]["steps"]
    if action["runs"]["using"] != "composite" or any("run" in s and "shell" not in s for s in steps):
        fail("a composite action whose run steps all name their shell")
    upload = next(s for s in steps if "uses" in s)
    if not upload["uses"].startswith("github/codeql-action/upload-sarif@") or "sarif_file" not in upload["with"]:
        fail("the SARIF upload step")

    shutil.rmtree(work, ignore_errors=True)
    repo = work / "repo"
    (repo / "voice").mkdir(parents=True)
    (repo / "package.json").write_text('{"name": "x", "version": "1.0.0", "scripts": {}}\n')
    shutil.copy(source / "examples/multi-psap-fixed.yaml", repo / "voice/main.yaml")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-q", "-b", "change")
    shutil.copy(source / "examples/multi-psap.yaml", repo / "voice/main.yaml")  # drops the ERSP: Peoria's calls go wrong
    git(repo, "commit", "-qam", "worse")

    run = Runner(action, source, cli_dir, work, {"install": "path", "config": "voice/main.yaml", "base-ref": "main"})
    for name in ("Install e911", "Lint"):
        rc, out = run.step(name)
        if rc:
            fail(f"step {name!r} exited {rc}: {out}")
    sarif = json.loads(Path(run.outputs["lint"]["sarif"]).read_text())
    rules = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    if run.outputs["lint"]["rc"] != "1" or "psap-mismatch" not in rules:
        fail(f"lint: exit {run.outputs['lint']['rc']}, SARIF rules {rules}")
    # code scanning places results by repository-relative paths: the action lints from the workspace root
    where = {loc["physicalLocation"]["artifactLocation"].get("uriBaseId", "") + ":" +
             loc["physicalLocation"]["artifactLocation"]["uri"]
             for r in sarif["runs"][0]["results"] for loc in r["locations"]}
    if where != {"PROJECTROOT:voice/main.yaml"}:
        fail(f"SARIF locations are not relative to the repository root: {where}")
    rc, out = run.step("Fail on lint findings")
    if rc != 1:
        fail(f"the final step passes a failed lint: {out}")
    rc, out = run.step("Diff against the base branch")
    if rc != 1 or "::error file=voice/main.yaml::an emergency outcome got worse than on main" not in out:
        fail(f"diff of a worse change: exit {rc}\n{out}")
    git(repo, "checkout", "-q", "main")
    rc, out = run.step("Diff against the base branch")
    if rc != 0:
        fail(f"diff of an unchanged configuration: exit {rc}\n{out}")
    print("action.yml: lint (SARIF, exit 1), fail step, diff worse (exit 1) and unchanged (exit 0) checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
