"""Party dues (issue 12): the amount due by the rule of the month's day (Quy định
342-QĐ/TW, then 01-QĐ/TW from 03/02/2026), never negative, whole đồng; a cell's month
recorded in one form, its collection and the share it keeps; the late payers flagged,
never removed; the member-file rule on every page and call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from xaso.core.models import AuditEntry
from xaso.party import dues, dues_selectors
from xaso.party.models import DuesPayment

BEFORE = dt.date(2026, 1, 1)  # under Quy định 342-QĐ/TW
AFTER = dt.date(2026, 3, 1)  # under Quy định 01-QĐ/TW
months = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2040, 12, 1)).map(
    lambda d: d.replace(day=1)
)
bases = st.integers(min_value=0, max_value=1_000_000_000).map(Decimal)


@given(kind=st.sampled_from(["insured", "pensioner", "student", "other"]), base=bases, month=months)
def test_a_due_is_whole_dong_and_never_below_the_minimum(kind, base, month):
    due = dues.amount_due(kind, base, month)
    assert due is not None and due >= 4000
    assert due == due.to_integral_value()


@given(base=st.integers(min_value=400_001, max_value=1_000_000_000).map(Decimal))
def test_the_percentages_round_half_up(base):
    assert dues.amount_due("insured", base, AFTER) == (base / 100).quantize(
        Decimal(1), rounding="ROUND_HALF_UP"
    )
    pension = dues.amount_due("pensioner", base * 2, AFTER)
    assert pension == max(Decimal(4000), (base * 2 / 200).quantize(Decimal(1), "ROUND_HALF_UP"))


@given(month=months)
def test_the_rule_follows_the_date(month):
    student = dues.amount_due("student", None, month)
    # 01-QĐ/TW from 03/02/2026: a month is judged on its last day, so February is new.
    assert student == (Decimal(5000) if month >= dt.date(2026, 2, 1) else Decimal(4000))


def test_the_examples_and_the_missing_rules():
    assert dues.amount_due("insured", Decimal(5_555_550), AFTER) == Decimal(55_556)  # 55.555,5
    assert dues.amount_due("insured", Decimal(5_555_549), AFTER) == Decimal(55_555)
    assert dues.amount_due("pensioner", Decimal(3_000_000), BEFORE) == Decimal(15_000)
    assert dues.amount_due("insured", None, AFTER) is None  # no base: no due, never zero
    assert dues.amount_due("student", None, dt.date(2005, 1, 1)) is None  # no rule that day


@given(collected=st.integers(min_value=0, max_value=10**12).map(Decimal), month=months)
def test_the_split_keeps_every_dong(collected, month):
    kept, up = dues.split(collected, month)
    assert kept >= 0 and up >= 0 and kept + up == collected


@pytest.fixture
def people(new_member):
    return {
        "duc": new_member(full_name="Lò Văn Đức"),
        "huong": new_member(full_name="Đặng Thị Hường", gender="female"),
        "son": new_member(code="03763-CB02", full_name="Cà Văn Sơn"),
    }


@pytest.mark.django_db
def test_a_cells_month_recorded_in_one_form(people, party_office, login):
    client = login(party_office)
    duc, huong = people["duc"], people["huong"]
    made = client.post(
        f"/api/v1/party/members/{duc.pk}/dues-basis",
        {"income_kind": "insured", "base": 6_000_000, "valid_from": "2026-01-01"},
        content_type="application/json",
    )
    assert made.status_code == 200, made.content
    page = client.post(
        f"/dang/dang-vien/{huong.pk}/dang-phi/",
        {"income_kind": "other", "valid_from": "01/01/2026"},
    )
    assert page.status_code == 302
    form = client.get("/dang/dang-phi/ghi/?chi_bo=03763-CB01&thang=2026-03").content.decode()
    assert "60.000 đồng" in form and "Lò Văn Đức" in form and "chưa xác nhận" in form
    posted = client.post(
        "/dang/dang-phi/ghi/?chi_bo=03763-CB01&thang=2026-03",
        {"paid_on": "10/03/2026", "method": "cash", f"m{duc.pk}": "60000", f"m{huong.pk}": ""},
    )
    assert posted.status_code == 302
    month = client.get("/api/v1/party/dues?cell=03763-CB01&month=2026-03").json()
    lines = {line["full_name"]: line for line in month["lines"]}
    assert (lines["Lò Văn Đức"]["due"], lines["Lò Văn Đức"]["paid"]) == (60_000, 60_000)
    assert (lines["Đặng Thị Hường"]["due"], lines["Đặng Thị Hường"]["missing"]) == (4000, 4000)
    assert (month["due"], month["collected"], month["missing"]) == (64_000, 60_000, 4000)
    assert (month["kept"], month["passed_up"], month["keep_share_confirmed"]) == (
        18_000,
        42_000,
        False,
    )
    page = client.get("/dang/dang-phi/?chi_bo=03763-CB01&thang=2026-03").content.decode()
    assert "64.000 đồng" in page and "18.000 đồng" in page and "chưa xác nhận" in page
    # The same month again corrects the row; the audit log keeps before and after.
    client.post(
        "/api/v1/party/dues/payments",
        {
            "cell": "03763-CB01",
            "month": "2026-03",
            "payments": [
                {"member_id": duc.pk, "amount": 61000, "paid_on": "2026-03-12", "method": "portal"}
            ],
        },
        content_type="application/json",
    )
    assert DuesPayment.objects.get(member=duc).amount == 61_000
    entry = AuditEntry.objects.filter(action="party_dues_payment").latest("seq")
    assert entry.changes["amount"] == ["60000", "61000"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payment", "field"),
    [
        ({"amount": 0}, "amount"),
        ({"amount": 10**10}, "amount"),
        ({"amount": 1.5}, "amount"),
        ({"paid_on": "2999-01-01"}, "paid_on"),
        ({"paid_on": "2026-02-30"}, "paid_on"),
        ({"method": "bank"}, "method"),
        ({"member_id": 999999}, "member_id"),
    ],
)
def test_bad_payments_are_refused_and_nothing_is_saved(people, party_office, login, payment, field):
    good = {
        "member_id": people["huong"].pk,
        "amount": 4000,
        "paid_on": "2026-03-10",
        "method": "cash",
    }
    bad = {**good, "member_id": people["duc"].pk, **payment}
    response = login(party_office).post(
        "/api/v1/party/dues/payments",
        {"cell": "03763-CB01", "month": "2026-03", "payments": [good, bad]},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert field in response.json()["detail"][0]["field"]
    assert not DuesPayment.objects.exists()


@pytest.mark.django_db
def test_a_member_of_another_cell_or_a_future_month_is_refused(people, party_office):
    row = {
        "member": people["son"],
        "amount": 4000,
        "paid_on": dt.date(2026, 3, 10),
        "method": "cash",
    }
    with pytest.raises(ValidationError, match="payments"):
        dues.payments_record(
            actor=party_office, cell=people["duc"].org_unit, month=AFTER, payments=[row]
        )
    with pytest.raises(ValidationError, match="month"):
        dues.payments_record(
            actor=party_office,
            cell=people["son"].org_unit,
            month=dt.date(2999, 1, 1),
            payments=[row],
        )


@pytest.mark.django_db
def test_late_payers_are_flagged_from_three_months(people, party_office, login):
    for member in people.values():
        dues.basis_set(actor=party_office, member=member, income_kind="other", valid_from=BEFORE)
    # Đức pays every month to June, Hường January only, Sơn nothing.
    for n in range(1, 7):
        rows = [
            {
                "member": people["duc"],
                "amount": 5000,
                "paid_on": dt.date(2026, n, 5),
                "method": "cash",
            }
        ]
        if n == 1:
            rows.append(
                {
                    "member": people["huong"],
                    "amount": 4000,
                    "paid_on": dt.date(2026, 1, 5),
                    "method": "cash",
                }
            )
        dues.payments_record(
            actor=party_office,
            cell=people["duc"].org_unit,
            month=dt.date(2026, n, 1),
            payments=rows,
        )
    payers, rule = dues_selectors.late_payers(
        party_office, people["duc"].org_unit.parent, 2026, today=dt.date(2026, 4, 15)
    )
    found = {p.member.full_name: (len(p.months), p.flagged) for p in payers}
    assert found == {"Cà Văn Sơn": (3, True), "Đặng Thị Hường": (2, False)}
    assert rule.value == 3
    client = login(party_office)
    late = client.get("/api/v1/party/dues/late?org_unit=03763&year=2026").json()
    assert {p["full_name"] for p in late if p["flagged"]} >= {"Cà Văn Sơn"}
    page = client.get("/dang/dang-phi/cham-nop/?nam=2026").content.decode()
    assert "cần chi bộ xem xét" in page and "không tự xóa tên" in page
    people["son"].refresh_from_db()
    assert people["son"].status == "official"  # flagged, never removed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"income_kind": "insured", "valid_from": "2026-01-01"}, "base"),
        ({"income_kind": "farmer", "valid_from": "2026-01-01"}, "income_kind"),
        ({"income_kind": "other", "valid_from": "2999-01-01"}, "valid_from"),
        ({"income_kind": "insured", "base": -5, "valid_from": "2026-01-01"}, "base"),
    ],
)
def test_a_bad_basis_is_refused(people, party_office, login, body, field):
    response = login(party_office).post(
        f"/api/v1/party/members/{people['duc'].pk}/dues-basis",
        body,
        content_type="application/json",
    )
    assert response.status_code == 422 and field in response.json()["detail"][0]["field"]


@pytest.mark.django_db
def test_dues_follow_the_member_file_rule(
    people, party_leader, make_user, longhe, other_leader, login
):
    leader = login(party_leader)
    assert leader.get("/dang/dang-phi/").status_code == 200
    assert "Ghi đảng phí đã nộp" not in leader.get("/dang/dang-phi/").content.decode()
    assert leader.get("/dang/dang-phi/ghi/?chi_bo=03763-CB01").status_code == 403
    officer = login(make_user("thongke_lh", "statistics", longhe))
    for url in ["/dang/dang-phi/", "/dang/dang-phi/cham-nop/"]:
        assert officer.get(url).status_code == 403
    for url in ["/api/v1/party/dues?cell=03763-CB01&month=2026-03", "/api/v1/party/dues/late"]:
        response = officer.get(url)
        assert response.status_code == 403 and "Đức" not in response.content.decode()
    other = login(other_leader)
    assert other.get("/api/v1/party/dues?cell=03763-CB01&month=2026-03").status_code == 404
    assert other.get(f"/dang/dang-vien/{people['duc'].pk}/dang-phi/").status_code == 404


@pytest.mark.django_db
def test_the_demo_dues_are_marked_and_fast(demo_party, party_office):
    from xaso.party import dues_demo

    today = dt.date(2026, 6, 20)
    paid = dues_demo.create_demo_dues(today=today)
    assert paid > 554 * 5
    assert dues_demo.create_demo_dues(today=today) == 0  # the same day adds nothing
    assert not DuesPayment.objects.filter(is_demo=False).exists()
    assert DuesPayment.objects.filter(month=dt.date(2026, 6, 1), paid_on__gt=today).count() == 0
    payers, _rule = dues_selectors.late_payers(party_office, demo_party_unit(), 2026, today=today)
    assert any(p.flagged for p in payers)


def demo_party_unit():
    from xaso.core.models import OrgUnit

    return OrgUnit.objects.get(code="03763-DU")
