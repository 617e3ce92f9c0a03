"""Puts the Checkmk API stand-in on sys.path and makes cmk_addons.plugins.kubemon importable."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))

import kubemon_env  # noqa: E402

kubemon_env.install()
