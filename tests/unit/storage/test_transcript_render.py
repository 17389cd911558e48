"""The HTML transcript rendered by headless Chromium (skipped when Chromium is absent)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from test_cases import _seal

from storage.db import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_transcript_html_when_rendered_in_chromium_then_page_has_content(
    store: Store, tmp_path: Path, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("rendering does not depend on the database")
    bundle = _seal(store, tmp_path)
    page, shot = tmp_path / "transcript.html", tmp_path / "transcript.png"
    with zipfile.ZipFile(bundle) as zf:
        page.write_bytes(zf.read("transcript.html"))
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1200,900",
         f"--screenshot={shot}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert shot.stat().st_size > 20_000  # a blank page is a few kilobytes


def test_transcript_media_when_service_message_then_named_in_chinese() -> None:
    from storage.transcript import _media

    assert _media("service:invite_members") == "系统消息：邀请成员 / service:invite_members"
    assert _media("photo") == "图片 / photo"
    assert _media("something_new") == "something_new"
