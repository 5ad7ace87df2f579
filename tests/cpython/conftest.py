"""CPython tier: tapblink's frozen modules on fakes, on a virtual clock."""

import pytest

from tests.fakes import install  # noqa: E402


@pytest.fixture
def sim(monkeypatch):
    """Fakes installed, clock at 0 ms. See tests/fakes/__init__.py."""
    s = install(monkeypatch)
    yield s
    s.close()


@pytest.fixture
def sim_near_wrap(monkeypatch):
    """Like sim, but ticks_ms wraps (2**30) 3 s after the start."""
    s = install(monkeypatch, start_ms=(1 << 30) - 3000)
    yield s
    s.close()
