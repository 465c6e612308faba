"""Reception → petition → resolution in a real browser: the reception officer records a
reception session, receives a complaint, sees its legal due date and accepts it; the
leader concludes it; the officer notifies and closes it; the leader finds it in the list.
A denunciation's sender is shown to the officer holding it and masked for statistics.

The machine's date is real (may be a weekend): the due date is read from the database
and only compared with what the page shows."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from xaso.seed.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CODE_RE = re.compile(r"\d{5}-DT-\d{6}-\d{4}")
COMPLAINANT = "Lò Văn Khiếu"
DENOUNCER = "Cầm Thị Tố"
DENOUNCER_ID = "014095009876"


def log_in(new_context, server: str, username: str):
    page = new_context().new_page()
    page.goto(server + reverse("core:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(server + reverse("core:home"))
    return page


def receive(page, *, kind: str, summary: str, name: str, id_number: str = "") -> str:
    page.get_by_role("link", name="Tiếp nhận đơn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiếp nhận đơn thư")
    page.get_by_label("Loại đơn").select_option(label=kind)
    page.get_by_label("Nguồn đơn").select_option(label="Tại buổi tiếp công dân")
    page.get_by_label("Tóm tắt nội dung").fill(summary)
    page.get_by_label("Họ và tên người gửi").fill(name)
    if id_number:
        page.get_by_label("Số định danh").fill(id_number)
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()
    message = page.get_by_role("status")
    expect(message).to_contain_text(CODE_RE)
    return CODE_RE.search(message.inner_text()).group()


def lead(page):
    return page.locator("p.lead")


def test_reception_petition_resolution(new_context, server, longhe):
    from xaso.core.templatetags.vn import vdue
    from xaso.petitions.models import Petition, ReceptionSession, Status

    officer = log_in(new_context, server, "tiepdan")
    officer.get_by_role("navigation", name="Chức năng").get_by_role(
        "link", name="Đơn thư", exact=True
    ).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Tiếp công dân, đơn thư")

    # A reception session.
    officer.get_by_role("link", name="Lịch tiếp công dân, đối thoại").click()
    officer.get_by_role("link", name="Ghi buổi tiếp công dân").click()
    officer.get_by_label("Nội dung phản ánh").fill("Tranh chấp ranh giới nương bản Pá Uổi")
    officer.get_by_role("button", name="Ghi buổi tiếp").click()
    expect(officer.get_by_role("status")).to_contain_text("Đã ghi buổi tiếp công dân")
    expect(officer.get_by_role("table").first).to_contain_text("Tranh chấp ranh giới nương")
    assert ReceptionSession.objects.count() == 1

    # A complaint raised there: its legal due date to accept it is on the page.
    officer.goto(server + reverse("petitions:list"))
    code = receive(
        officer, kind="Khiếu nại", summary="Khiếu nại quyết định thu hồi đất", name=COMPLAINANT
    )
    expect(officer.get_by_role("heading", level=1)).to_have_text(f"Đơn {code}")
    petition = Petition.objects.get(code=code)
    assert petition.due_at is not None
    expect(lead(officer)).to_contain_text("Đã tiếp nhận")
    expect(lead(officer)).to_contain_text(f"hạn {vdue(petition.due_at)}")

    officer.get_by_role("button", name="Thụ lý", exact=True).click()
    expect(lead(officer)).to_contain_text("Đã thụ lý")
    petition.refresh_from_db()
    assert petition.status == Status.ACCEPTED
    expect(lead(officer)).to_contain_text(f"hạn {vdue(petition.due_at)}")
    # Concluding is the leader's step.
    expect(officer.get_by_role("button", name="Kết luận", exact=True)).to_have_count(0)

    leader = log_in(new_context, server, "lanhdao")
    leader.goto(server + reverse("petitions:detail", args=[code]))
    leader.get_by_label("Kết luận").fill("Giữ nguyên quyết định thu hồi đất.")
    leader.get_by_role("button", name="Kết luận", exact=True).click()
    expect(lead(leader)).to_contain_text("Đã kết luận")

    officer.reload()
    officer.get_by_role("button", name="Thông báo kết quả").click()
    expect(lead(officer)).to_contain_text("Đã thông báo")
    officer.get_by_role("button", name="Kết thúc", exact=True).click()
    expect(lead(officer)).to_contain_text("Kết thúc")
    petition.refresh_from_db()
    assert petition.status == Status.CLOSED and petition.closed_at is not None

    # The leader finds it among all petitions, closed.
    leader.goto(server + reverse("petitions:list"))
    leader.get_by_role("link", name="Tất cả").click()
    row = leader.get_by_role("row").filter(has_text=code)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Kết thúc")


def test_denouncer_masked_for_statistics(new_context, server, longhe):
    officer = log_in(new_context, server, "tiepdan")
    officer.goto(server + reverse("petitions:list"))
    code = receive(
        officer,
        kind="Tố cáo",
        summary="Tố cáo cán bộ thu tiền sai quy định",
        name=DENOUNCER,
        id_number=DENOUNCER_ID,
    )
    expect(officer.locator("dl.facts")).to_contain_text(DENOUNCER)
    expect(officer.locator("dl.facts")).to_contain_text(DENOUNCER_ID)

    statistician = log_in(new_context, server, "thongke")
    statistician.goto(server + reverse("petitions:list"))
    expect(statistician.get_by_role("row").filter(has_text=code)).to_contain_text(
        "(được giữ bí mật)"
    )
    statistician.goto(server + reverse("petitions:detail", args=[code]))
    expect(statistician.get_by_role("heading", level=1)).to_have_text(f"Đơn {code}")
    expect(statistician.locator("dl.facts")).to_contain_text("(được giữ bí mật)")
    html = statistician.content()
    assert DENOUNCER not in html and DENOUNCER_ID not in html


def test_dialogue_follow_up_and_statistics(new_context, server, longhe):
    officer = log_in(new_context, server, "tiepdan")
    officer.goto(server + reverse("petitions:reception"))
    officer.get_by_role("link", name="Ghi buổi đối thoại").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Ghi buổi đối thoại")
    village = officer.get_by_label(re.compile(r"^Bản\W*$"))
    village.select_option(index=1)
    officer.get_by_label("Chủ đề").fill("Nước sinh hoạt bản Pá Uổi")
    officer.get_by_label(re.compile(r"^Việc cần làm")).fill("Sửa đường ống nước")
    officer.get_by_role("button", name="Ghi buổi đối thoại").click()
    expect(officer.get_by_role("status")).to_contain_text("Đã ghi buổi đối thoại")
    item = officer.get_by_role("listitem").filter(has_text="Sửa đường ống nước").last
    expect(item).to_contain_text("chưa xong")
    item.get_by_role("button", name="Đánh dấu đã xong").click()
    expect(officer.get_by_role("status")).to_contain_text("Đã hoàn thành: Sửa đường ống nước")
    expect(
        officer.get_by_role("listitem").filter(has_text="Sửa đường ống nước").last
    ).to_contain_text("đã xong")

    leader = log_in(new_context, server, "lanhdao")
    leader.goto(server + reverse("petitions:list"))
    leader.get_by_role("link", name="Thống kê theo kỳ").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text("Thống kê tiếp công dân, đơn thư")
    results = leader.get_by_role("table").filter(has_text="Kết quả trong kỳ")
    for label in ("Buổi đối thoại đã tổ chức", "Việc sau đối thoại đã hoàn thành"):
        row = results.get_by_role("row").filter(has=leader.get_by_role("rowheader", name=label))
        expect(row.get_by_role("cell")).to_have_text("1")
    export = leader.get_by_role("link", name="Tải XLSX")
    response = leader.request.get(server + export.get_attribute("href"))
    assert response.ok
    assert response.body().startswith(b"PK")
