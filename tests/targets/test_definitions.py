"""Definitions are data: the administrator edits them, every version is in the audit log,
and another commune enters its own resolution."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xaso.core.models import AuditEntry
from xaso.targets.models import DataValue, Measure, Resolution, Target

pytestmark = pytest.mark.django_db


def _measure_form(measure: Measure, **changes) -> dict:
    data = {
        f: getattr(measure, f)
        for f in (
            "code",
            "position",
            "name",
            "unit",
            "kind",
            "level_unit",
            "numerator_label",
            "denominator_label",
            "comparator",
            "applies",
            "baseline_year",
            "baseline_source",
            "baseline_quote",
            "baseline_note",
            "disaggregation",
            "data_source",
            "decimals",
            "note",
        )
    }
    data.update(
        {
            "target_value": str(measure.target_value).replace(".", ","),
            "responsible_office": measure.responsible_office_id,
            "baseline_value": "" if measure.baseline_value is None else str(measure.baseline_value),
        }
    )
    if measure.additive:
        data["additive"] = "on"
    data.update(changes)
    return {k: ("" if v is None else v) for k, v in data.items()}


def test_the_administrator_edits_a_measure_and_the_log_keeps_both_versions(
    resolution, admin, login
):
    measure = Measure.objects.get(code="KT5")
    response = login(admin).post(
        f"/chi-tieu/dinh-nghia/thanh-phan/{measure.pk}/", _measure_form(measure, target_value="25")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    measure.refresh_from_db()
    assert measure.target_value == Decimal(25)
    entry = AuditEntry.objects.filter(object_type="targets.measure", action="update").get()
    assert entry.changes["target_value"] == ["20.0000", "25.0000"]


def test_a_bad_definition_is_refused_with_the_field_named(resolution, admin, login):
    measure = Measure.objects.get(code="KT2")
    response = login(admin).post(
        f"/chi-tieu/dinh-nghia/thanh-phan/{measure.pk}/", _measure_form(measure, target_value="abc")
    )
    assert response.status_code == 400
    assert "Giá trị mục tiêu:" in response.content.decode()
    measure.refresh_from_db()
    assert measure.target_value == Decimal(7)


def test_only_the_administrator_of_the_commune_edits_definitions(
    resolution, leader, outsider, login
):
    measure = Measure.objects.get(code="KT5")
    assert (
        login(leader)
        .post(
            f"/chi-tieu/dinh-nghia/thanh-phan/{measure.pk}/",
            _measure_form(measure, target_value="1"),
        )
        .status_code
        == 403
    )
    assert login(outsider).get(f"/chi-tieu/dinh-nghia/thanh-phan/{measure.pk}/").status_code in (
        403,
        404,
    )
    measure.refresh_from_db()
    assert measure.target_value == Decimal(20)


def test_another_commune_enters_its_own_resolution_and_tracks_it(
    resolution, outsider, other_commune, make_user, login
):
    client = login(outsider)
    page = client.get("/chi-tieu/dinh-nghia/", {"don_vi": "09999"})
    assert "chưa có nghị quyết" in page.content.decode()
    assert (
        client.post(
            "/chi-tieu/dinh-nghia/",
            {
                "don_vi": "09999",
                "code": "CK-NQ-2025",
                "name": "Nghị quyết Đại hội xã Chiềng Khác",
                "term_start": 2025,
                "term_end": 2030,
                "baseline_year": 2025,
                "source": "Báo cáo",
            },
        ).status_code
        == 302
    )
    mine = Resolution.objects.get(code="CK-NQ-2025")
    assert [g.code for g in mine.groups.all()] == ["economic", "social", "party"]
    assert mine.rules.count() == 6
    group = mine.groups.get(code="social")
    assert (
        client.post(
            f"/chi-tieu/dinh-nghia/nhom/{group.pk}/them-chi-tieu/",
            {"number": 1, "name": "Tỷ lệ dân số tham gia bảo hiểm y tế", "text": "", "source": ""},
        ).status_code
        == 302
    )
    target = Target.objects.get(group=group)
    blank = Measure(
        code="BHYT",
        comparator="gte",
        kind="percentage",
        applies="by_end",
        target_value=Decimal(100),
        responsible_office=other_commune,
        decimals=1,
        name="Tỷ lệ tham gia BHYT",
        unit="%",
        disaggregation="commune",
        data_source="entered",
    )
    response = client.post(
        f"/chi-tieu/dinh-nghia/chi-tieu/{target.pk}/them-thanh-phan/", _measure_form(blank)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    stats = make_user("thongke_ck", "statistics", other_commune)
    stats_client = login(stats)
    assert (
        stats_client.post(
            "/chi-tieu/nhap/", {"don_vi": "09999", "year": 2026, "quarter": 0, "BHYT.value": "97,5"}
        ).status_code
        == 302
    )
    assert DataValue.objects.get(org_unit=other_commune).value == Decimal("97.5")
    # Long Hẹ's resolution is untouched and stays invisible to the other commune.
    assert Target.objects.filter(group__resolution=resolution).count() == 25
    assert client.get("/chi-tieu/", {"don_vi": "03763"}).status_code == 404
