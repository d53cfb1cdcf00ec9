"""Anonymous requests for what is not a page are refused: the database, the kernel list,
raw notebooks and paths that climb out of the static folders."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REFUSED = [
    "api/kernels",
    "api/sessions",
    "api/contents",
    "voila/api/contents/breakdown",
    "voila/api/contents/breakdown/informele-steun.ipynb",
    "voila/files/breakdown/informele-steun.ipynb",
    "voila/files/voila.json",
    "breakdown/informele-steun.ipynb",
    "voila/static/../../../pleegzorg.db",
    "voila/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "voila/templates/pleegzorg/static/../../../../../../../etc/passwd",
    "voila/files/../data/roles.yaml",
    "pleegzorg.db",
    "voila/tree/../../pleegzorg.db",
]


def status(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_non_pages_are_refused(server) -> None:
    for path in REFUSED:
        code, body = status(server.url + path)
        if code == 200:
            # the only 200 allowed is a redirect to the landing page (the tree is ours)
            assert b"pz-landing" in body, path
        else:
            assert code in (403, 404, 405), (path, code)
        assert b"SQLite format" not in body and b"root:x:" not in body, path
        assert b"nbformat" not in body and b'"cells"' not in body, path
