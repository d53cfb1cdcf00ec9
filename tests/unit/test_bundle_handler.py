"""The server's side of the front end: the bundle as the browser accepts it, cached for a
year under its hashed name, and pages gzipped."""

from __future__ import annotations

import gzip

import brotli
import tornado.web
from tornado.testing import AsyncHTTPTestCase

from pleegzorg_lib.server.frontend import (
    BUNDLE_DIR,
    BUNDLE_PATH,
    BundleHandler,
    compress_responses,
    manifest,
)


class Page(tornado.web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish("<p>Bij wie kun jij terecht?</p>" * 200)


class BundleTest(AsyncHTTPTestCase):
    def get_app(self) -> tornado.web.Application:
        app = tornado.web.Application(
            [(f"/{BUNDLE_PATH}([^/]+)", BundleHandler), (r"/werkblad", Page)]
        )
        compress_responses(app)
        return app

    def fetch_raw(self, path: str, encoding: str | None):
        headers = {"Accept-Encoding": encoding} if encoding else {}
        return self.fetch(path, headers=headers, decompress_response=False)

    def test_brotli_gzip_or_plain_as_accepted_always_the_same_script(self) -> None:
        name = manifest()["js"]
        body = (BUNDLE_DIR / name).read_bytes()
        url = f"/{BUNDLE_PATH}{name}"
        br = self.fetch_raw(url, "gzip, deflate, br")
        assert br.headers["Content-Encoding"] == "br"
        assert brotli.decompress(br.body) == body
        assert len(br.body) < len(body) / 3
        gz = self.fetch_raw(url, "gzip")
        assert gz.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(gz.body) == body
        plain = self.fetch_raw(url, None)
        assert "Content-Encoding" not in plain.headers and plain.body == body
        refused = self.fetch_raw(url, "br;q=0, gzip")
        assert refused.headers["Content-Encoding"] == "gzip"
        for response in (br, gz, plain):
            assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert response.headers["Vary"] == "Accept-Encoding"
            assert response.headers["Content-Type"].startswith("text/javascript")

    def test_stylesheet_too_and_nothing_else(self) -> None:
        css = self.fetch_raw(f"/{BUNDLE_PATH}{manifest()['css']}", "br")
        assert css.code == 200 and css.headers["Content-Type"].startswith("text/css")
        for name in ("frontend.json", manifest()["js"] + ".br", "page.js"):
            assert self.fetch_raw(f"/{BUNDLE_PATH}{name}", "br").code == 404

    def test_pages_are_gzipped_for_browsers_that_accept_it(self) -> None:
        page = self.fetch_raw("/werkblad", "gzip, br")
        assert page.headers["Content-Encoding"] == "gzip"
        assert b"Bij wie kun jij terecht?" in gzip.decompress(page.body)
        assert "Content-Encoding" not in self.fetch_raw("/werkblad", None).headers
