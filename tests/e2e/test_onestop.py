"""The one-stop desk in a real browser, end to end: a newcomer after ``make demo``
receives a birth registration at the desk, prints slip 01, requests a supplement, marks
it complete, has the justice officer process it and returns the result; a citizen looks
it up by code; the leader sees the statistics and the digitisation target move.

The machine's date is real, so "today" may be a weekend or a holiday: intake is allowed
then (the clock starts on the next working day), and no due date is asserted here."""

from __future__ import annotations

import os
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from xaso.seed.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROCEDURE = "Đăng ký khai sinh"
APPLICANT = "Lò Thị Mai"
ID_NUMBER = "014095001234"
BIRTH_DATE = "02/03/1995"
ADDRESS = "Bản Pá Uổi, xã Long Hẹ"
SPECIALIST = "Công chức tư pháp – hộ tịch (demo) — Công chức Tư pháp – Hộ tịch"
CODE_RE = re.compile(r"03763-\d{6}-0001")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def desk(longhe):
    """Long Hẹ, its demo accounts, the procedure catalogue and the resolution's targets
    — what ``make demo`` sets up, without the demo dossiers."""
    from xaso.seed.loader import load_procedures, load_resolution

    load_procedures()
    load_resolution()


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "ban-quet.pdf"
    path.write_bytes(PDF)
    return path


