from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "spec" / "seed-expectations.yaml"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.md from the current templates (see tests/test_render.py)")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_spec() -> list[dict]:
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))["seeds"]
