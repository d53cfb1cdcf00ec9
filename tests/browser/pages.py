"""How a participant works a worksheet page, in Playwright terms (selectors in one place)."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

PAGE_TIMEOUT_MS = 90_000


def open_worksheet(page: Page, url: str) -> float:
    """Open a worksheet and wait until every question and the resume code are shown."""
    start = time.monotonic()
    page.goto(url, timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(".pz-resume-code .pz-code-value", timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(".pz-question", timeout=PAGE_TIMEOUT_MS)
    return time.monotonic() - start


def question(page: Page, qid: str):
    return page.locator(f".pz-question.pz-q-{qid}")


def wait_saved(page: Page, qid: str) -> None:
    expect(question(page, qid)).to_have_class(re.compile(r"\bpz-saved\b"), timeout=15_000)


def resume_code(page: Page) -> str:
    return page.locator(".pz-resume-code .pz-code-value").inner_text().strip()


def type_open(page: Page, qid: str, text: str) -> None:
    """Type ``text`` into an open question. When it replaces an answer that was saved, wait
    until the page shows the change as unsaved: otherwise a ``wait_saved`` right after could
    see the mark of the previous save and the test move on before this one is stored."""
    box = question(page, qid)
    field = box.locator("textarea")
    was_saved = "pz-saved" in (box.get_attribute("class") or "").split()
    changed = field.input_value() != text
    field.click()
    field.fill(text)
    field.blur()
    if was_saved and changed:
        expect(box).not_to_have_class(re.compile(r"\bpz-saved\b"), timeout=15_000)


def pick_radio(page: Page, qid: str, label: str) -> None:
    """Pick the option whose label is exactly ``label`` ("Agree", not "Disagree")."""
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    question(page, qid).locator("label").filter(has_text=exact).first.click()


def tick(page: Page, qid: str, label: str) -> None:
    question(page, qid).locator(".widget-checkbox", has_text=label).locator("input").check()


def pick_scale(page: Page, qid: str, number: int) -> None:
    question(page, qid).locator("button.widget-toggle-button").nth(number).click()


def move_down(page: Page, qid: str, position: int) -> None:
    question(page, qid).locator(".pz-rank-row").nth(position).locator("button").nth(1).click()


def ranking_order(page: Page, qid: str) -> list[str]:
    return [t.strip() for t in question(page, qid).locator(".pz-rank-item").all_inner_texts()]


def full_screenshot(page: Page, path: str) -> None:
    """Screenshot the whole worksheet: the page scrolls inside ``#rendered_cells``."""
    size = page.viewport_size
    height = page.evaluate(
        "() => { const c = document.querySelector('#rendered_cells');"
        " return c ? c.scrollHeight + c.getBoundingClientRect().top : document.body.scrollHeight }"
    )
    page.set_viewport_size({"width": size["width"], "height": int(height) + 20})
    page.wait_for_timeout(300)
    page.screenshot(path=path)
    page.set_viewport_size(size)


def accept_link_code(page: Page, code: str | None = None) -> None:
    """A resume code from a link is only offered (issue 27): say "Ja, verder met …" and,
    given ``code``, wait until the page is that participant's."""
    page.locator("button.pz-link-accept").click(timeout=PAGE_TIMEOUT_MS)
    if code is not None:
        expect(page.locator(".pz-resume-code .pz-code-value")).to_have_text(code, timeout=15_000)
