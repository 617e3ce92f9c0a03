"""The suites run on the Python that Checkmk runs plug-ins on, where the build says which."""

import os
import sys

import pytest


def test_runs_on_the_python_the_build_asks_for() -> None:
    wanted = os.environ.get("KUBEMON_PYTHON_VERSION")
    if not wanted:
        pytest.skip("KUBEMON_PYTHON_VERSION not set (mvn verify sets 3.12, Checkmk 2.3/2.4's)")
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert running == wanted, f"tests run on Python {running}, the build wants {wanted}"
