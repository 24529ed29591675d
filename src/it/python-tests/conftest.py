# A conftest.py in the project's folder, above src/test/python: pytest loads it for the unit tests too.
import pytest


@pytest.fixture
def project_name():
    return "python-tests"
