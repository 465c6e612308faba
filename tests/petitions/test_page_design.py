"""The petitions pages as people use them (issue 11): one form rendering (error summary,
the message beside the field naming it, required marked, "— Chọn —"), an action shown
only to whom may take it (and refused when forced), history and statuses in words, lists
in the order they are worked, tables that stack on a phone."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from xaso.petitions.models import Petition

RECEIVE_URL = "/don-thu/tiep-nhan/"


def detail(client, petition) -> str:
    return client.get(f"/don-thu/don/{petition.code}/").content.decode()


def action_urls(html: str) -> set[str]:
    """The steps the page offers: the last part of each action form's URL."""
    return set(re.findall(r'<form method="post" action="/don-thu/don/[^/]+/([a-z_]+)/"', html))


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start) : html.index(end, html.index(start))]


# --- one form rendering --------------------------------------------------------------------


def test_receive_form_renders_as_the_online_submission(login, reception):
    html = login(reception).get(RECEIVE_URL).content.decode()
    assert "---------" not in html
    for name in ("kind", "channel", "village"):
        select = section(html, f'name="{name}"', "</select>")
        first = re.search(r"<option[^>]*>([^<]*)</option>", select)
        assert first.group(1) == "— Chọn —", name  # nothing chosen for the official
    # Three parts, each a fieldset with its legend, as the online form has.
    legends = re.findall(r'<legend class="govuk-fieldset__legend[^"]*">([^<]+)</legend>', html)
    assert legends == ["Đơn", "Người gửi", "Tệp đính kèm"]
    # Required fields marked; a help text tied to its field.
    assert re.search(r'for="id_name">Họ và tên người gửi <span aria-hidden="true">\*</span>', html)
    assert re.search(r'for="id_id_number">Số định danh</label>', html)  # optional: no mark
    assert 'id="id_id_number_helptext"' in html
    assert re.search(r'<input[^>]*aria-describedby="id_id_number_helptext"', html)
    assert "form.as_div" not in html and 'class="govuk-input' in html


def test_receive_form_errors_at_the_top_and_beside_each_field(login, reception):
    response = login(reception).post(RECEIVE_URL, {"summary": "", "name": ""})
    assert response.status_code == 200 and not Petition.objects.exists()
    html = response.content.decode()
    summary = section(html, 'class="govuk-error-summary"', "</ul>")
    for field, label in (("kind", "Loại đơn"), ("summary", "Tóm tắt nội dung")):
        assert f'<a href="#id_{field}">{label}: ' in summary
        assert f'id="id_{field}_error"' in html  # the message beside the field, naming it
    assert re.search(r'id="id_name_error">.*Họ và tên người gửi: ', html)
    assert 'class="govuk-select govuk-select--error' in html


def test_session_and_dialogue_forms_render_through_the_one_renderer(login, reception):
    client = login(reception)
    for url in ("/don-thu/tiep-cong-dan/buoi-tiep/", "/don-thu/tiep-cong-dan/doi-thoai/"):
        html = client.get(url).content.decode()
        assert "govuk-form-group" in html and "---------" not in html, url
    html = client.post("/don-thu/tiep-cong-dan/doi-thoai/", {"topic": ""}).content.decode()
    assert '<a href="#id_village">Bản: ' in html and '<a href="#id_topic">Chủ đề: ' in html


def test_the_steps_forms_have_their_own_ids(login, reception, receive):
    petition = receive()
    html = detail(login(reception), petition)
    assert {"accept", "refuse", "forward"} <= action_urls(html)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    assert 'for="refuse-reason"' in html and 'for="forward-reason"' in html
    assert 'for="forward-forwarded_to"' in html and 'for="reclassify-kind"' in html


# --- an action only for whom may take it ---------------------------------------------------


def test_the_statistician_sees_no_action_and_is_refused_when_forcing_one(
    login, statistician, receive
):
    petition = receive(kind="complaint")
    client = login(statistician)
    page = client.get("/don-thu/").content.decode()
    assert RECEIVE_URL not in page  # "Tiếp nhận đơn" would end in "Không có quyền"
    assert "/don-thu/thong-ke/" in page  # what they may do is still there
    html = detail(client, petition)
    assert action_urls(html) == set() and "Không có thao tác." in html
    reception_page = client.get("/don-thu/tiep-cong-dan/").content.decode()
    assert "/buoi-tiep/" not in reception_page and "/doi-thoai/" not in reception_page
    assert client.post(f"/don-thu/don/{petition.code}/accept/").status_code == 403
    assert client.get(RECEIVE_URL).status_code == 403
    petition.refresh_from_db()
    assert petition.status == "received"


def test_a_leader_not_holding_a_denunciation_gets_no_button(login, leader, receive, reception):
    petition = receive(kind="denunciation", assigned_to=reception)
    client = login(leader)
    html = detail(client, petition)
    assert action_urls(html) == set()
    for action in ("accept", "assign", "reclassify"):
        assert client.post(f"/don-thu/don/{petition.code}/{action}/").status_code == 403
    petition.refresh_from_db()
    assert petition.status == "received"


def test_each_holder_sees_their_own_steps(login, reception, chairman, receive):
    from xaso.petitions import services

    petition = receive(kind="complaint")
    assert action_urls(detail(login(reception), petition)) == {
        "accept",
        "refuse",
        "forward",
        "reclassify",
    }
    services.petition_transition(actor=reception, petition=petition, action="accept")
    assert "conclude" not in action_urls(detail(login(reception), petition))
    decider = action_urls(detail(login(chairman), petition))
    assert {"conclude", "assign"} <= decider
    # The law never extends a complaint: no "Gia hạn" for it, and refused when forced.
    assert "extend" not in decider
    login(chairman).post(f"/don-thu/don/{petition.code}/extend/", {"reason": "Phức tạp"})
    petition.refresh_from_db()
    assert petition.extensions == 0


