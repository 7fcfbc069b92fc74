"""Shared fixtures: paths of the bundled example."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def example_path() -> Path:
    return ROOT / "examples" / "nghe-an-2024.json"


@pytest.fixture
def example_plan_path() -> Path:
    return ROOT / "examples" / "nghe-an-2024.plan.json"
