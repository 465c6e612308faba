"""The leader's overview (the home page of a leader): the targets at a glance — how many
are met, which are at risk and why — with the one-stop and petitions panels, under one
chooser of unit and year; and the dashboard's counts, filter and words."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from xaso.core import access
from xaso.targets.models import DataValue

pytestmark = pytest.mark.django_db

ENTRY = "/chi-tieu/nhap/"


@pytest.fixture
def figures(resolution, statistician, leader, login):
    """Trained workers (KT5, ≥ 20%) falling from 12% to 11%: at risk by 2030. Entered
    by the statistics officer, approved by the leader."""
    stats = login(statistician)
    for year, value in ((2025, "12"), (2026, "11")):
        response = stats.post(
            ENTRY,
            {"don_vi": "03763", "year": year, "quarter": 0, "action": "submit", "KT5.value": value},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    values = list(DataValue.objects.values_list("pk", flat=True))
    approved = login(leader).post(
        "/chi-tieu/duyet/", {"don_vi": "03763", "action": "approve", "value": values}
    )
    assert approved.status_code == 302
    assert DataValue.objects.filter(status="approved").count() == 2


def _text(html: str) -> str:
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_leaders_home_shows_the_counts_and_the_targets_at_risk_with_why(figures, leader, login):
    page = login(leader).get("/").content.decode()
    text = _text(page)
    assert "Chỉ tiêu nghị quyết" in text
    # 25 targets: none met, one (KT5) not due but at risk, 24 without figures.
    cards = dict(
        (label.strip(), int(n))
        for n, label in re.findall(
            r'xaso-card__number">(\d+)</span><span class="xaso-card__label">([^<]+)<', page
        )
    )
    assert cards["chỉ tiêu đạt (trên 25)"] == 0
    assert cards["có nguy cơ không đạt"] == 1
    assert cards["chưa đến hạn"] == 1
    assert cards["chưa có số liệu"] == 24
    # The target at risk, its projection and why, in words.
    assert "(5) Tỷ lệ lao động qua đào tạo" in text
    assert re.search(
        r"Theo xu hướng số liệu 2025–2026, năm 2030 ước đạt [0-9,]+ %, thấp hơn mục tiêu ≥ 20 %",
        text,
    )
    # The cards open the dashboard filtered; the dashboard filtered shows only that one.
    assert 'href="/chi-tieu/?don_vi=03763&amp;tinh_trang=risk"' in page
    risk = _text(login(leader).get("/chi-tieu/?don_vi=03763&tinh_trang=risk").content.decode())
    assert "1 trên 25 chỉ tiêu" in risk and "Tỷ lệ lao động qua đào tạo" in risk
    assert "Tỷ lệ hộ nghèo" not in risk
    # One chart per target group, and the on-time chart of the one-stop panel: SVG inline.
    assert page.count('<svg class="chart chart--small"') == 3
    assert 'aria-labelledby="onestop-on-time-title"' in page
    assert "Một cửa hôm nay" in text and "Đơn thư" in text
    # The period and unit are chosen in one place.
    assert page.count('name="don_vi"') == 1 and page.count('name="nam"') == 1


def test_a_past_year_shows_the_targets_as_they_stood_then(figures, leader, login):
    page = login(leader).get("/", {"nam": "2025"}).content.decode()
    text = _text(page)
    assert "tính đến hết năm 2025" in text
    # With 2025 alone there is no trend yet: nothing at risk.
    assert "Chưa có chỉ tiêu nào có nguy cơ không đạt" in text
    assert 'href="/chi-tieu/?don_vi=03763&amp;nam=2025&amp;tinh_trang=risk"' in page


@pytest.mark.parametrize(
    "params",
    [
        {"nam": "abc"},
        {"nam": "20261"},
        {"nam": "1899"},
        {"nam": "٢٠٢٦"},
        {"don_vi": "khong-co"},
        {"don_vi": "09999"},
        {"don_vi": "'; drop table x"},
        {"nam": "", "don_vi": ""},
    ],
)
def test_bad_year_or_unit_falls_back_to_the_defaults(params, figures, leader, login, other_commune):
    response = login(leader).get("/", params)
    assert response.status_code == 200
    text = _text(response.content.decode())
    assert "Tổng quan — Xã Long Hẹ, năm" in text
    assert "Chiềng Khác" not in text  # another commune's unit is never offered nor shown


def test_a_bản_is_chosen_from_the_list(figures, leader, login):
    page = login(leader).get("/", {"don_vi": "03763-B01"}).content.decode()
    assert "Tổng quan — Bản Pá Uổi" in _text(page)


def test_without_the_targets_permission_there_is_no_targets_panel(
    figures, leader, login, monkeypatch
):
    table = access.role_permissions()
    without = {
        role: frozenset(p for p in granted if not p.startswith("targets."))
        for role, granted in table.items()
    }
    monkeypatch.setattr(access, "role_permissions", lambda: without)
    page = login(leader).get("/").content.decode()
    assert "Chỉ tiêu nghị quyết" not in page and "panel-targets" not in page
    assert "Một cửa hôm nay" in _text(page)  # the other panels stay


def test_a_leader_of_another_commune_sees_only_their_own(other_commune, make_user, login, figures):
    outsider = make_user("lanhdao_khac", "leader", other_commune)
    page = login(outsider).get("/", {"don_vi": "03763"}).content.decode()
    assert "Long Hẹ" not in _text(page)
    assert "panel-targets" not in page  # their commune has no resolution


def test_other_roles_keep_their_home(figures, statistician, login):
    page = login(statistician).get("/").content.decode()
    assert "panel-targets" not in page and 'name="nam"' not in page
    assert "là ngày làm việc" in page or "là ngày nghỉ" in page


def test_the_dashboard_counts_on_top_at_risk_first_no_internal_codes(figures, leader, login):
    page = login(leader).get("/chi-tieu/?don_vi=03763").content.decode()
    text = _text(page)
    assert text.index("Có nguy cơ không đạt — vì sao") < text.index("Cả 25 chỉ tiêu")
    assert "govuk-tag" in page and "xaso-table--stack" in page and 'data-label="2026"' in page
    for code in ("computed:", "not_due", "no_data", "onestop.", "entered"):
        assert code not in text, code
    # The measures computed by other modules name their source in words.
    assert "Tự động, trực tiếp từ: Hồ sơ một cửa" in text


def test_the_definitions_page_names_sources_in_words(resolution, admin, login):
    text = _text(login(admin).get("/chi-tieu/dinh-nghia/?don_vi=03763").content.decode())
    assert "computed:" not in text and "Tự động, trực tiếp từ:" in text
    assert "Nhập theo kỳ" in text


def test_the_target_detail_draws_a_bar_per_bản(figures, statistician, leader, login):
    stats = login(statistician)
    stats.post(
        ENTRY,
        {"don_vi": "03763-B01", "year": 2026, "quarter": 0, "action": "submit", "XH11.answer": "1"},
    )
    value = DataValue.objects.get(measure__code="XH11")
    login(leader).post(
        "/chi-tieu/duyet/", {"don_vi": "03763", "action": "approve", "value": value.pk}
    )
    page = login(leader).get("/chi-tieu/social/11/", {"nam": "2026"}).content.decode()
    assert 'aria-labelledby="villages-' in page
    chart = re.search(r'<svg[^>]*aria-labelledby="villages-.*?</svg>', page, re.S).group(0)
    assert "Bản Pá Uổi" in chart and "100,0" in chart and 'class="reference"' in chart


def test_the_work_panels_link_to_their_lists_and_follow_their_permissions(
    resolution, leader, login, monkeypatch
):
    page = login(leader).get("/").content.decode()
    assert 'href="/mot-cua/?hang=overdue"' in page and 'href="/mot-cua/?hang=due_soon"' in page
    assert 'href="/don-thu/?ds=late"' in page and 'href="/don-thu/?ds=due_soon"' in page
    without = {
        role: frozenset(p for p in granted if not p.startswith(("onestop.", "petitions.")))
        for role, granted in access.role_permissions().items()
    }
    monkeypatch.setattr(access, "role_permissions", lambda: without)
    page = login(leader).get("/").content.decode()
    assert "panel-onestop" not in page and "panel-petitions" not in page
    assert "panel-targets" in page


def test_the_overview_charts_are_styled_by_a_stylesheet_the_home_page_loads(figures, leader, login):
    """The small group charts and the figures around them are styled on the home page,
    which loads no app's stylesheet."""
    from django.contrib.staticfiles import finders

    page = login(leader).get("/").content.decode()
    assert 'class="chart chart--small"' in page and 'class="xaso-figure"' in page
    sheets = ""
    for href in re.findall(r'<link rel="stylesheet" href="/static/([^"?]+)', page):
        path = finders.find(href)
        if path:
            with open(path, encoding="utf-8") as sheet:
                sheets += sheet.read()
    assert "svg.chart.chart--small" in sheets and ".xaso-figure" in sheets


def test_the_one_stop_cards_count_the_tabs_they_open(resolution, leader, login, procedures):
    """A dossier sent online waits for the desk: it is today's work in the queue, and the
    overview's card that opens that tab counts it too."""
    from xaso.core.models import OrgUnit
    from xaso.onestop.models import Procedure
    from xaso.onestop.services import Applicant, dossier_intake

    dossier_intake(
        actor=None,
        org_unit=OrgUnit.objects.get(code="03763-TTPVHCC"),
        procedure=Procedure.objects.get(code="1.004873"),
        channel="online",
        applicant=Applicant(
            name="Lò Văn Thử",
            id_number="014095001234",
            address="Bản Pá Uổi",
            birth_date=dt.date(1995, 3, 2),
        ),
    )
    client = login(leader)
    page = client.get("/").content.decode()
    card = re.search(
        r'href="/mot-cua/\?hang=today"><span class="xaso-card__number">(\d+)<', page
    ).group(1)
    queue = client.get("/mot-cua/", {"hang": "today"}).content.decode()
    rows = queue.count('class="govuk-link xaso-nowrap" href="/mot-cua/ho-so/')
    assert int(card) == rows == 1
