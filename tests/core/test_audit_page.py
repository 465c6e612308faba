"""The audit log page as a leader reads it: who (full name and username), what (the
action in words), which record (its kind in words), what changed (fields by their names,
values in words, dates dd/mm/yyyy), when (dd/mm/yyyy HH:MM) — and filters by person,
action, kind of record and days, a bad filter named beside its field, never a 500."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from xaso.core import services
from xaso.core.models import AuditEntry, OrgUnit

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", body, flags=re.S)


@pytest.fixture
def renamed(admin):
    """An administrator renames a bản and closes it on a date."""
    unit = OrgUnit.objects.get(code="03763-B11")
    services.org_unit_update(actor=admin, unit=unit, name="Bản Mới", valid_from=dt.date(2025, 7, 2))
    return unit


def test_the_log_reads_in_words_not_codes(admin, leader, login, renamed):
    services.role_grant(actor=admin, user=leader, role="statistics", org_unit=admin.org_unit)
    page = login(leader).get("/nhat-ky/").content.decode()
    row = next(r for r in _rows(page) if "Bản Mới" in r)
    # who: full name and username; what: the action in words; which: the kind in words
    assert f"{admin.full_name} ({admin.username})" in row
    assert "Sửa" in row and ">update<" not in row
    assert "Đơn vị" in row and "core.orgunit" not in row and "#" not in row
    # what changed: the model's field names, dates dd/mm/yyyy
    assert "Tên</span>: — → Bản Mới" in row
    assert "Hoạt động từ</span>:" in row
    assert "<code>" not in row and "name</" not in row
    assert "02/07/2025" in row and "2025-07-02" not in row
    # when: dd/mm/yyyy HH:MM, Viet Nam time
    entry = AuditEntry.objects.filter(object_id=str(renamed.pk), action="update").first()
    assert f"{timezone.localtime(entry.at):%d/%m/%Y %H:%M}" in row
    # no raw action code anywhere on the page
    for code in ("role_grant", "core.orgunit", "core.user", "login_failed"):
        assert code not in page.split("<table", 1)[1]


def test_choice_values_read_by_their_labels(admin, leader, login):
    unit = OrgUnit.objects.get(code="03763-B12")
    services.org_unit_update(actor=admin, unit=unit, kind="school")
    row = next(r for r in _rows(login(leader).get("/nhat-ky/").content.decode()) if "Loại" in r)
    assert "school" not in row and "village" not in row
    assert "Loại</span>: Bản → Trường học" in row


def test_the_filters_offer_words(admin, leader, login, renamed):
    page = login(leader).get("/nhat-ky/").content.decode()
    assert f'<option value="{admin.username}">{admin.full_name} ({admin.username})</option>' in page
    assert '<option value="update">Sửa</option>' in page
    assert '<option value="core.orgunit">Đơn vị</option>' in page


def test_each_filter_narrows_the_log(admin, leader, login, renamed, make_user):
    client = login(leader)
    services.role_grant(actor=admin, user=leader, role="statistics", org_unit=admin.org_unit)

    by_person = _rows(client.get("/nhat-ky/", {"actor": admin.username}).content.decode())
    assert by_person and all(admin.username in r for r in by_person)

    by_action = _rows(client.get("/nhat-ky/", {"action": "role_grant"}).content.decode())
    assert by_action and all("Giao vai trò" in r for r in by_action)
    assert not any("Bản Mới" in r for r in by_action)

    by_type = _rows(client.get("/nhat-ky/", {"object_type": "core.orgunit"}).content.decode())
    assert by_type and all("Đơn vị" in r for r in by_type)

    today = timezone.localdate()
    tomorrow = (today + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    future = client.get("/nhat-ky/", {"since": tomorrow})
    assert future.status_code == 200 and "Không có mục nào." in future.content.decode()
    past = client.get("/nhat-ky/", {"until": "01/01/2000"})
    assert "Không có mục nào." in past.content.decode()
    todays = client.get("/nhat-ky/", {"since": today.strftime("%d/%m/%Y")}).content.decode()
    assert any("Bản Mới" in r for r in _rows(todays))


@pytest.mark.parametrize(
    ("params", "label"),
    [
        ({"since": "31/02/2026"}, "Từ ngày"),
        ({"until": "hôm qua"}, "Đến ngày"),
        ({"since": "05/02/2026", "until": "01/02/2026"}, "Đến ngày"),
        ({"action": "không-có"}, "Thao tác"),
        ({"object_type": "core.khong"}, "Loại đối tượng"),
        ({"actor": "ai-do"}, "Người thực hiện"),
    ],
)
def test_a_bad_filter_is_named_not_a_500(leader, login, params, label):
    response = login(leader).get("/nhat-ky/", params)
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert re.search(rf'<p class="govuk-error-message"[^>]*>.*?{label}:', page, flags=re.S)


def test_a_bad_date_keeps_the_other_filters(admin, leader, login, renamed):
    response = login(leader).get("/nhat-ky/", {"action": "update", "since": "99/99/9999"})
    assert response.status_code == 400
    rows = _rows(response.content.decode())
    assert rows and all("Sửa" in r for r in rows)


def test_the_log_prints_without_the_menu_or_the_filters(leader, login):
    page = login(leader).get("/nhat-ky/").content.decode()
    # the print stylesheet hides header, menu, forms and pagination (core/xaso.css)
    assert 'class="xaso-no-print"' in page or "xaso-no-print" in page
    assert "xaso-table--stack" in page and 'data-label="Thời điểm"' in page


def test_linked_records_are_named_in_one_query_per_kind(admin, leader, login):
    """A page of entries linking many records reads their names together: the page costs
    the same number of queries whether it links two units or twenty."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xaso.core import audit

    client = login(leader)
    client.get("/nhat-ky/")
    units = list(OrgUnit.objects.filter(kind="village").order_by("code")[:22])
    linked = iter(units)

    def page_queries(count: int) -> int:
        named = []
        for _ in range(count):
            unit = next(linked)
            audit.record(
                actor=admin, action="update", obj=unit, changes={"successor_id": [None, unit.pk]}
            )
            named.append(unit.display_name)
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/nhat-ky/").content.decode()
        for name in named:
            assert f"</span>: — → {name}</li>" in page
        return len(queries)

    assert page_queries(2) == page_queries(20)
