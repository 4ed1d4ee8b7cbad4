"""A data or cache folder setting that points at a file: the app and the command say so in a sentence."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.integration.test_bad_input_corpus import CHECKLIST


def test_the_command_names_a_cache_folder_setting_that_is_a_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.write_text("a file, not a folder")

    result = subprocess.run(
        [str(CHECKLIST), "blank", "-o", str(tmp_path / "checklist.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "CHECKLIST_CACHE_DIR": str(cache)},
    )

    assert result.returncode == 1
    assert result.stderr == (
        f"Error: The cache folder (CHECKLIST_CACHE_DIR) is {cache}, which is a file, not a folder: "
        "point it at a folder this tool may write to\n"
    )


@pytest.mark.usefixtures("app_env")
def test_the_app_names_a_data_folder_setting_that_is_a_file(
    new_app: Callable[..., AppTest], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data-file"
    data.write_text("a file, not a folder")
    monkeypatch.setenv("CHECKLIST_DATA_DIR", str(data))

    at = new_app()

    assert not at.exception
    assert (
        f"The data folder (CHECKLIST_DATA_DIR) is {data}, which is a file, not a folder: "
        "point it at a folder this tool may write to"
    ) in [e.value for e in at.error]
