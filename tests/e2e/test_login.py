"""Logging in and out in a real browser: the form, its errors, the keyboard, the
language switch, no third-party hosts, and no JavaScript needed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from xaso.core.forms import LoginForm
from xaso.seed.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Label texts as the login page renders them in Vietnamese (Django's own catalogue for
# AuthenticationForm; the "*" after them is aria-hidden, so it is not in the name).
USERNAME = "Tên đăng nhập"
PASSWORD = "Mật khẩu"
LOGIN = "Đăng nhập"


def login_url(server: str) -> str:
    return server + reverse("core:login")


def log_in(page, server: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(login_url(server))
    page.get_by_label(USERNAME).fill(username)
    page.get_by_label(PASSWORD).fill(password)


def test_leader_logs_in_sees_home_and_logs_out(page, server, longhe):
    log_in(page, server, "lanhdao")
    page.get_by_label(PASSWORD).press("Enter")

    expect(page).to_have_url(server + reverse("core:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Lãnh đạo xã (demo)")
    expect(page.locator("main .govuk-tag, main .tag")).to_contain_text(["Lãnh đạo"])
    menu = page.get_by_role("navigation", name="Chức năng")
    for label in ("Đơn vị", "Lịch làm việc", "Nhật ký"):
        expect(menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    # A leader does not manage accounts: that entry is for the administrator only.
    expect(menu.get_by_role("link", name="Tài khoản", exact=True)).to_have_count(0)

    page.get_by_role("button", name="Đăng xuất").click()

    expect(page).to_have_url(login_url(server))
    expect(page.get_by_role("heading", level=1)).to_have_text(LOGIN)
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)
    # The session is really gone: home sends us back to the login page.
    page.goto(server + reverse("core:home"))
    expect(page).to_have_url(re.compile(re.escape(login_url(server)) + r"\?next="))


def test_wrong_password_shows_error_beside_form(page, server, longhe):
    log_in(page, server, "lanhdao", password="sai-mat-khau")
    page.get_by_role("button", name=LOGIN).click()

    expect(page).to_have_url(login_url(server))
    alert = page.locator("main form").get_by_role("alert")
    expect(alert.get_by_role("listitem")).to_have_text(["Tên đăng nhập hoặc mật khẩu không đúng."])
    expect(page.get_by_label(USERNAME)).to_have_value("lanhdao")
    expect(page.get_by_label(PASSWORD)).to_have_value("")
    expect(page.get_by_role("button", name="Đăng xuất")).to_have_count(0)


def test_keyboard_skip_link_comes_first_and_moves_to_main(page, server, longhe):
    # The login form autofocuses its first field (Django's default), so the check for
    # "first Tab from the top" is made on the home page, behind the menu it skips.
    page.goto(login_url(server))
    expect(page.get_by_label(USERNAME)).to_be_focused()
    page.get_by_label(PASSWORD).fill(DEMO_PASSWORD)
    page.get_by_label(USERNAME).fill("lanhdao")
    page.keyboard.press("Enter")
    expect(page).to_have_url(server + reverse("core:home"))

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Bỏ qua, tới nội dung chính")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_in_viewport()  # visible once focused, not only to screen readers

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_login_page_requests_nothing_from_other_hosts(page, server, longhe):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))

    page.goto(login_url(server))
    page.wait_for_load_state("networkidle")

    assert urls, "no request recorded"
    assert any(url.endswith(".css") for url in urls), urls
    assert any(url.endswith(".js") for url in urls), urls
    foreign = [url for url in urls if not url.startswith(server + "/")]
    assert foreign == []


def test_stylesheet_is_served_and_applied(page, server, longhe):
    responses = {}
    page.on("response", lambda response: responses.setdefault(response.url, response.status))

    page.goto(login_url(server))
    page.wait_for_load_state("networkidle")

    css = [url for url in responses if "/static/core/xaso" in url and url.endswith(".css")]
    assert css, list(responses)
    assert responses[css[0]] == 200
    # Without the stylesheet the header would be a plain block.
    header = page.locator(".xaso-header__container")
    assert header.evaluate("e => getComputedStyle(e).display") == "flex"


def test_language_switch_to_english(page, server, longhe):
    with translation.override("en"):
        english_title = translation.gettext(LOGIN)
        english_form = LoginForm()
        english_labels = [str(english_form.fields[name].label) for name in ("username", "password")]
    page.goto(login_url(server))
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    languages = page.get_by_role("navigation", name="Ngôn ngữ")
    languages.get_by_role("button", name="English").click()

    expect(page).to_have_url(login_url(server))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Django's own strings (the AuthenticationForm labels) switch in any case.
    for label in english_labels:
        expect(page.get_by_label(label)).to_be_visible()
    if english_title != LOGIN:  # the project's English catalogue exists
        expect(page.get_by_role("heading", level=1)).to_have_text(english_title)

    # And back: the switch is remembered for the next page, then undone.
    page.goto(server + reverse("core:login"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # (Django's own name for Vietnamese, "Tiếng Việt", is not in NFC: found by its lang.)
    page.locator(".govuk-language-navigation button[lang=vi]").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_label(USERNAME)).to_be_visible()


def test_login_works_without_javascript(new_context, server, longhe):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(login_url(server))
    assert page.evaluate("typeof window.htmx") == "undefined"  # scripts really off

    page.get_by_label(USERNAME).fill("lanhdao")
    page.get_by_label(PASSWORD).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=LOGIN).click()

    expect(page).to_have_url(server + reverse("core:home"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")


def test_pages_violate_no_content_security_policy(page, server, longhe):
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(login_url(server))
    page.wait_for_load_state("networkidle")
    assert violations == []
