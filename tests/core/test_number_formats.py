"""Numbers, money and percentages in the reader's language: Vietnamese "25.591.000.000
đồng", "52,0%"; English "25,591,000,000 VND", "52.0%". Dates read dd/mm/yyyy in both."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from xaso.core.templatetags import vn as tags
from xaso.core.vietnamese import parse_number

VI_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$")
EN_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$")

amounts = st.integers(min_value=-(10**15), max_value=10**15)
figures = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=4
)
places = st.integers(min_value=0, max_value=3)


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@given(figures, places)
def test_vietnamese_groups_with_dots_and_english_with_commas(value, decimals):
    with translation.override("vi"):
        vi = tags.vnumber(value, decimals)
    with translation.override("en"):
        en = tags.vnumber(value, decimals)
    assert VI_NUMBER.match(vi), vi
    assert EN_NUMBER.match(en), en
    # the same number, only the separators differ
    assert en.replace(",", "") == vi.replace(".", "").replace(",", ".")
    assert parse_number(vi) == _rounded(value, decimals)
    assert Decimal(en.replace(",", "")) == _rounded(value, decimals)


@given(amounts)
def test_money_reads_dong_in_vietnamese_and_vnd_in_english(amount):
    with translation.override("vi"):
        vi = tags.vnd(amount)
    with translation.override("en"):
        en = tags.vnd(amount)
    assert vi.endswith(" đồng") and VI_NUMBER.match(vi.removesuffix(" đồng"))
    assert en.endswith(" VND") and EN_NUMBER.match(en.removesuffix(" VND"))
    assert int(en.removesuffix(" VND").replace(",", "")) == amount
    assert int(vi.removesuffix(" đồng").replace(".", "")) == amount


@given(st.decimals(min_value=0, max_value=1000, allow_nan=False, places=3), places)
def test_percentages_in_both_languages(rate, decimals):
    with translation.override("vi"):
        vi = tags.vpercent(rate, decimals)
    with translation.override("en"):
        en = tags.vpercent(rate, decimals)
    expected = _rounded(rate, decimals)
    assert vi.endswith("%") and en.endswith("%")
    assert parse_number(vi.removesuffix("%")) == expected
    assert Decimal(en.removesuffix("%").replace(",", "")) == expected
    if decimals:
        assert "," in vi and "." in en.removesuffix("%")[-decimals - 1 :]


def test_the_examples_of_the_issue():
    template = Template("{{ x|vnd }}|{{ p|vpercent }}|{{ y|vnumber:1 }}|{{ d|vdate }}")
    context = Context({"x": 25_591_000_000, "p": 52, "y": 1234.5, "d": dt.date(2026, 12, 1)})
    with translation.override("vi"):
        assert template.render(context) == "25.591.000.000 đồng|52,0%|1.234,5|01/12/2026"
    with translation.override("en"):
        assert template.render(context) == "25,591,000,000 VND|52.0%|1,234.5|01/12/2026"


@pytest.mark.django_db
def test_an_english_page_shows_english_numbers(leader, login):
    """The audit log shows changed figures with the reader's separators."""
    from xaso.core.audit_display import _Reader
    from xaso.core.models import OrgUnit

    field = OrgUnit._meta.get_field("id")
    with translation.override("en"):
        assert _Reader().value(field, 1234567) == "1,234,567"
    with translation.override("vi"):
        assert _Reader().value(field, 1234567) == "1.234.567"


def test_a_date_kept_as_text_in_json_reads_as_a_date():
    """The admission timeline kept "late" as "2026-02-05" and showed it so."""
    from xaso.core.templatetags.vn import vdate

    assert vdate("2026-02-05") == "05/02/2026"
    assert vdate("not a date") == ""


def test_the_targets_figures_and_charts_follow_the_reader_s_language():
    """Target figures and chart labels used ``vietnamese.format_number`` directly, so an
    English page read "52,5"."""
    from decimal import Decimal

    from xaso.targets.templatetags.targets_tags import figure

    assert figure(Decimal("1234.5"), 1) == "1.234,5"
    with translation.override("en"):
        assert figure(Decimal("1234.5"), 1) == "1,234.5"
