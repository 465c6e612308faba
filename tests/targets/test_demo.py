"""Demo values of the targets (xaso.targets.demo): the leader's dashboard opens on
evaluated targets — đạt, chưa đạt, projections, "có nguy cơ không đạt" — from values
entered, submitted and approved through the services, every one marked demo and shown
as such, never where the report gives the figure."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from xaso.core.models import AuditEntry, OrgUnit, User
from xaso.targets import demo, selectors, services
from xaso.targets.evaluation import Status
from xaso.targets.models import DataValue

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def values(resolution, demo_accounts):
    entered, pending = demo.create_demo_values(today=TODAY)
    assert entered > 40 and pending == 6
    return DataValue.objects.select_related("measure", "org_unit")


def test_entered_submitted_and_approved_by_the_demo_accounts_all_marked_demo(values):
    assert not values.filter(is_demo=False).exists()
    assert set(values.values_list("year", flat=True)) == {2025, 2026}
    assert set(values.values_list("entered_by__username", flat=True)) == {"thongke"}
    approved = values.filter(status=DataValue.Status.APPROVED)
    assert set(approved.values_list("approved_by__username", flat=True)) == {"lanhdao"}
    waiting = values.exclude(status=DataValue.Status.APPROVED)
    assert set(waiting.values_list("status", "measure__code", "year")) == {
        ("submitted", "XD3b", 2026)
    }
    assert selectors.pending_approvals(User.objects.get(username="lanhdao")) == 6
    assert AuditEntry.objects.filter(action="value_approve").count() == approved.count()
    # Several bản and the commune.
    units = set(values.values_list("org_unit__code", flat=True))
    assert "03763" in units and len([u for u in units if "-B" in u]) >= 6


def test_never_where_the_report_gives_the_figure(values):
    for v in values:
        m = v.measure
        assert not (m.baseline is not None and v.year == m.baseline_year), (m.code, v.year)
    # The report's figures stay the baselines, unchanged.
    xh4 = values.filter(measure__code="XH4").get()
    assert (xh4.year, xh4.measure.baseline) == (2026, Decimal(98))


def test_the_dashboard_shows_met_not_met_projections_and_at_risk(values):
    longhe = OrgUnit.objects.get(code="03763")
    resolution = selectors.resolution_for(longhe)
    targets = [t for g in selectors.evaluate_targets(resolution, longhe) for t in g.targets]
    assert any(t.status == Status.MET for t in targets)
    assert any(t.status == Status.NOT_MET for t in targets)
    assert any(t.at_risk for t in targets)
    measures = {m.measure.code: m for t in targets for m in t.measures}
    assert measures["KT5"].evaluation.projected is not None and measures["KT5"].evaluation.at_risk
    assert measures["XH3"].evaluation.projected is not None
    assert not measures["XH3"].evaluation.at_risk  # on course
    assert measures["XH8"].evaluation.status == Status.NOT_MET
    assert measures["XD4"].evaluation.status == Status.MET
    # Figures from demo values say so; the report's baselines are not demo.
    assert all(p.demo for p in measures["KT5"].evaluation.periods if p.actual is not None)
    assert measures["XD3b"].cells[0].partial is not None and measures["XD3b"].cells[0].demo


def test_pages_exports_and_api_say_demo_beside_demo_figures(values, login):
    boss = login(User.objects.get(username="lanhdao"))
    dashboard = boss.get("/chi-tieu/?don_vi=03763").content.decode()
    assert dashboard.count('">demo</span>') >= 15  # beside each figure from demo values
    assert "Số liệu demo" in dashboard and "có nguy cơ không đạt" in dashboard
    detail = boss.get("/chi-tieu/social/4/?don_vi=03763").content.decode()  # XH4
    assert 'class="demo-badge"' in detail and "Đường thực hiện vẽ từ số liệu demo" in detail
    assert "Cấp thẻ BHYT cho nhân dân đạt 98%" in detail  # the report's figure, as quoted
    village = boss.get("/chi-tieu/social/3/?don_vi=03763&nam=2026").content.decode()  # XH3
    assert village.count('">demo</span>') >= 6 + 2  # the bản breakdown too
    status = boss.get("/api/v1/targets/status?org_unit=03763").json()
    periods = [p for t in status for m in t["measures"] for p in m["periods"]]
    assert any(p["demo"] for p in periods) and not any(
        p["demo"] for p in periods if p["actual"] is None
    )
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(boss.get("/chi-tieu/xuat.xlsx?don_vi=03763").content))
    comments = [c.comment.text for row in sheet.active.iter_rows() for c in row if c.comment]
    assert any("Số liệu demo" in text for text in comments)
    # Printed too: " (demo)" after each demo figure, explained in a note under the table.
    cells = [c for row in sheet.active.iter_rows() for c in row]
    demo_cells = [c for c in cells if "(demo)" in c.number_format]
    noted = [c for c in cells if c.comment and "Số liệu demo" in c.comment.text]
    assert demo_cells == noted and demo_cells
    assert all(isinstance(c.value, int | float) for c in demo_cells)  # still numbers
    assert all(c.number_format.endswith('" (demo)"') for c in demo_cells)
    last = sheet.active.max_row
    [note] = [c for c in cells if isinstance(c.value, str) and c.value.startswith("Ghi chú:")]
    assert note.value == (
        "Ghi chú: “(demo)”: Số liệu demo (dữ liệu mẫu), không phải số liệu của báo cáo hay của xã."
    )
    assert note.row == last and note.font.i
    assert sheet.active.print_area.endswith(f"${last}")  # printed with the table


def test_runs_again_without_duplicates_and_tops_up_a_new_year(values):
    count = values.count()
    assert demo.create_demo_values(today=TODAY) == (0, 0)
    assert DataValue.objects.count() == count
    entered, pending = demo.create_demo_values(today=dt.date(2027, 1, 20))
    assert entered > 0 and pending == 6
    # Only the last year's wait for the leader: the earlier run's are approved now.
    waiting = DataValue.objects.filter(status=DataValue.Status.SUBMITTED)
    assert waiting.count() == 6 and set(waiting.values_list("year", flat=True)) == {2027}
    assert demo.create_demo_values(today=dt.date(2027, 1, 20)) == (0, 0)
    assert set(DataValue.objects.filter(year=2027).values_list("is_demo", flat=True)) == {True}
    assert DataValue.objects.count() == count + entered


def test_an_official_s_value_is_never_overwritten_and_one_entered_over_demo_is_theirs(
    resolution, demo_accounts
):
    longhe = OrgUnit.objects.get(code="03763")
    officer = User.objects.get(username="thongke")
    kt5 = resolution.groups.get(code="economic").targets.get(number=5).measures.get()
    [own] = services.values_enter(
        actor=officer,
        org_unit=longhe,
        year=2025,
        entries=[services.Entry(measure=kt5, value=Decimal("15.2"))],
    )
    assert not own.is_demo
    demo.create_demo_values(today=TODAY)
    own.refresh_from_db()
    assert (own.value, own.is_demo) == (Decimal("15.2"), False)
    demo_2026 = DataValue.objects.get(measure=kt5, year=2026)
    assert demo_2026.is_demo
    leader = User.objects.get(username="lanhdao")
    services.value_reopen(actor=leader, value=demo_2026, reason="Số liệu thật của xã")
    [mine] = services.values_enter(
        actor=officer,
        org_unit=longhe,
        year=2026,
        entries=[services.Entry(measure=kt5, value=Decimal("16"))],
    )
    assert mine.pk == demo_2026.pk and not mine.is_demo
