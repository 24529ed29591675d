import os
import sys

import pytest

from calc import add
from greet import greet


def test_adds_numbers():
    assert add(2, 3) == 5


def test_sees_the_sources_on_disk_and_the_wheels():
    import calc
    assert calc.__file__.endswith(os.path.join("src", "main", "python", "calc", "__init__.py"))
    assert greet("x") == "Hello, x!"


def test_runs_in_an_xdist_worker():
    assert os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw")


@pytest.mark.skip(reason="shows a skipped test in the report")
def test_skipped():
    raise AssertionError("never runs")


def test_sees_the_projects_conftest(project_name):
    assert project_name == "python-tests"
