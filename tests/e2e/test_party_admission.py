"""The Party office in a real browser: after the Party's demo data, it records a new
sympathiser and takes every step of the admission on its page, each through its form,
up to the decision; the targets dashboard then shows XD2 (members admitted) one higher
for this year, at once (the measure is read live from the decisions)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from xaso.seed.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

XD2 = "Kết nạp đảng viên mới trong giai đoạn 2025-2030"
CELL = "Chi bộ bản Pá Uổi"
NAME = "Lò Thị Thử"


@pytest.fixture
def party_demo(longhe):
    """Long Hẹ's accounts, the resolution, the 32 cells and the Party's demo members and
    admissions — the Party's part of ``xaso demo`` (its manifest's loader), loaded once,
    in one transaction: committed row by row it takes four times as long."""
    from django.db import transaction

    from xaso.party import demo
    from xaso.seed import loader
    from xaso.seed.demo import REPORT_DATE

    with transaction.atomic():
        loader.load_resolution()
        loader.load_party_cells()
        demo.load(today=timezone.localdate(), report_date=REPORT_DATE)


def field(label: str) -> re.Pattern:
    """A field's label as shown: the text, then the required mark."""
    return re.compile(rf"^{re.escape(label)}(\s*\*)?$")


def log_in(page, server: str, username: str) -> None:
    page.goto(server + reverse("core:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(server + reverse("core:home"))


def xd2_this_year(page, server: str) -> int:
    page.goto(server + reverse("targets:dashboard"))
    table = page.get_by_role("table", name="Tình trạng từng chỉ tiêu theo năm")
    headers = [h.strip() for h in table.get_by_role("columnheader").all_inner_texts()]
    column = headers.index(str(timezone.localdate().year))
    row = table.get_by_role("row").filter(has=page.get_by_role("link", name=XD2))
    expect(row).to_have_count(1)
    text = row.get_by_role("cell").nth(column).inner_text().strip()
    found = re.match(r"\d+", text.replace(".", ""))
    return int(found.group()) if found else 0


def take(page, step: str, fields: dict[str, str], selects: dict[str, int] | None = None):
    """Fill the form of ``step`` (its button bears the step's name) and send it."""
    form = page.locator("form").filter(has=page.get_by_role("button", name=step, exact=True))
    for label, value in fields.items():
        form.get_by_label(field(label)).fill(value)
    for label, index in (selects or {}).items():
        form.get_by_label(field(label)).select_option(index=index)
    form.get_by_role("button", name=step, exact=True).click()
    expect(page.get_by_text(f"Đã ghi: {step}.")).to_be_visible()


def test_an_admission_to_its_decision_moves_xd2_at_once(page, server, party_demo):
    today = timezone.localdate().strftime("%d/%m/%Y")
    log_in(page, server, "vanphongdang")
    before = xd2_this_year(page, server)

    page.goto(server + reverse("party:admissions"))
    page.get_by_role("link", name="Ghi quần chúng cảm tình Đảng").click()
    page.get_by_label(field("Chi bộ")).select_option(label=CELL)
    page.get_by_label("Họ và tên").fill(NAME)
    page.get_by_label("Ngày sinh").fill("05/04/2000")
    page.get_by_label("Nữ", exact=True).check()
    page.get_by_label("Dân tộc").fill("Thái")
    page.get_by_label("Giáo dục phổ thông").select_option(label="Trung học phổ thông")
    page.get_by_label("Đoàn thể giới thiệu").fill("Đoàn Thanh niên bản Pá Uổi")
    page.get_by_label("Ngày giới thiệu").fill(today)
    page.get_by_role("button", name="Ghi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)

    take(
        page,
        "Ghi giấy chứng nhận lớp nhận thức về Đảng",
        {"Số giấy chứng nhận": "31/GCN", "Ngày cấp giấy chứng nhận": today},
    )
    take(
        page,
        "Phân công đảng viên giúp đỡ",
        {"Ngày phân công": today},
        {"Đảng viên giúp đỡ thứ nhất": 1, "Đảng viên giúp đỡ thứ hai": 2},
    )
    take(page, "Ghi hoàn thành thẩm tra lý lịch", {"Ngày hoàn thành thẩm tra lý lịch": today})
    take(
        page,
        "Ghi kết quả chi bộ họp xét",
        {
            "Ngày chi bộ họp xét": today,
            "Số đảng viên chính thức đồng ý": "9",
            "Tổng số đảng viên chính thức của chi bộ": "10",
        },
    )
    take(
        page,
        "Ghi nghị quyết của đảng ủy",
        {"Số nghị quyết của đảng ủy": "40-NQ/ĐU", "Ngày nghị quyết": today},
    )
    take(
        page,
        "Ghi quyết định kết nạp",
        {"Số quyết định kết nạp": "41-QĐ/ĐU", "Ngày quyết định": today},
    )
    expect(page.get_by_text("Đã có quyết định kết nạp")).to_be_visible()
    expect(page.get_by_role("link", name="PDF")).to_be_visible()

    assert xd2_this_year(page, server) == before + 1
