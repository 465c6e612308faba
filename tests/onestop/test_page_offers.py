"""What the desk's pages offer and how they read: a button or link only for a user the
view would let through (and the view still refuses when forced), history and statuses
in words, lists most urgent (or newest) first."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.onestop.conftest import pdf_upload
from tests.onestop.test_pages import FORM
from xaso.onestop.models import Dossier, DossierEvent, Status

pytestmark = pytest.mark.django_db


def _receive(client, **changes) -> Dossier:
    """One dossier received at the desk through the form, then ``changes`` saved."""
    response = client.post("/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload()})
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.order_by("-pk").first()
    if changes:
        Dossier.objects.filter(pk=dossier.pk).update(**changes)
        dossier.refresh_from_db()
    return dossier


def _action_forms(html: str) -> list[str]:
    return re.findall(r'<form method="post" action="/mot-cua/ho-so/[^/]+/([a-z_]+)/"', html)


def test_a_viewer_sees_no_action_paper_or_intake_and_forcing_is_refused(
    officer, procedures, login, make_user, longhe
):
    dossier = _receive(login(officer))
    statistician = login(make_user("tk1", "statistics", longhe))
    page = statistician.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert _action_forms(page) == []
    assert "mau-1.pdf" not in page and "In phiếu" not in page
    assert "Không có thao tác nào bạn thực hiện được" in page
    queue = statistician.get("/mot-cua/").content.decode()
    assert 'href="/mot-cua/tiep-nhan/"' not in queue
    stats = statistician.get("/mot-cua/thong-ke/", {"don_vi": "03763-TTPVHCC"}).content.decode()
    assert "Sổ theo dõi" not in stats and "Xuất Excel" in stats
    # Forced, each is refused all the same.
    statistician.post(f"/mot-cua/ho-so/{dossier.code}/withdraw/", {"note": "thử"})
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RECEIVED
    assert statistician.get("/mot-cua/tiep-nhan/").status_code == 403
    assert statistician.get(f"/mot-cua/ho-so/{dossier.code}/mau-1.pdf").status_code == 403
    assert statistician.get("/mot-cua/so-theo-doi.pdf").status_code in (403, 404)


def test_the_desk_and_the_specialist_see_only_their_own_steps(
    officer, specialist, procedures, login
):
    desk, spec = login(officer), login(specialist)
    dossier = _receive(desk)
    desk_page = desk.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert set(_action_forms(desk_page)) == {
        "request_supplement",
        "transfer",
        "withdraw",
        "reschedule",
    }
    assert 'href="/mot-cua/tiep-nhan/"' in desk.get("/mot-cua/").content.decode()
    spec_page = spec.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert "transfer" not in _action_forms(spec_page)
    assert "withdraw" not in _action_forms(spec_page)
    # The specialist may not receive: no intake button, and the page refuses.
    assert 'href="/mot-cua/tiep-nhan/"' not in spec.get("/mot-cua/").content.decode()
    assert spec.get("/mot-cua/tiep-nhan/").status_code == 403
    spec.post(f"/mot-cua/ho-so/{dossier.code}/withdraw/", {"note": "thử"})
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RECEIVED


def test_the_result_is_not_offered_for_handover_before_the_fee_is_paid(officer, procedures, login):
    desk = login(officer)
    dossier = _receive(desk, status=Status.DONE, fee_amount=8000, paid_at=None)
    page = desk.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert "return_result" not in _action_forms(page)
    assert "Hồ sơ chưa nộp phí, lệ phí." in page  # why, instead of the button
    assert "pay" in _action_forms(page)  # what to do first
    desk.post(f"/mot-cua/ho-so/{dossier.code}/return_result/", {"return_method": "desk"})
    assert Dossier.objects.get(pk=dossier.pk).status == Status.DONE
    desk.post(f"/mot-cua/ho-so/{dossier.code}/pay/", {"payment_method": "cash"})
    page = desk.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert "return_result" in _action_forms(page)


def test_slips_are_offered_only_when_they_can_be_printed(officer, procedures, login):
    desk = login(officer)
    online = _receive(desk, status=Status.NEW, received_at=None, due_at=None, channel="online")
    page = desk.get(f"/mot-cua/ho-so/{online.code}/").content.decode()
    assert "mau-1.pdf" not in page and "mau-3.pdf" not in page and "mau-2.pdf" not in page
    assert "mau-5.pdf" in page
    forced = desk.get(f"/mot-cua/ho-so/{online.code}/mau-1.pdf", follow=True)
    assert "chưa được tiếp nhận" in forced.content.decode()
    received = _receive(desk)
    assert "mau-1.pdf" in desk.get(f"/mot-cua/ho-so/{received.code}/").content.decode()


def test_history_and_status_read_in_words(officer, specialist, procedures, login):
    desk = login(officer)
    dossier = _receive(desk)
    desk.post(f"/mot-cua/ho-so/{dossier.code}/transfer/", {"assignee": specialist.pk})
    DossierEvent.objects.create(
        dossier=dossier, action="some_new_step", to_status=Status.PROCESSING, at=timezone.now()
    )
    page = desk.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    history = page[page.index("Quá trình giải quyết") :]
    assert "Tiếp nhận" in history and "Chuyển xử lý" in history and "Cập nhật" in history
    assert "→ <strong>Đang xử lý</strong>" in history
    for code in ("intake", "transfer", "some_new_step"):
        assert code not in history, code
    tag = r'<strong class="govuk-tag govuk-tag--[\w-]+"[^>]*>Đang xử lý</strong>'
    assert re.search(tag, page)
    queue = desk.get("/mot-cua/", {"hang": "all_open"}).content.decode()
    assert re.search(tag, queue)


def _codes(html: str, among: list[str]) -> list[str]:
    found = re.findall(r'href="/mot-cua/ho-so/([^/]+)/"', html)
    return [code for code in found if code in among]


def test_the_queue_puts_the_most_urgent_first_and_a_search_the_newest(officer, procedures, login):
    desk = login(officer)
    now = timezone.now()
    late = _receive(desk, due_at=now - dt.timedelta(days=2), submitted_at=now - dt.timedelta(3))
    waiting = _receive(
        desk,
        status=Status.NEW,
        received_at=None,
        due_at=None,
        channel="online",
        submitted_at=now - dt.timedelta(hours=1),
    )
    soon = _receive(desk, due_at=now - dt.timedelta(hours=1), submitted_at=now - dt.timedelta(2))
    codes = [late.code, waiting.code, soon.code]
    today = desk.get("/mot-cua/", {"hang": "today"}).content.decode()
    # Late first, then the next due; a dossier without a due date yet after them.
    assert _codes(today, codes) == [late.code, soon.code, waiting.code]
    found = desk.get("/mot-cua/", {"hang": "today", "q": "lo thi hoa"}).content.decode()
    assert _codes(found, codes) == [waiting.code, soon.code, late.code]  # newest first


def test_the_queue_pages_on(officer, procedures, login):
    desk = login(officer)
    first = _receive(desk)
    for number in range(2, 53):
        copy = Dossier.objects.get(pk=first.pk)
        copy.pk = None
        copy.code = f"{first.code[:-4]}{number:04d}"
        copy.lookup_key = f"K{number:05d}"
        copy.idempotency_key = None
        copy.save()
    one = desk.get("/mot-cua/", {"hang": "all_open"}).content.decode()
    assert 'href="?hang=all_open&amp;page=2"' in one
    two = desk.get("/mot-cua/", {"hang": "all_open", "page": "2"}).content.decode()
    assert len(re.findall(r'href="/mot-cua/ho-so/', two)) == 2


def test_the_queue_is_tabs_of_links_and_a_table_that_stacks_on_a_phone(officer, procedures, login):
    desk = login(officer)
    _receive(desk)
    html = desk.get("/mot-cua/", {"hang": "all_open"}).content.decode()
    current = re.findall(r'<li class="govuk-tabs__list-item([^"]*)"><a [^>]*>', html)
    assert len(current) == 9 and current.count(" govuk-tabs__list-item--selected") == 1
    assert 'href="?hang=all_open" aria-current="page">Đang giải quyết' in html
    table = html[html.index('<table class="govuk-table xaso-table--stack">') :]
    cells = re.findall(r"<td [^>]*>", table[: table.index("</table>")])
    assert len(cells) == 7 and all("data-label=" in cell for cell in cells)
