"""Fixtures for the C-core tier: build the ASan/UBSan trace runner once, talk to it over a pipe."""

import shutil

import pytest

from tests.core.core_native import Core, native_build


@pytest.fixture(scope="session")
def core_runner_exe():
    if shutil.which("cc") is None:
        pytest.skip("no C compiler (cc) for the native core build")
    return native_build("build/native/runner")


@pytest.fixture(scope="session")
def core(core_runner_exe):
    c = Core(core_runner_exe)
    yield c
    # A sanitizer report at exit (e.g. a leak) makes the exit status non-zero.
    assert c.close() == 0
