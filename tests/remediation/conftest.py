"""The 1,200-person demo organisation in a real SQLite file, built once per session and
copied for each module (the round trip imports raises into its copy)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from latticework.demo.build import DemoRequest, build_demo

AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("remediation-template") / "demo.db"
    build_demo(DemoRequest(people=1200, seed=0, as_of=AS_OF, database_url=f"sqlite:///{path}"))
    return path


@pytest.fixture(scope="module")
def demo_url(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("remediation") / "demo.db"
    shutil.copyfile(demo_template, path)
    return f"sqlite:///{path}"