def shot(page, name: str) -> None:
    """Screenshot for a human to look at, only when XASO_E2E_SHOTS names a folder."""
    folder = os.environ.get("XASO_E2E_SHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"onestop-{name}.png"), full_page=True)


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


def options(select) -> list[str]:
    return [o.strip() for o in select.locator("option").all_inner_texts()]


def act(page, action: str):
    """The fieldset of one action on the dossier page (legend = button = action)."""
    return page.get_by_role("group", name=action, exact=True)


def expect_status(page, label: str) -> None:
    """The status in the lead line under the heading: "… · Được tiếp nhận · …"."""
    expect(page.locator("p.lead")).to_contain_text(re.compile(rf"· {label} ·"))


def test_birth_registration_from_desk_to_citizen_and_statistics(new_context, server, desk, scan):
    from xaso.onestop.models import Dossier, Status

    # The desk officer receives a birth registration, one scan per required document.
    officer = log_in(new_context, server, "motcua")
    menu(officer, "Một cửa")
    expect(officer.get_by_role("heading", level=1)).to_have_text("Hồ sơ một cửa")
    officer.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    choice = officer.get_by_label("Thủ tục")
    choice.select_option(label=next(o for o in options(choice) if o.endswith(f" {PROCEDURE}")))
    officer.get_by_role("button", name="Tiếp tục").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(f"Tiếp nhận hồ sơ: {PROCEDURE}")
    officer.get_by_label("Họ và tên người nộp").fill(APPLICANT)
    officer.get_by_label("Số định danh cá nhân (CCCD)").fill(ID_NUMBER)
    officer.get_by_label("Ngày sinh").fill(BIRTH_DATE)
    officer.get_by_label(re.compile(r"^Địa chỉ\W*$")).fill(ADDRESS)
    scans = officer.get_by_label(re.compile(r"^Bản quét: "))
    expect(scans).to_have_count(3)
    for index in range(scans.count()):
        scans.nth(index).set_input_files(scan)
    shot(officer, "intake")
    officer.get_by_role("button", name="Tiếp nhận", exact=True).click()

    message = officer.get_by_role("status")
    expect(message).to_contain_text(CODE_RE)
    expect(message).to_contain_text("mẫu 01")
    code = CODE_RE.search(message.inner_text()).group()
    dossier = Dossier.objects.get(code=code)
    assert code.split("-")[1] == f"{timezone.localtime(dossier.submitted_at):%y%m%d}"
    expect(officer.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {code}")
    expect_status(officer, "Được tiếp nhận")
    assert dossier.documents.filter(kind="input", digitised=True).count() == 3

    # Slip 01, the receipt and appointment, is a PDF.
    slip = officer.get_by_role("link", name="01 Giấy tiếp nhận và hẹn trả")
    response = officer.request.get(server + slip.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # A paper is missing: the desk asks for it, the clock stops, then it is brought.
    supplement = act(officer, "Yêu cầu bổ sung")
    supplement.get_by_label("Giấy tờ cần bổ sung (mỗi dòng một loại)").fill(
        "Giấy chứng sinh bản chính"
    )
    supplement.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(officer.get_by_role("status")).to_have_text(f"Đã yêu cầu bổ sung hồ sơ {code}.")
    expect_status(officer, "Yêu cầu bổ sung giấy tờ")
    expect(officer.get_by_text("Giấy chứng sinh bản chính").first).to_be_visible()
    act(officer, "Bổ sung xong").get_by_role("button", name="Bổ sung xong").click()
    expect(officer.get_by_role("status")).to_have_text(f"Đã bổ sung xong hồ sơ {code}.")
    expect_status(officer, "Được tiếp nhận")

    # The desk passes it to the justice and civil-status officer.
    transfer = act(officer, "Chuyển xử lý")
    transfer.get_by_label("Chuyển cho").select_option(label=SPECIALIST)
    transfer.get_by_role("button", name="Chuyển xử lý").click()
    expect_status(officer, "Đang xử lý")
    shot(officer, "detail")

    # Printed on A4: the record and its history, without menus, forms or buttons.
    officer.emulate_media(media="print")
    expect(officer.get_by_role("heading", name="Quá trình giải quyết")).to_be_visible()
    expect(officer.get_by_role("navigation", name="Chức năng")).to_be_hidden()
    expect(officer.get_by_role("link", name="Hồ sơ một cửa")).to_be_hidden()
    expect(officer.get_by_role("heading", name="Thao tác")).to_be_hidden()
    expect(officer.get_by_role("button", name="Rút hồ sơ")).to_be_hidden()
    officer.emulate_media(media="screen")

    # The specialist, in another browser, finds it in the queue and records the result.
    specialist = log_in(new_context, server, "tuphap")
    menu(specialist, "Một cửa")
    tabs = specialist.get_by_role("navigation", name="Hàng đợi")
    tabs.get_by_role("link", name=re.compile(r"^Đang giải quyết")).click()
    specialist.get_by_label("Mã hồ sơ, số định danh hoặc họ tên (không cần dấu)").fill(code)
    specialist.get_by_role("button", name="Lọc").click()
    rows = specialist.get_by_role("table").get_by_role("row").filter(has_text=code)
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Đang xử lý")
    shot(specialist, "queue")

    # On a 390 px phone the queue reads without sideways scrolling: each row stacks.
    phone = log_in(
        lambda: new_context(viewport={"width": 390, "height": 844}, is_mobile=True),
        server,
        "tuphap",
    )
    phone.goto(server + reverse("onestop:queue") + "?hang=all_open")
    expect(phone.get_by_role("link", name=code)).to_be_visible()
    # (A phone widens its layout viewport to fit wider content: compare with 390 itself.)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "queue-phone")
    phone.get_by_role("link", name=code).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {code}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    rows.get_by_role("link", name=code).click()
    result = act(specialist, "Có kết quả")
    result.get_by_label("Bản số hóa kết quả (PDF, JPEG, PNG)").set_input_files(scan)
    result.get_by_role("button", name="Có kết quả").click()
    expect(specialist.get_by_role("status")).to_have_text(f"Đã có kết quả hồ sơ {code}.")
    expect_status(specialist, "Đã xử lý xong")

    # Back at the desk, the result is handed over.
    officer.reload()
    expect_status(officer, "Đã xử lý xong")
    handover = act(officer, "Trả kết quả")
    handover.get_by_label("Hình thức trả kết quả").select_option(label="Tại bộ phận một cửa")
    handover.get_by_role("button", name="Trả kết quả").click()
    expect(officer.get_by_role("status")).to_have_text(f"Đã trả kết quả hồ sơ {code}.")
    expect_status(officer, "Đã trả kết quả")
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    assert dossier.documents.filter(kind="result", digitised=True).count() == 1

    # A citizen, not logged in, looks it up by code and the slip's key: the status,
    # nothing personal.
    citizen = new_context().new_page()
    citizen.goto(server + reverse("portal:lookup"))
    citizen.get_by_label("Mã hồ sơ").fill(code)
    citizen.get_by_label("Khóa tra cứu").fill(dossier.lookup_key)
    citizen.get_by_role("button", name="Tra cứu").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(f"Hồ sơ {code}")
    expect(citizen.locator(".dossier-status")).to_have_text("Đã trả kết quả")
    html = citizen.content()
    for personal in (APPLICANT, ID_NUMBER, BIRTH_DATE, ADDRESS):
        assert personal not in html, personal
    shot(citizen, "lookup")

    # The leader: this year's statistics count it, and the digitisation target is 100%.
    year = timezone.localtime(dossier.received_at).year
    leader = log_in(new_context, server, "lanhdao")
    menu(leader, "Thống kê một cửa")
    expect(leader.get_by_role("heading", level=1)).to_contain_text(
        "Thống kê hồ sơ thủ tục hành chính"
    )
    expect(leader.get_by_text(f"Kỳ báo cáo từ 01/01/{year}")).to_be_visible()
    by_field = leader.get_by_role("table").first
    total = by_field.get_by_role("row").filter(has=leader.get_by_role("rowheader", name="Tổng số"))
    cells = total.get_by_role("cell")
    assert int(cells.nth(0).inner_text()) >= 1  # received
    assert int(cells.nth(4).inner_text()) >= 1  # resolved
    shot(leader, "statistics")

    leader.goto(server + reverse("targets:detail", args=["social", 6]))
    expect(leader.get_by_role("heading", level=1)).to_contain_text("(6)")
    row = leader.get_by_role("row").filter(
        has=leader.get_by_role("cell", name=str(year), exact=True)
    )
    expect(row.get_by_role("cell").nth(1)).to_have_text("100,0")
    shot(leader, "target")
