"""Pages for reception sessions, dialogues with follow-ups, and the period statistics
with its XLSX export — all through HTTP."""

import datetime as dt
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from xaso.petitions.models import Dialogue, DialogueAction, ReceptionSession


def test_record_session(login, reception, officer):
    assert login(officer).get("/don-thu/tiep-cong-dan/buoi-tiep/").status_code == 403
    client = login(reception)
    assert client.get("/don-thu/tiep-cong-dan/buoi-tiep/").status_code == 200
    response = client.post(
        "/don-thu/tiep-cong-dan/buoi-tiep/",
        {"date": "02/03/2026", "host_is_chairman": "on", "matters": "Đường vào bản hỏng"},
    )
    assert response.status_code == 302
    session = ReceptionSession.objects.get()
    assert session.date == dt.date(2026, 3, 2) and session.host == reception
    assert session.host_is_chairman
    assert "Đường vào bản hỏng" in client.get("/don-thu/tiep-cong-dan/").content.decode()


def test_session_needs_a_date(login, reception):
    response = login(reception).post("/don-thu/tiep-cong-dan/buoi-tiep/", {"date": "x"})
    assert response.status_code == 200 and not ReceptionSession.objects.exists()


def test_dialogue_with_follow_ups(login, reception, statistician, village):
    client = login(reception)
    assert client.get("/don-thu/tiep-cong-dan/doi-thoai/").status_code == 200
    response = client.post(
        "/don-thu/tiep-cong-dan/doi-thoai/",
        {
            "village": village.pk,
            "date": "05/03/2026",
            "topic": "Nước sinh hoạt",
            "actions": "Sửa đường ống; 15/03/2026\n\nHọp lại với bản",
        },
    )
    assert response.status_code == 302
    dialogue = Dialogue.objects.get()
    actions = list(dialogue.actions.order_by("pk"))
    assert [a.description for a in actions] == ["Sửa đường ống", "Họp lại với bản"]
    assert actions[0].due_date == dt.date(2026, 3, 15) and actions[1].due_date is None
    page = client.get("/don-thu/tiep-cong-dan/").content.decode()
    assert "Nước sinh hoạt" in page and "Đánh dấu đã xong" in page

    url = f"/don-thu/tiep-cong-dan/viec/{actions[0].pk}/xong/"
    assert login(statistician).post(url).status_code == 403
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    actions[0].refresh_from_db()
    assert actions[0].done_at is not None
    assert DialogueAction.objects.filter(done_at__isnull=True).count() == 1
    assert client.post("/don-thu/tiep-cong-dan/viec/999999/xong/").status_code == 404


def test_dialogue_bad_due_date(login, reception, village):
    response = login(reception).post(
        "/don-thu/tiep-cong-dan/doi-thoai/",
        {"village": village.pk, "date": "05/03/2026", "topic": "T", "actions": "Việc; 31/02"},
    )
    assert response.status_code == 200 and not Dialogue.objects.exists()


@pytest.fixture
def activity(receive, reception, chairman, village):
    """Four petitions and one duplicate; one accepted long ago and concluded now (late),
    one accepted and concluded now (on time), one forwarded, one pending."""
    from xaso.petitions import services

    late = receive()
    services.petition_transition(
        actor=reception, petition=late, action="accept", at=late.received_at
    )
    services.petition_transition(actor=chairman, petition=late, action="conclude", answer="A")
    on_time = receive(summary="Đền bù đường", id_number="014095000002")
    services.petition_transition(actor=reception, petition=on_time, action="accept")
    services.petition_transition(actor=chairman, petition=on_time, action="conclude", answer="B")
    forwarded = receive(kind="recommendation", channel="post", id_number="014095000003")
    services.petition_transition(
        actor=reception,
        petition=forwarded,
        action="forward",
        reason="Không thuộc thẩm quyền",
        forwarded_to="UBND tỉnh",
    )
    receive(kind="denunciation", id_number="014095000004", assigned_to=reception)
    duplicate = receive()
    assert duplicate.duplicate_of_id == late.pk
    dialogue = services.dialogue_record(
        actor=reception,
        org_unit=late.org_unit,
        village=village,
        date=dt.date(2026, 3, 5),
        topic="Nước",
        actions=[("Việc 1", None, None), ("Việc 2", None, None)],
    )
    services.dialogue_action_done(actor=reception, action=dialogue.actions.first())


def test_statistics_page(login, statistician, activity):
    today = timezone.localdate()
    query = {"start": "01/01/2026", "end": f"{today:%d/%m/%Y}"}
    response = login(statistician).get("/don-thu/thong-ke/", query)
    assert response.status_code == 200
    stats = response.context["stats"]
    rows = {str(label): (counts, total) for label, counts, total in stats["rows"]}
    assert rows["Khiếu nại"] == ([2, 0, 0, 0], 2)
    assert rows["Tố cáo"] == ([1, 0, 0, 0], 1)
    assert rows["Kiến nghị"] == ([0, 1, 0, 0], 1)
    assert stats["received"] == 4 and stats["channel_totals"] == [3, 1, 0, 0]
    assert stats["accepted"] == 2
    assert (stats["resolved_on_time"], stats["resolved_late"]) == (1, 1)
    assert stats["forwarded"] == 1 and stats["pending"] == 1
    assert stats["dialogues"] == 1 and stats["followups_done"] == 1
    html = response.content.decode()
    assert "Lò Văn Tố" not in html
    assert "Kỳ báo cáo từ 01/01/2026" in html

    # A period before anything happened counts nothing.
    empty = login(statistician).get(
        "/don-thu/thong-ke/", {"start": "01/01/2025", "end": "31/12/2025"}
    )
    assert empty.context["stats"]["received"] == 0


def test_statistics_export(login, statistician, officer, activity):
    today = timezone.localdate()
    query = {"start": "01/01/2026", "end": f"{today:%d/%m/%Y}"}
    assert login(officer).get("/don-thu/thong-ke/xlsx/", query).status_code == 403
    response = login(statistician).get("/don-thu/thong-ke/xlsx/", query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "thong-ke-don-thu-20260101-" in response["Content-Disposition"]
    ws = load_workbook(BytesIO(response.content)).active
    values = [list(row) for row in ws.iter_rows(values_only=True)]
    assert "01/01/2026" in values[0][0]
    assert values[2][0] == "Loại đơn" and values[2][-1] == "Tổng số"
    assert values[3] == ["Khiếu nại", 2, 0, 0, 0, 2]
    summary = {row[0]: row[1] for row in values[9:] if row and row[0]}
    assert summary["Giải quyết đúng hạn"] == 1 and summary["Giải quyết quá hạn"] == 1
    assert summary["Việc sau đối thoại đã hoàn thành"] == 1
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$3:$3"
    book = load_workbook(BytesIO(response.content))
    assert ws.title == "Thống kê đơn thư" and book.properties.title == values[0][0]
    assert book.properties.creator == "xaso"
    assert ws["A3"].font.name == "Times New Roman" and ws["A3"].font.b


def test_statistics_default_period_and_bad_period(login, statistician):
    client = login(statistician)
    page = client.get("/don-thu/thong-ke/")
    assert page.status_code == 200
    assert page.context["stats"]["start"] == timezone.localdate().replace(month=1, day=1)
    bad = client.get("/don-thu/thong-ke/", {"start": "31/12/2026", "end": "01/01/2026"})
    assert bad.status_code == 200 and bad.context["form"].errors
