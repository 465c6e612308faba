"""Unit tests for xaso.core.vietnamese, the format modules and the ``vn`` template filters.

Pure unit tests: no database, no Django settings.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaso.core.vietnamese import (
    DATE_ERROR,
    amount_in_words,
    decree30_date_phrase,
    format_date,
    format_datetime,
    format_number,
    format_percent,
    format_vnd,
    local_date,
    nfc,
    number_to_words,
    parse_date,
    search_key,
)

VN_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
VN_LETTERS = VN_LOWER + VN_LOWER.upper()
vn_text = st.text(alphabet=st.sampled_from(VN_LETTERS + "  \t"), max_size=40)


# --------------------------------------------------------------------------- nfc


def test_it_normalises_decomposed_text_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Hòa Bình")
    assert decomposed != "Hòa Bình"
    assert nfc(decomposed) == "Hòa Bình"


def test_it_turns_none_into_empty_string_in_nfc():
    assert nfc(None) == ""


# -------------------------------------------------------------------- search_key


def test_it_builds_the_documented_search_key():
    assert search_key("  Đặng  Thị HOÀ ") == "dang thi hoa"
    assert search_key("Long Hẹ") == "long he"


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoà", "hòa"), ("thuý", "thúy"), ("Hẹ", "HẸ"), ("Khoẻ", "khỏe"), ("QUÝ", "quý")],
)
def test_it_folds_old_and_new_tone_placement(old, new):
    assert search_key(old) == search_key(new)


def test_it_strips_vowel_marks_and_maps_d():
    assert search_key("ăâêôơư ĂÂÊÔƠƯ") == "aaeoou aaeoou"
    assert search_key("Đường đi") == "duong di"


def test_it_handles_decomposed_input():
    assert search_key(unicodedata.normalize("NFD", "Nguyễn Văn Đức")) == "nguyen van duc"


def test_it_ignores_the_order_combining_marks_were_typed_in():
    # ệ typed as e + dot below + circumflex and as e + circumflex + dot below
    one = "Vi" + "e\u0323\u0302" + "t"
    two = "Vi" + "e\u0302\u0323" + "t"
    assert one != two
    assert search_key(one) == search_key(two) == "viet"


def test_it_maps_eth_lookalike_to_d():
    assert search_key("Ðặng") == "dang"  # U+00D0, often typed for Đ


def test_it_collapses_all_whitespace():
    assert search_key("\tNguyễn\n\u00a0Văn   A  ") == "nguyen van a"


def test_it_gives_empty_key_for_none_and_blank():
    assert search_key(None) == ""
    assert search_key("   ") == ""


@given(st.text(max_size=40))
def test_it_makes_search_key_idempotent(text):
    key = search_key(text)
    assert search_key(key) == key


@given(vn_text)
def test_it_makes_search_key_idempotent_on_vietnamese(text):
    key = search_key(text)
    assert search_key(key) == key


@given(st.text(max_size=40))
def test_it_gives_same_key_for_nfd_and_nfc(text):
    nfd = unicodedata.normalize("NFD", text)
    assert search_key(nfd) == search_key(unicodedata.normalize("NFC", text))


@given(vn_text)
def test_it_ignores_case_of_vietnamese_letters(text):
    assert search_key(text.upper()) == search_key(text)
    assert search_key(text.lower()) == search_key(text)


@given(vn_text)
def test_it_yields_plain_ascii_for_vietnamese(text):
    key = search_key(text)
    assert re.fullmatch(r"(?:[a-z]+(?: [a-z]+)*)?", key), key


# ---------------------------------------------------------------- number_to_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (7, "bảy"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (31, "ba mươi mốt"),
        (55, "năm mươi lăm"),
        (94, "chín mươi tư"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1010, "một nghìn không trăm mười"),
        (1024, "một nghìn không trăm hai mươi tư"),
        (1100, "một nghìn một trăm"),
        (10_000, "mười nghìn"),
        (15_000, "mười lăm nghìn"),
        (21_000, "hai mươi mốt nghìn"),
        (200_000, "hai trăm nghìn"),
        (1_000_000, "một triệu"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (2_000_105, "hai triệu một trăm linh năm"),
        (1_000_000_000, "một tỷ"),
        (1_000_000_001, "một tỷ không trăm linh một"),
        (25_591_000_000, "hai mươi lăm tỷ năm trăm chín mươi mốt triệu"),
        (10**12, "một nghìn tỷ"),
        (1_005_000_000_000, "một nghìn không trăm linh năm tỷ"),
        (1_000_005_000_000, "một nghìn tỷ không trăm linh năm triệu"),
        (10**15, "một triệu tỷ"),
        (-1234, "âm một nghìn hai trăm ba mươi tư"),
    ],
)
def test_it_reads_numbers_in_receipt_style(n, words):
    assert number_to_words(n) == words


def test_it_reads_the_largest_supported_number():
    words = number_to_words(10**18 - 1)
    assert words.startswith("chín trăm chín mươi chín triệu")
    assert " tỷ " in words


def test_it_rejects_numbers_out_of_range_or_not_whole():
    with pytest.raises(ValueError):
        number_to_words(10**18)
    with pytest.raises(ValueError):
        number_to_words(Decimal("1.5"))
    with pytest.raises(TypeError):
        number_to_words(True)


def test_it_accepts_whole_decimals_and_digit_strings():
    assert number_to_words(Decimal("1001.00")) == "một nghìn không trăm linh một"
    assert number_to_words("15") == "mười lăm"


def test_it_writes_the_receipt_amount_phrase():
    assert amount_in_words(1001) == "Một nghìn không trăm linh một đồng"
    assert amount_in_words(0) == "Không đồng"
    assert amount_in_words(25_591_000_000) == "Hai mươi lăm tỷ năm trăm chín mươi mốt triệu đồng"
    assert amount_in_words(-5) == "Âm năm đồng"


_UNITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
    "năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
VOCABULARY = {*_UNITS, "mười", "mươi", "trăm", "linh", "nghìn", "triệu", "tỷ"}


def _parse_words(words: list[str]) -> int:
    """Tiny reader for the test: enough to round-trip number_to_words."""
    if "tỷ" in words:
        cut = len(words) - 1 - words[::-1].index("tỷ")
        return _parse_words(words[:cut]) * 10**9 + _parse_words(words[cut + 1 :])
    total = group = 0
    pending = None
    for word in words:
        if word in _UNITS:
            assert pending is None, words
            pending = _UNITS[word]
        elif word == "trăm":
            group += pending * 100
            pending = None
        elif word == "mươi":
            group += pending * 10
            pending = None
        elif word == "mười":
            group += 10
        elif word in ("nghìn", "triệu"):
            group += pending or 0
            total += group * (1000 if word == "nghìn" else 10**6)
            group, pending = 0, None
        else:
            assert word == "linh", words
    return total + group + (pending or 0)


numbers = st.integers(min_value=0, max_value=10**18 - 1)
small_round = st.integers(min_value=1, max_value=10**6).map(lambda n: n * 1000)


@given(st.one_of(numbers, small_round, st.integers(0, 100_000)))
def test_it_round_trips_number_words(n):
    assert _parse_words(number_to_words(n).split()) == n


@given(st.one_of(numbers, small_round, st.integers(0, 100_000)))
def test_it_keeps_number_words_well_formed(n):
    words = number_to_words(n)
    assert "  " not in words
    assert words == words.strip()
    assert words == unicodedata.normalize("NFC", words)
    assert set(words.split()) <= VOCABULARY
    for wrong in ("mươi một", "mươi bốn", "mươi năm", "mười năm", "linh mốt", "linh tư"):
        assert wrong not in words, (n, words)
    tokens = words.split()
    for i, token in enumerate(tokens):
        if token == "không" and n != 0:
            assert tokens[i + 1] == "trăm", words
    if n > 0 and n % 1000 == 0:
        assert not words.endswith("không trăm")


@given(st.integers(min_value=1, max_value=10**18 - 1))
def test_it_prefixes_negatives_with_am(n):
    assert number_to_words(-n) == "âm " + number_to_words(n)


# ------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (25_591_000_000, 0, "25.591.000.000"),
        (52, 1, "52,0"),
        (Decimal("1234.5"), 2, "1.234,50"),
        (-1234, 0, "-1.234"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (0, 0, "0"),
        (Decimal("2.5"), 0, "3"),  # half up, not banker's rounding
        (Decimal("-2.5"), 0, "-3"),
        (Decimal("0.125"), 2, "0,13"),
        (0.15, 1, "0,2"),  # float taken by its repr, not its binary value
        (Decimal("-0.4"), 0, "0"),  # no "-0"
        ("1234567.891", 1, "1.234.567,9"),
        (Decimal("123456789012345678901234567890.5"), 0, "123.456.789.012.345.678.901.234.567.891"),
    ],
)
def test_it_formats_numbers_the_vietnamese_way(value, decimals, text):
    assert format_number(value, decimals) == text


def test_it_formats_none_as_empty():
    assert format_number(None) == ""
    assert format_vnd(None) == ""
    assert format_percent(None) == ""


def test_it_rejects_non_numbers():
    with pytest.raises(ValueError):
        format_number("abc")
    with pytest.raises(ValueError):
        format_number(Decimal("NaN"))


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_it_groups_integers_by_three_with_dots(n):
    text = format_number(n)
    assert re.fullmatch(r"-?\d{1,3}(?:\.\d{3})*", text), text
    assert int(text.replace(".", "")) == n


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4),
    st.integers(min_value=0, max_value=4),
)
def test_it_keeps_value_when_formatting_decimals(value, decimals):
    text = format_number(value, decimals)
    back = Decimal(text.replace(".", "").replace(",", "."))
    assert abs(back - value) <= Decimal(1).scaleb(-decimals) / 2
    if decimals:
        assert re.fullmatch(rf"-?[\d.]+,\d{{{decimals}}}", text), text
    else:
        assert "," not in text


def test_it_formats_money_in_dong():
    assert format_vnd(25_591_000_000) == "25.591.000.000 đồng"
    assert format_vnd(Decimal("1500.6")) == "1.501 đồng"


def test_it_formats_percentages():
    assert format_percent(52) == "52,0%"
    assert format_percent(Decimal("39.13")) == "39,1%"
    assert format_percent(Decimal("39.15")) == "39,2%"
    assert format_percent(7, 0) == "7%"


# -------------------------------------------------------------------------- dates


def test_it_formats_dates_as_dd_mm_yyyy():
    assert format_date(dt.date(2026, 2, 5)) == "05/02/2026"
    assert format_date(dt.datetime(2026, 12, 31, 23, 59)) == "31/12/2026"
    assert format_date(None) == ""


def test_it_refuses_non_dates_when_formatting():
    with pytest.raises(TypeError):
        format_date("05/02/2026")
    with pytest.raises(TypeError):
        decree30_date_phrase("05/02/2026")


def test_it_takes_aware_datetimes_to_vietnam_date():
    late_utc = dt.datetime(2026, 2, 4, 20, 0, tzinfo=dt.UTC)  # 03:00 on 5 Feb in Hà Nội
    assert format_date(late_utc) == "05/02/2026"


def test_local_date_is_the_day_in_vietnam():
    assert local_date(dt.datetime(2026, 2, 4, 20, 0, tzinfo=dt.UTC)) == dt.date(2026, 2, 5)
    assert local_date(dt.datetime(2026, 2, 4, 20, 0)) == dt.date(2026, 2, 4)  # naive: local
    assert local_date(dt.date(2026, 2, 4)) == dt.date(2026, 2, 4)
    assert local_date(None) is None


def test_it_formats_aware_datetimes_in_vietnam_time():
    utc = dt.datetime(2026, 2, 13, 9, 0, tzinfo=dt.UTC)
    assert format_datetime(utc) == "16:00 13/02/2026"


def test_it_takes_naive_datetimes_as_local():
    assert format_datetime(dt.datetime(2026, 2, 13, 16, 0)) == "16:00 13/02/2026"
    assert format_datetime(dt.datetime(2026, 2, 13, 7, 5)) == "07:05 13/02/2026"
    assert format_datetime(None) == ""


@pytest.mark.parametrize(
    ("d", "phrase"),
    [
        (dt.date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (dt.date(2026, 1, 15), "ngày 15 tháng 01 năm 2026"),
        (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (dt.date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
        (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    ],
)
def test_it_writes_the_decree30_date_line(d, phrase):
    assert decree30_date_phrase(d) == phrase


def test_it_puts_the_place_before_the_decree30_date():
    assert decree30_date_phrase(dt.date(2026, 2, 5), "Long Hẹ") == (
        "Long Hẹ, ngày 05 tháng 02 năm 2026"
    )
    assert decree30_date_phrase(dt.date(2026, 2, 5), "") == "ngày 05 tháng 02 năm 2026"
    assert decree30_date_phrase(None) == ""


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_it_pads_decree30_day_and_only_early_months(d):
    phrase = decree30_date_phrase(d)
    m = re.fullmatch(r"ngày (\d\d) tháng (\d{1,2}) năm (\d{4})", phrase)
    assert m, phrase
    day, month, year = m.groups()
    assert (int(day), int(month), int(year)) == (d.day, d.month, d.year)
    assert len(month) == (2 if d.month <= 2 or d.month >= 10 else 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/02/2026", dt.date(2026, 2, 5)),
        ("5/2/2026", dt.date(2026, 2, 5)),
        ("05-02-2026", dt.date(2026, 2, 5)),
        (" 29/02/2024 ", dt.date(2024, 2, 29)),
        ("31/12/2025", dt.date(2025, 12, 31)),
    ],
)
def test_it_parses_dates_typed_by_officials(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-02-05",
        "05/02/26",
        "05.02.2026",
        "05/02-2026",
        "31/02/2026",
        "29/02/2025",
        "00/01/2026",
        "13/13/2026",
        "05/02/2026 10:00",
        "٠٥/٠٢/٢٠٢٦",  # non-ASCII digits
        None,
    ],
)
def test_it_refuses_bad_dates_with_a_vietnamese_message(text):
    with pytest.raises(ValueError, match="Ngày không hợp lệ"):
        parse_date(text)
    assert DATE_ERROR == "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy"


@given(st.dates())
def test_it_parses_back_what_it_formats(d):
    assert parse_date(format_date(d)) == d


# ------------------------------------------------------------------ format modules


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_it_accepts_dd_mm_yyyy_in_format_modules(lang):
    formats = importlib.import_module(f"xaso.formats.{lang}.formats")
    assert formats.DATE_FORMAT == "d/m/Y"
    assert formats.SHORT_DATE_FORMAT == "d/m/Y"
    assert formats.DATETIME_FORMAT == "H:i d/m/Y"
    first = formats.DATE_INPUT_FORMATS[0]
    assert dt.datetime.strptime("05/02/2026", first).date() == dt.date(2026, 2, 5)
    parsed = {
        dt.datetime.strptime("05-02-2026", f)
        for f in formats.DATE_INPUT_FORMATS
        if _parses("05-02-2026", f)
    }
    assert parsed == {dt.datetime(2026, 2, 5)}
    dt_formats = formats.DATETIME_INPUT_FORMATS
    assert dt.datetime.strptime("05/02/2026 16:00", dt_formats[0]) == dt.datetime(2026, 2, 5, 16, 0)
    assert any(_parses("16:00 05/02/2026", f) for f in dt_formats)
    assert formats.NUMBER_GROUPING == 3
    assert formats.FIRST_DAY_OF_WEEK == 1


def _parses(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def test_it_uses_vietnamese_separators_for_vi_and_english_for_en():
    vi = importlib.import_module("xaso.formats.vi.formats")
    en = importlib.import_module("xaso.formats.en.formats")
    assert (vi.DECIMAL_SEPARATOR, vi.THOUSAND_SEPARATOR) == (",", ".")
    assert (en.DECIMAL_SEPARATOR, en.THOUSAND_SEPARATOR) == (".", ",")


def test_it_renders_django_display_formats_as_dd_mm_yyyy():
    pytest.importorskip("django")
    from django.utils.dateformat import format as django_format

    vi = importlib.import_module("xaso.formats.vi.formats")
    assert django_format(dt.date(2026, 2, 5), vi.DATE_FORMAT) == "05/02/2026"


# ------------------------------------------------------------------ template filters


def _render(source: str, **context) -> str:
    pytest.importorskip("django")
    from django.template import Context, Engine

    engine = Engine(libraries={"vn": "xaso.core.templatetags.vn"})
    return engine.from_string("{% load vn %}" + source).render(Context(context))


def test_it_exposes_filters_in_templates():
    out = _render(
        "{{ x|vnd }}|{{ x|vnumber:1 }}|{{ p|vpercent }}|{{ d|vdate }}|{{ t|vdatetime }}"
        "|{{ d|decree30 }}|{{ d|decree30:'Long Hẹ' }}|{{ n|in_words }}|{{ n|number_words }}",
        x=25_591_000_000,
        p=Decimal("39.13"),
        d=dt.date(2026, 2, 5),
        t=dt.datetime(2026, 2, 13, 9, 0, tzinfo=dt.UTC),
        n=1001,
    )
    assert out.split("|") == [
        "25.591.000.000 đồng",
        "25.591.000.000,0",
        "39,1%",
        "05/02/2026",
        "16:00 13/02/2026",
        "ngày 05 tháng 02 năm 2026",
        "Long Hẹ, ngày 05 tháng 02 năm 2026",
        "Một nghìn không trăm linh một đồng",
        "một nghìn không trăm linh một",
    ]


def test_it_renders_empty_for_missing_or_bad_values():
    out = _render(
        "[{{ missing|vnd }}][{{ bad|vnumber }}][{{ bad|in_words }}][{{ bad|vdate }}]",
        bad="abc",
    )
    assert out == "[][][][]"


def test_it_escapes_user_text_in_filters():
    out = _render("{{ d|decree30:place }}", d=dt.date(2026, 3, 1), place="<b>Xã</b>")
    assert out == "&lt;b&gt;Xã&lt;/b&gt;, ngày 01 tháng 3 năm 2026"


@given(st.integers(min_value=0, max_value=10**15))
def test_it_matches_python_functions_in_filters(n):
    pytest.importorskip("django")
    from xaso.core.templatetags import vn as tags

    assert tags.vnd(n) == format_vnd(n)
    assert tags.in_words(n) == amount_in_words(n)
