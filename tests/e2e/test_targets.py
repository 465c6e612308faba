"""The targets module in a real browser: a statistics officer enters a bản's 2026 value
and sends it for approval, the leader approves it, and the commune's dashboard and the
target's drill-down show the figure and the new status at once."""

from __future__ import annotations

import os
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from xaso.seed.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

YEAR = 2026
VILLAGE = "Bản Pá Uổi"
TARGET_NAME = "Tỷ lệ nhà văn hóa bản đạt chuẩn theo quy định"
ANSWER = "XH11 — Bản đạt?"
NUMERATOR = "XH3 — Số hộ nghèo theo chuẩn nghèo đa chiều"
DENOMINATOR = "XH3 — Tổng số hộ"
SOCIAL_GROUP = "Các chỉ tiêu về xã hội, môi trường"
SUBMIT = "Lưu và gửi duyệt"
TOO_BIG = "Tử số không được lớn hơn mẫu số"


@pytest.fixture
def resolution(longhe):
    """Long Hẹ, its demo accounts and the Congress resolution with its 25 targets."""
    from xaso.seed.loader import load_resolution

    load_resolution()


def shot(page, name: str) -> None:
    """Screenshot for a human to look at, only when XASO_E2E_SHOTS names a folder."""
    folder = os.environ.get("XASO_E2E_SHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"targets-{name}.png"), full_page=True)


def log_in(new_context, server: str, username: str):
    page = new_context().new_page()
    page.goto(server + reverse("core:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(server + reverse("core:home"))
    return page


def menu(page, label: str) -> None:
    nav = page.get_by_role("navigation", name="Chức năng")
    nav.get_by_role("link", name=label, exact=True).click()


def open_entry_for_village(page) -> None:
    """From home, through the menu, to the 2026 (whole year) entry form of Pá Uổi."""
    menu(page, "Nhập số liệu")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nhập số liệu chỉ tiêu")
    page.get_by_label("Đơn vị", exact=True).select_option(label=VILLAGE)
    page.get_by_role("spinbutton", name=re.compile(r"^Năm")).fill(str(YEAR))
    page.get_by_role("button", name="Chọn kỳ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nhập số liệu chỉ tiêu — {VILLAGE}")


def targets_table(page):
    """The dashboard's table of every target by year (below the counts and the targets
    at risk)."""
    return page.get_by_role("table", name="Tình trạng từng chỉ tiêu theo năm")


def xh11_row(page):
    """The dashboard row of target (11) in the social group (one measure, one row)."""
    group = targets_table(page).get_by_role("rowgroup").filter(has_text=SOCIAL_GROUP)
    row = group.get_by_role("row").filter(has=page.get_by_role("link", name=TARGET_NAME))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").first).to_have_text("(11)")
    return row


def year_column(page) -> int:
    headers = targets_table(page).get_by_role("columnheader").all_inner_texts()
    return [h.strip() for h in headers].index(str(YEAR))


def test_officer_enters_leader_approves_dashboard_updates(new_context, server, resolution):
    # The statistics officer enters Pá Uổi's 2026 value and sends it for approval.
    officer = log_in(new_context, server, "thongke")
    open_entry_for_village(officer)
    # Per bản, this target is a yes/no question: does the bản's cultural house meet it?
    officer.get_by_label(ANSWER, exact=True).select_option(label="Đạt")
    officer.get_by_role("button", name=SUBMIT, exact=True).click()
    expect(officer.get_by_role("status")).to_have_text("Đã lưu và gửi duyệt 1 số liệu.")
    expect(officer.get_by_label(ANSWER, exact=True)).to_have_value("1")
    xh11 = officer.get_by_role("row").filter(has=officer.get_by_label(ANSWER, exact=True))
    expect(xh11.get_by_role("cell").last).to_have_text("Đã gửi duyệt")
    shot(officer, "entry")

    # The leader, in another browser, sees nothing yet: only approved values count.
    leader = log_in(new_context, server, "lanhdao")
    menu(leader, "Chỉ tiêu")
    expect(leader.get_by_role("heading", level=1)).to_have_text("Chỉ tiêu nghị quyết — Xã Long Hẹ")
    column = year_column(leader)
    row = xh11_row(leader)
    expect(row.get_by_role("cell").nth(column)).to_have_text("")
    expect(row.get_by_role("cell").last).to_contain_text("chưa có số liệu")

    # The value waits for approval; the leader approves it.
    menu(leader, "Duyệt số liệu")
    pending = leader.get_by_role("row").filter(has_text="XH11")
    expect(pending).to_have_count(1)
    expect(pending).to_contain_text(VILLAGE)
    expect(pending).to_contain_text(str(YEAR))
    expect(pending).to_contain_text("1/1")
    expect(pending).to_contain_text("Thống kê (demo)")
    expect(pending.get_by_role("checkbox")).to_be_checked()
    shot(leader, "approval")
    leader.get_by_role("button", name="Duyệt các số liệu đã chọn").click()
    expect(leader.get_by_role("status")).to_have_text("Đã duyệt 1 số liệu.")
    expect(leader.get_by_text("Không có số liệu nào chờ duyệt.")).to_be_visible()

    # Back on the dashboard, the commune figure and the status have changed at once:
    # 1 of 23 bản = 4,3%, short of 40% but not due before 2030.
    menu(leader, "Chỉ tiêu")
    row = xh11_row(leader)
    expect(row.get_by_role("cell").nth(column)).to_have_text("4,31/23 bản")  # "4,3" over "1/23 bản"
    expect(row.get_by_role("cell").last).to_have_text("◔ chưa đến hạn")
    shot(leader, "dashboard")

    # The drill-down: Pá Uổi's figure in the per-bản table, and the chart.
    row.get_by_role("link", name=TARGET_NAME).click()
    expect(leader.get_by_role("heading", level=1)).to_contain_text(f"(11) {TARGET_NAME}")
    expect(leader.get_by_role("heading", name=f"Theo bản, năm {YEAR}")).to_be_visible()
    village = leader.get_by_role("row").filter(
        has=leader.get_by_role("link", name=VILLAGE, exact=True)
    )
    expect(village.get_by_role("cell").nth(1)).to_have_text("100,0")
    expect(village.get_by_role("cell").nth(2)).to_have_text("✔ đạt")
    # <svg role="img"><title>: the trend over the years, and the figure of each bản.
    chart = leader.get_by_role("img", name=f"XH11 {TARGET_NAME}", exact=True)
    expect(chart).to_be_visible()
    expect(chart).to_have_class(re.compile(r"\bchart\b"))
    expect(chart.locator("circle").first).to_be_attached()
    villages = leader.get_by_role("img", name=f"XH11 {TARGET_NAME} theo bản, năm {YEAR}")
    expect(villages).to_have_class(re.compile(r"\bchart\b"))
    expect(villages).to_contain_text(VILLAGE)
    expect(villages).to_contain_text("100,0")
    shot(leader, "detail")


def test_numerator_above_denominator_is_refused_beside_the_field(new_context, server, resolution):
    from xaso.targets.models import DataValue

    officer = log_in(new_context, server, "thongke")
    open_entry_for_village(officer)
    numerator = officer.get_by_label(NUMERATOR, exact=True)
    numerator.fill("2")
    officer.get_by_label(DENOMINATOR, exact=True).fill("1")
    officer.get_by_role("button", name=SUBMIT, exact=True).click()

    # The form comes back with the error in the numerator's own cell, values kept, and
    # listed in the error summary at the top.
    field_cell = officer.get_by_role("cell").filter(has=numerator)
    message = field_cell.locator(".govuk-error-message")
    expect(message).to_contain_text(TOO_BIG)
    expect(message).to_contain_text(NUMERATOR)
    expect(numerator).to_have_attribute(
        "aria-describedby", re.compile(rf"\b{re.escape(message.get_attribute('id'))}\b")
    )
    summary = officer.get_by_role("alert").get_by_role("link", name=re.compile(NUMERATOR))
    expect(summary).to_contain_text(TOO_BIG)
    expect(numerator).to_have_value("2")
    expect(numerator).to_have_attribute("aria-invalid", "true")
    expect(officer.get_by_role("status")).to_have_count(0)  # no success message
    shot(officer, "entry-error")
    assert not DataValue.objects.exists()
