"""Long Hẹ's demo dossiers (xaso.onestop.demo): the Congress report's 99 dossiers of its
own period, 01/7/2025 to the report date the demo states (``seed.demo.REPORT_DATE``) —
15 online, 84 direct, mostly civil status and certification — made through the real
services and marked demo."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from xaso.core.identity import check_personal_id
from xaso.core.models import AuditEntry, OrgUnit
from xaso.core.vietnamese import LOCAL_TZ
from xaso.onestop import indicators
from xaso.onestop.demo import create_demo_dossiers, tiny_pdf
from xaso.onestop.models import Dossier, DossierDocument, DossierEvent, Status
from xaso.seed import demo
from xaso.seed.demo import REPORT_DATE

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^03763-(\d{6})-(\d{4})$")


@pytest.fixture
def dossiers(procedures):
    demo.create_demo_accounts()
    assert create_demo_dossiers(report_date=REPORT_DATE, today=dt.date(2026, 1, 15)) == 99
    return Dossier.objects.select_related("procedure")


def test_the_report_s_99_dossiers_15_online_84_direct_all_demo(dossiers):
    assert dossiers.count() == 99
    assert dossiers.filter(channel=Dossier.Channel.ONLINE).count() == 15
    assert dossiers.filter(channel=Dossier.Channel.DIRECT).count() == 84
    assert not dossiers.filter(is_demo=False).exists()
    assert set(dossiers.values_list("org_unit__code", flat=True)) == {"03763-TTPVHCC"}
    assert all(d.applicant_name.startswith("Công dân demo ") for d in dossiers)
    # Online only where the catalogue allows it.
    assert not dossiers.filter(channel="online", procedure__online_level="none").exists()


def test_statistics_count_99_received_and_99_resolved(dossiers):
    longhe = OrgUnit.objects.get(code="03763")
    stats = indicators.statistics(longhe, dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    total = stats.total
    assert (total.online, total.direct, total.carried_over) == (15, 84, 0)
    assert total.received == 99
    assert total.resolved == 99
    assert total.in_progress == 0
    # Most on time, some early, a couple late: every column of form II.06a has data.
    assert total.late == 2
    assert total.early > 0
    assert total.on_time > total.early + total.late
    by_field = {row.label: row.received for row in stats.by_field}
    assert by_field["Hộ tịch"] + by_field["Chứng thực"] > 99 / 2
    # All received within the report's period, on working days in office hours.
    received = [d.received_at for d in dossiers]
    assert min(received).date() >= dt.date(2025, 7, 1)
    assert max(received) < dt.datetime(2025, 10, 1, tzinfo=dt.UTC)
    # The report's own period, 01/7/2025 to the report date: exactly its figures.
    own = indicators.statistics(longhe, dt.date(2025, 7, 1), REPORT_DATE).total
    assert (own.received, own.online, own.direct, own.carried_over) == (99, 15, 84, 0)
    # "tiếp nhận và giải quyết được 99 hồ sơ": all resolved and returned by the report date.
    assert (own.resolved, own.in_progress) == (99, 0)
    period_end = dt.datetime.combine(REPORT_DATE + dt.timedelta(days=1), dt.time.min, LOCAL_TZ)
    assert all(d.returned_at < period_end for d in dossiers)


def test_every_dossier_was_resolved_and_returned_through_the_services(dossiers):
    assert set(dossiers.values_list("status", flat=True)) == {Status.RETURNED}
    for dossier in dossiers:
        actions = [e.action for e in dossier.events.all()]
        expected = ["intake", "receive"] if dossier.channel == "online" else ["intake"]
        if dossier.fee_amount:
            expected.append("pay")
        expected += ["transfer", "complete", "return_result"]
        assert actions == expected, dossier.code
        moments = [e.at for e in dossier.events.all()]
        assert moments == sorted(moments), dossier.code
        assert dossier.submitted_at <= dossier.received_at < dossier.done_at
        assert dossier.done_at <= dossier.returned_at
        assert dossier.received_by.username == "motcua"
        assert dossier.assigned_to.username == "tuphap"
        if dossier.fee_amount:
            assert dossier.paid_at is not None and dossier.receipt_number
        assert check_personal_id(
            dossier.applicant_id_number, birth_date=dossier.applicant_birth_date
        ).ok
        assert dossier.applicant_id_number.startswith("014")
    online = dossiers.filter(channel="online")
    assert all(d.submitted_at < d.received_at for d in online)
    assert AuditEntry.objects.filter(action="dossier_intake").count() == 99
    assert AuditEntry.objects.filter(action="dossier_return_result").count() == 99
    assert DossierEvent.objects.filter(action="complete").count() == 99


def test_documents_results_fees_and_ratings(dossiers):
    results = DossierDocument.objects.filter(kind="result")
    assert results.count() == 99 and not results.filter(digitised=False).exists()
    inputs = DossierDocument.objects.filter(kind="input")
    for dossier in dossiers:
        required = [d for d in dossier.procedure.required_documents if d.get("required")]
        assert dossier.documents.filter(kind="input").count() == len(required)
    # A few dossiers have a document not scanned: the indicator is below 100 %.
    assert 0 < inputs.filter(digitised=False).count() < 10
    document = inputs.first()
    with document.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    longhe = OrgUnit.objects.get(code="03763")
    measures = {
        i.key: i
        for i in indicators.indicators_766(longhe, dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    }
    assert 90 < measures["digitised"].value < 100
    assert measures["results"].value == 100
    assert measures["satisfaction"].denominator > 0
    assert measures["satisfaction"].value >= 75
    paid = dossiers.filter(fee_amount__gt=0)
    assert paid.count() > 30  # certification and extracts are charged
    assert dossiers.filter(rating__isnull=False).count() > 10
    assert set(dossiers.exclude(rating=None).values_list("rating", flat=True)) <= {3, 4, 5}


def test_mostly_civil_status_and_certification(dossiers):
    fields = Counter(dossiers.values_list("procedure__field", flat=True))
    assert fields["Hộ tịch"] + fields["Chứng thực"] > sum(fields.values()) / 2
    codes = Counter(dossiers.values_list("procedure__code", flat=True))
    assert codes.most_common(1) == [("2.000815", 40)]  # chứng thực bản sao
    assert codes["1.001193"] == 22


def test_codes_are_unique_and_well_formed(dossiers):
    codes = list(dossiers.values_list("code", "submitted_at"))
    assert len({code for code, _ in codes}) == 99
    per_day = Counter()
    for code, submitted in codes:
        match = CODE.match(code)
        assert match, code
        local = submitted.astimezone(dt.timezone(dt.timedelta(hours=7)))
        assert match.group(1) == f"{local:%y%m%d}", code
        per_day[match.group(1)] += 1
    # Numbers run 0001, 0002 … per day with no gap.
    for day, n in per_day.items():
        numbers = sorted(int(c[-4:]) for c, _ in codes if c[6:12] == day)
        assert numbers == list(range(1, n + 1))


def test_a_second_call_does_nothing_and_the_data_is_deterministic(dossiers):
    before = list(dossiers.order_by("code").values_list("code", "procedure__code", "channel"))
    audit = AuditEntry.objects.count()
    assert create_demo_dossiers(report_date=REPORT_DATE, today=dt.date(2026, 1, 15)) == 0
    assert AuditEntry.objects.count() == audit
    assert list(dossiers.order_by("code").values_list("code", "procedure__code", "channel")) == (
        before
    )


def test_refuses_a_today_inside_the_simulated_period(procedures):
    demo.create_demo_accounts()
    with pytest.raises(ValueError, match="today"):
        create_demo_dossiers(report_date=REPORT_DATE, today=dt.date(2025, 9, 1))
    assert not Dossier.objects.exists()


def test_tiny_pdf_is_a_pdf():
    body = tiny_pdf("Giấy khai sinh (bản chính)")
    assert body.startswith(b"%PDF-1.4") and body.endswith(b"%%EOF\n")
    assert b"GIAY KHAI SINH \\(BAN CHINH\\)" in body
    assert b"DU LIEU DEMO" in body
