"""Rules of value entry kept in one place: which measures a bản enters (one selector for
the entry page, the drill-down and the benchmark data) and enter-then-submit as one
transaction (one service for the page and the API)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xaso.core.models import AuditEntry, OrgUnit
from xaso.targets import selectors, services
from xaso.targets.models import DataValue, Measure

pytestmark = pytest.mark.django_db


def _codes(measures) -> set[str]:
    return {m.code for m in measures}


def test_a_bản_enters_what_is_counted_per_bản_the_commune_the_rest(resolution, statistician):
    measures = {m.code: m for m in Measure.objects.all()}
    per_village = {c for c, m in measures.items() if selectors.entered_per_village(m)}
    # Broken down by bản (XH3), answered đạt / chưa đạt by each bản (XH5c, XH11), or
    # additive (KT3a, KT7); never a commune-only rate (KT6).
    assert {"XH3", "XH5c", "XH11", "KT3a", "KT7"} <= per_village
    assert "KT6" not in per_village and "XH2" not in per_village

    village = OrgUnit.objects.get(code="03763-B01")
    commune = resolution.org_unit
    for_village = _codes(selectors.measures_for_entry(statistician, resolution, village))
    for_commune = _codes(selectors.measures_for_entry(statistician, resolution, commune))
    assert for_village <= per_village
    assert "XH3" in for_village and "KT6" not in for_village
    # The commune's đạt / chưa đạt figure is counted from its bản's answers: not typed in.
    assert "XH11" not in for_commune and "KT6" in for_commune and "KT3a" in for_commune
    assert not any(measures[c].is_computed for c in for_village | for_commune)


def test_the_entry_page_offers_a_bản_the_same_measures(resolution, statistician, login):
    page = login(statistician).get("/chi-tieu/nhap/", {"don_vi": "03763-B01", "year": 2026})
    html = page.content.decode()
    offered = selectors.measures_for_entry(
        statistician, resolution, OrgUnit.objects.get(code="03763-B01")
    )
    for measure in offered:
        assert f'name="{measure.code}.' in html
    assert 'name="KT6.value"' not in html


def test_enter_and_submit_is_one_transaction(resolution, statistician, longhe, monkeypatch):
    entries = [services.Entry(measure=Measure.objects.get(code="KT6"), value=Decimal("54.6"))]

    def refuse(**kwargs):
        raise RuntimeError("the submission failed half-way")

    monkeypatch.setattr(services, "values_submit", refuse)
    with pytest.raises(RuntimeError):
        services.values_enter_and_submit(
            actor=statistician, org_unit=longhe, year=2026, entries=entries
        )
    # Nothing entered and left behind unsent.
    assert not DataValue.objects.exists()
    assert not AuditEntry.objects.filter(action="value_enter").exists()
    monkeypatch.undo()
    saved = services.values_enter_and_submit(
        actor=statistician, org_unit=longhe, year=2026, entries=entries
    )
    assert [v.status for v in saved] == ["submitted"]
    assert DataValue.objects.get().status == "submitted"
    actions = list(
        AuditEntry.objects.filter(action__startswith="value_").values_list("action", flat=True)
    )
    assert sorted(actions) == ["value_enter", "value_submit"]
