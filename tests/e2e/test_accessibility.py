"""Every page of every role, in both languages, checked by axe-core in Chromium.

The demo (``xaso demo``'s data, minus the server) is loaded once; then each demo account
and an anonymous citizen crawl what their pages link to — the menu, the tiles, the
records in the lists — first in Vietnamese, then in English. On each page:

- axe-core (from the npm registry, ``frontend/node_modules``, injected from that local
  file) finds no serious or critical WCAG 2.1 A/AA violation;
- the page answers without an error: a link a user is shown leads somewhere they may go
  (no "Không có quyền" after a click);
- in English, no Vietnamese status or menu words are left in the navigation.

Screenshots for a person to look at are saved under ``tests/e2e/artifacts/`` (git-ignored):
the leader's overview, the desk queue on a 390 px phone, the petitions form.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from xaso.seed.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
#: links that are not pages: files, the API, language and session switches
NOT_A_PAGE = re.compile(
    r"\.(pdf|xlsx|docx|csv|svg|png|ico)$|/xlsx/$|/tep/\d+/$|^/(static|api|i18n|dang-xuat)/"
)
#: pages per account and language: the crawl visits one page of each shape of address
#: (digits folded, query names kept), so this only stops a runaway crawl
MAX_PAGES = 60
PHONE = {"width": 390, "height": 844}
#: letters only Vietnamese writes: none may be left in the English menu
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)


def shape(url: str) -> str:
    """``/mot-cua/ho-so/03763-MC-251001-0001/`` and its siblings are one page to check."""
    parts = urlsplit(url)
    names = sorted({name for name, _ in parse_qsl(parts.query)} - {"page"})
    return re.sub(r"[0-9]+", "N", parts.path) + ("?" + "&".join(names) if names else "")


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} — "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def check(page, server: str, path: str, language: str, checked: set) -> list[str]:
    """Opens one page: an error status, axe's findings (once per shape of page and
    language, ``checked`` being shared by the accounts, who see the same templates) and,
    in English, Vietnamese left in the menu."""
    response = page.goto(server + path)
    if response is None or response.status >= 400:
        return [f"HTTP {response.status if response else '—'}"]
    found = []
    if (shape(path), language) not in checked:
        checked.add((shape(path), language))
        found += axe_violations(page)
    if language == "en":
        menu = " ".join(page.locator(".govuk-service-navigation").all_inner_texts())
        if VIETNAMESE_LETTERS.search(menu):
            found.append(f"Vietnamese left in the English menu: {menu!r}")
    return found


def links(page) -> list[str]:
    """The pages this page links to (same site; not files, the API or pagination)."""
    found = []
    for href in page.eval_on_selector_all(
        "a[href]", "anchors => anchors.map(a => a.getAttribute('href'))"
    ):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if NOT_A_PAGE.search(parts.path) or "page=" in parts.query:
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(page, server: str, start: str, checked: set) -> tuple[list[str], dict]:
    """Every page reachable from ``start``, one of each shape: (the pages, problems)."""
    problems: dict[str, list[str]] = {}
    pages: list[str] = []
    queue = deque([start])
    seen: set[str] = set()
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        pages.append(path)
        if found := check(page, server, path, "vi", checked):
            problems[path] = found
        if "HTTP" not in " ".join(found):
            queue.extend(link for link in links(page) if shape(link) not in seen)
    return pages, problems


def log_in(context, server: str, username: str):
    page = context.new_page()
    page.goto(server + reverse("core:login"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(server + reverse("core:home"))
    return page


def to_english(page) -> None:
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")


@pytest.fixture
def demo(transactional_db):
    call_command("demo", no_serve=True, verbosity=0)


def test_axe_finds_what_it_should(new_context, server, longhe):
    """The check can fail: a control without a label on a real page is reported."""
    page = new_context(bypass_csp=True).new_page()
    page.goto(server + reverse("core:login"))
    assert axe_violations(page) == []
    page.evaluate("document.querySelector('main').append(document.createElement('select'))")
    assert any("select-name" in v for v in axe_violations(page))


def test_every_page_of_every_role_passes_axe_in_both_languages(new_context, server, demo):
    """Each account crawls its pages in Vietnamese, then opens them in English."""
    problems: dict[str, list[str]] = {}
    checked: set[tuple[str, str]] = set()
    for username in [None] + [account[0] for account in DEMO_ACCOUNTS]:
        who = username or "công dân"
        context = new_context(bypass_csp=True)  # axe is injected as an inline script
        if username is None:
            page, start = context.new_page(), reverse("portal:lookup")
        else:
            page, start = log_in(context, server, username), reverse("core:home")
        pages, found = crawl(page, server, start, checked)
        problems.update({f"{who} (vi) {path}": issues for path, issues in found.items()})
        page.goto(server + start)
        to_english(page)
        # In English the same pages answer the same way: open the first page (its menu)
        # and the shapes not yet checked in English by another account.
        for path in pages:
            if path in found or (path != start and (shape(path), "en") in checked):
                continue
            if issues := check(page, server, path, "en", checked):
                problems[f"{who} (en) {path}"] = issues
        context.close()
    # The crawl really went round: the pages of the desk, petitions, targets, the
    # accounts, the calendar, the log and the portal, in both languages.
    assert len(checked) >= 60, sorted(checked)
    assert not problems, "\n".join(
        f"{where}: {issue}" for where, issues in problems.items() for issue in issues
    )


def test_screenshots_and_the_queue_fits_a_phone(new_context, server, demo):
    ARTIFACTS.mkdir(exist_ok=True)
    leader = log_in(new_context(viewport={"width": 1280, "height": 900}), server, "lanhdao")
    leader.screenshot(path=str(ARTIFACTS / "leader-overview.png"), full_page=True)

    desk = log_in(new_context(viewport=PHONE, is_mobile=True), server, "motcua")
    desk.goto(server + reverse("onestop:queue"))
    desk.screenshot(path=str(ARTIFACTS / "desk-queue-phone.png"), full_page=True)
    # No sideways scrolling on a 390 px phone: the page is no wider than the screen.
    width = desk.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the queue is {width}px wide on a 390px phone"

    reception = log_in(new_context(), server, "tiepdan")
    reception.goto(server + reverse("petitions:receive"))
    reception.locator("main form button[type=submit]").last.click()  # empty: errors shown
    reception.screenshot(path=str(ARTIFACTS / "petitions-form.png"), full_page=True)
    assert reception.locator(".govuk-error-summary").is_visible()
