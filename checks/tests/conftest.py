import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kubemon_scenarios import doc_examples  # noqa: E402


@pytest.fixture(scope="session")
def examples() -> dict[str, Any]:
    return doc_examples()
