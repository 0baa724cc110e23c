"""CI and release workflows, the CI entry point and the lint gate.

actionlint is used when it is on the PATH (or in .venv/bin); it cannot be
installed from PyPI without network access here, so without it the test
says so loudly and the structural checks below still run.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    data["on"] = data.pop(True, data.get("on"))
    return data


def _actionlint() -> str | None:
    return shutil.which("actionlint") or (str(ROOT / ".venv/bin/actionlint") if (ROOT / ".venv/bin/actionlint").exists() else None)


def test_workflows_pass_actionlint():
    tool = _actionlint()
    if tool is None:
        pytest.skip("ACTIONLINT NOT INSTALLED: workflows only checked structurally (install actionlint to lint them)")
    result = subprocess.run([tool, "-color=never", *map(str, WORKFLOWS.glob("*.yml"))], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_every_job_has_a_runner_and_steps_that_run_or_use_something(name):
    workflow = _workflow(name)
    assert workflow["on"] and workflow["jobs"]
    for job_name, job in workflow["jobs"].items():
        assert "runs-on" in job, job_name
        assert job.get("steps"), job_name
        for step in job["steps"]:
            assert ("run" in step) != ("uses" in step), (job_name, step)
            if "uses" in step:
                assert "@" in step["uses"], f"{step['uses']} is not pinned to a version"


def test_ci_lints_tests_and_builds_the_site_strictly():
    runs = " ".join(step.get("run", "") for step in _workflow("ci.yml")["jobs"]["test"]["steps"])
    for command in ("make lint", "make test", "make site"):
        assert command in runs
    assert "--strict" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_release_builds_on_a_version_tag_attaches_a_tarball_and_deploys_pages():
    workflow = _workflow("release.yml")
    assert workflow["on"]["push"]["tags"] == ["v*"]
    build = " ".join(step.get("run", "") + step.get("uses", "") for step in workflow["jobs"]["build"]["steps"])
    assert "make site" in build and "tar -czf" in build and "gh release create" in build
    assert "actions/upload-pages-artifact" in build
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("actions/deploy-pages" in step.get("uses", "") for step in deploy["steps"])


def test_ci_entry_point_calls_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert script.rstrip().endswith("make test")
    assert "make test" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_code_passes_the_linter():
    ruff = shutil.which("ruff", path=str(ROOT / ".venv/bin")) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("RUFF NOT INSTALLED: run `make lint` after `pip install -e '.[test]'`")
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