def test_extend_is_offered_while_the_law_allows_one_more(login, reception, chairman, receive):
    from xaso.petitions import services

    petition = receive(kind="denunciation", assigned_to=reception)
    services.petition_transition(actor=reception, petition=petition, action="accept")
    client = login(chairman)
    assert "extend" in action_urls(detail(client, petition))
    for _ in range(2):  # a complex matter once, an especially complex one twice
        client.post(
            f"/don-thu/don/{petition.code}/extend/",
            {"reason": "Phức tạp", "especially_complex": "1"},
        )
    petition.refresh_from_db()
    assert petition.extensions == 2
    assert "extend" not in action_urls(detail(client, petition))
    assert "extend" not in action_urls(detail(login(reception), petition))  # not the decider


# --- words, not codes ----------------------------------------------------------------------


def test_history_and_status_in_words(login, reception, chairman, receive):
    from xaso.petitions import services

    petition = receive(kind="complaint")
    services.petition_reclassify(
        actor=reception, petition=petition, kind="recommendation", reason="Thực chất là kiến nghị"
    )
    services.petition_transition(actor=reception, petition=petition, action="accept")
    html = detail(login(chairman), petition)
    history = section(html, '<ol class="govuk-list xaso-timeline">', "</ol>")
    for words in ("Tiếp nhận", "Phân loại lại", "Khiếu nại → Kiến nghị", "Thụ lý"):
        assert words in history
    assert "→ Đã thụ lý" in history and "→ Đã tiếp nhận" in history
    assert "Lý do: Thực chất là kiến nghị" in history and "Người tiepdan_lh" in history
    for code in ("receive", "reclassify", "accept", "accepted", "complaint", "recommendation"):
        assert not re.search(rf"\b{code}\b", history), code
    assert re.search(r'<strong class="govuk-tag[^"]*">Đã thụ lý</strong>', html)
    listing = login(chairman).get("/don-thu/?ds=all").content.decode()
    assert re.search(r'<strong class="govuk-tag[^"]*">Đã thụ lý</strong>', listing)


# --- lists in the order they are worked ------------------------------------------------------


def _copies(petition, count, **changes):
    """``count`` copies of ``petition`` (new codes), quicker than receiving each."""
    made, stem = [], petition.code[:-4]
    start = Petition.objects.filter(code__startswith=stem).count()
    for n in range(count):
        petition.pk = None
        petition.code = f"{stem}{5000 + start + n:04d}"
        for name, value in changes.items():
            setattr(petition, name, value(n) if callable(value) else value)
        petition.save()
        made.append(petition.code)
    return made


def test_all_is_newest_first_so_todays_petition_is_on_page_one(login, leader, reception, receive):
    from xaso.petitions import services

    old = receive(kind="recommendation", id_number="")
    services.petition_transition(actor=reception, petition=old, action="accept")
    services.petition_transition(actor=reception, petition=old, action="verify")
    old.refresh_from_db()
    # 55 older petitions, some closed (no limit running), some open.
    _copies(old, 30, status="closed", due_at=None)
    _copies(old, 25)
    today = receive(kind="complaint", received_at=timezone.now(), id_number="")
    page = login(leader).get("/don-thu/?ds=all")
    codes = [p.code for p, _who, _late in page.context["rows"]]
    assert codes[0] == today.code


def test_working_lists_most_urgent_first(login, leader, receive):
    now = timezone.now()
    petitions = [receive(kind="complaint", id_number="") for _ in range(4)]
    due = {
        petitions[0]: now - dt.timedelta(days=2),
        petitions[1]: now - dt.timedelta(days=9),  # the latest of all
        petitions[2]: now + dt.timedelta(days=20),
        petitions[3]: now + dt.timedelta(days=1),
    }
    for petition, at in due.items():
        Petition.objects.filter(pk=petition.pk).update(due_at=at)
    client = login(leader)

    def codes(name):
        return [p.code for p, _w, _l in client.get(f"/don-thu/?ds={name}").context["rows"]]

    order = [petitions[i].code for i in (1, 0, 3, 2)]
    assert codes("open") == order
    assert codes("late") == order[:2]
    assert codes("due_soon") == order[2:3]


# --- on a phone, on paper ------------------------------------------------------------------


class _Cells(HTMLParser):
    """Every <td> of the tables that stack on a phone, with its data-label."""

    def __init__(self):
        super().__init__()
        self.depth, self.cells = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            stacked = "xaso-table--stack" in (attrs.get("class") or "")
            self.depth = self.depth + 1 if stacked or self.depth else 0
        elif tag == "td" and self.depth and "colspan" not in attrs:
            self.cells.append(attrs.get("data-label"))

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1


@pytest.mark.parametrize(
    "url", ["/don-thu/?ds=all", "/don-thu/tiep-cong-dan/", "/don-thu/thong-ke/"]
)
def test_tables_stack_on_a_phone_with_a_label_on_every_cell(url, login, reception, receive, longhe):
    from xaso.petitions import services

    receive()
    services.session_record(
        actor=reception,
        org_unit=longhe,
        date=dt.date(2026, 3, 2),
        host=reception,
        host_is_chairman=True,
        matters="Đường",
    )
    parser = _Cells()
    parser.feed(login(reception).get(url).content.decode())
    assert parser.cells and all(parser.cells), parser.cells


def test_a_petition_prints_without_its_actions(login, reception, receive):
    html = detail(login(reception), receive())
    actions = section(html, '<div class="govuk-grid-column-one-third', "</form>")
    assert "xaso-no-print" in actions.split(">", 1)[0]
    assert 'class="govuk-back-link xaso-no-print"' in html
