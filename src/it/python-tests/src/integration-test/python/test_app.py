import os
import subprocess
import zipfile

APP = os.environ["PYZ_APP"]


def test_the_built_app_runs_with_its_native_wheel_extracted():
    p = subprocess.run([os.environ["PYZ_PYTHON"], APP, "40", "2"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    assert p.returncode == 0, p.stdout
    assert p.stdout.splitlines() == ["Hello, calc!", "sum=42", "native_exists=True"]


def test_the_app_carries_no_test_wheel():
    names = zipfile.ZipFile(APP).namelist()
    assert any(n.startswith(".deps/greet-1.0-") for n in names)
    assert not any(n.startswith((".deps/pytest", ".deps/pluggy", ".deps/execnet")) for n in names), names
