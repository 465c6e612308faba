"""Vietnamese text and number helpers shared by every xaso module.

One place for these rules so that receipts, reports, search and documents agree:
numbers as ``25.591.000.000``, percentages as ``52,0%``, dates as ``dd/mm/yyyy``,
amounts in words in the formal receipt style ("một nghìn không trăm linh một"),
the Decree 30/2020 place-and-date line, and a diacritic-free key for search.
Standard library only.
"""

from __future__ import annotations

import datetime as _dt
import operator
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DATE_ERROR",
    "LOCAL_TZ",
    "amount_in_words",
    "decree30_date_phrase",
    "format_date",
    "format_datetime",
    "format_number",
    "format_percent",
    "format_vnd",
    "local_date",
    "nfc",
    "number_to_words",
    "parse_date",
    "search_key",
]

try:
    LOCAL_TZ: _dt.tzinfo = ZoneInfo("Asia/Ho_Chi_Minh")
except ZoneInfoNotFoundError:  # pragma: no cover - hosts without tzdata
    # Viet Nam has had no daylight saving since 1975, so a fixed offset is exact today.
    LOCAL_TZ = _dt.timezone(_dt.timedelta(hours=7), "ICT")

DATE_ERROR = "Ngày không hợp lệ, hãy nhập theo dạng dd/mm/yyyy"


# --------------------------------------------------------------------------- text


def nfc(text: object) -> str:
    """Return ``text`` in NFC, so stored strings compare equal however they were typed."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text))


# Letters that look like "đ" and are typed for it (Icelandic eth, African D) fold to "d";
# none of them decompose, so stripping combining marks alone would keep them.
_D_LIKE = str.maketrans({"đ": "d", "ð": "d", "ɖ": "d"})


def _search_step(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).casefold()
    # casefold can produce precomposed or compatibility characters again, so decompose twice.
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))
    return " ".join(text.translate(_D_LIKE).split())


def search_key(text: object) -> str:
    """Fold Vietnamese text to a plain key so any spelling of a name finds it.

    Tone marks and vowel marks are dropped (ă â ê ô ơ ư → a a e o o u), đ → d, case and
    whitespace are folded. Because every mark is dropped, old and new tone placement
    ("hoà"/"hòa"), NFC/NFD input and marks typed in any order all give the same key.
    """
    if text is None:
        return ""
    key = str(text)
    # Iterate to a fixed point so the key of a key is itself (a few exotic code points
    # only settle after a second pass); Vietnamese text settles in one.
    for _ in range(8):
        folded = _search_step(key)
        if folded == key:
            break
        key = folded
    return key


# ------------------------------------------------------------------ amounts in words

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_NAMES = ("", "nghìn", "triệu")
_BILLION = 10**9
_LIMIT = 10**18


def _as_int(n: object) -> int:
    if isinstance(n, bool):
        raise TypeError("number_to_words() cần một số nguyên, không phải bool")
    if isinstance(n, str):
        try:
            n = Decimal(n.strip())
        except InvalidOperation as exc:
            raise ValueError(f"Không phải là số: {n!r}") from exc
    if isinstance(n, Decimal):
        if not n.is_finite() or n != n.to_integral_value():
            raise ValueError(f"Không đọc được số không nguyên: {n}")
        return int(n)
    if isinstance(n, float):
        if not n.is_integer():
            raise ValueError(f"Không đọc được số không nguyên: {n}")
        return int(n)
    return operator.index(n)


def _three_digits(value: int, full: bool) -> list[str]:
    """Words for 0 < value < 1000; ``full`` reads the hundreds even when zero."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units == 1:
            words.append("mốt")
        elif units == 4:
            words.append("tư")
        elif units == 5:
            words.append("lăm")
        elif units:
            words.append(_DIGITS[units])
    return words


def _below_billion(n: int, leading: bool) -> list[str]:
    """Words for 0 < n < 10**9; zero groups are skipped, later groups read in full."""
    groups = [(n // 10**6) % 1000, (n // 1000) % 1000, n % 1000]
    words: list[str] = []
    for index, group in enumerate(groups):
        if not group:
            continue
        full = bool(words) or not leading
        words += _three_digits(group, full)
        name = _GROUP_NAMES[2 - index]
        if name:
            words.append(name)
    return words


def _words(n: int, leading: bool) -> list[str]:
    billions, rest = divmod(n, _BILLION)
    words: list[str] = []
    if billions:
        # Above a billion the count of billions is itself read ("một nghìn tỷ" = 10**12).
        words += [*_words(billions, leading), "tỷ"]
    if rest:
        words += _below_billion(rest, leading=leading and not words)
    return words


def number_to_words(n: int) -> str:
    """Read an integer in the formal receipt style ("bằng chữ"), lower-case.

    1001 → "một nghìn không trăm linh một", 21 → "hai mươi mốt", 24 → "hai mươi tư",
    15 → "mười lăm", 105 → "một trăm linh năm". Uses nghìn/linh/tỷ, as receipts do.
    Accepts |n| < 10**18; integral Decimals and digit strings are accepted too, since
    amounts arrive from the database and from forms.
    """
    value = _as_int(n)
    if value < 0:
        return "âm " + number_to_words(-value)
    if value >= _LIMIT:
        raise ValueError("Số quá lớn để đọc thành chữ (tối đa dưới 10^18)")
    if value == 0:
        return _DIGITS[0]
    return " ".join(_words(value, leading=True))


def amount_in_words(n: int) -> str:
    """Receipt phrase: "Một nghìn không trăm linh một đồng" (capitalised, with đồng)."""
    words = number_to_words(n)
    return words[0].upper() + words[1:] + " đồng"


# ------------------------------------------------------------------------ numbers


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("Cần một số, không phải bool")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        # repr of a float is the shortest string that round-trips: 0.15 stays 0.15.
        number = Decimal(repr(value))
    else:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation as exc:
            raise ValueError(f"Không phải là số: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"Không phải là số hữu hạn: {value!r}")
    return number


def format_number(value: object, decimals: int = 0) -> str:
    """Vietnamese number: dot thousands, comma decimals ("25.591.000.000", "52,0").

    Rounds half up, as people rounding by hand expect (2,5 → 3), not banker's rounding.
    """
    if value is None:
        return ""
    decimals = operator.index(decimals)
    if decimals < 0:
        raise ValueError("decimals phải ≥ 0")
    number = _to_decimal(value)
    with localcontext() as ctx:
        ctx.prec = max(28, number.adjusted() + decimals + 2)
        rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)  # never print "-0"
    text = format(rounded, f",.{decimals}f")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_exact(value: object) -> str:
    """A figure with just the decimals it has: 700 → "700", 54.60 → "54,6",
    1234.5 → "1.234,5" (never "7E+2"); what a form shows back to the user."""
    number = _to_decimal(value)
    exponent = number.normalize().as_tuple().exponent
    return format_number(number, max(0, -exponent) if isinstance(exponent, int) else 0)


def format_vnd(amount: object) -> str:
    """Money as written in documents: "25.591.000.000 đồng" (whole đồng)."""
    if amount is None:
        return ""
    return format_number(amount, 0) + " đồng"


def format_percent(value: object, decimals: int = 1) -> str:
    """Percentage with a comma decimal: 52 → "52,0%"; the value is already in percent."""
    if value is None:
        return ""
    return format_number(value, decimals) + "%"


# -------------------------------------------------------------------------- dates


def local_date(d: _dt.date | None) -> _dt.date | None:
    """The day ``d`` falls on in Viet Nam: an aware datetime is taken to Viet Nam time, a
    naive one is taken as already local, a date is itself; ``None`` stays ``None``."""
    if d is None:
        return None
    if not isinstance(d, _dt.date):
        raise TypeError(f"Cần một ngày (date/datetime), không phải {type(d).__name__}")
    if isinstance(d, _dt.datetime):
        if d.tzinfo is not None and d.utcoffset() is not None:
            d = d.astimezone(LOCAL_TZ)
        return d.date()
    return d


def format_date(d: _dt.date | None) -> str:
    """dd/mm/yyyy; an aware datetime is first taken to Viet Nam time."""
    if d is None:
        return ""
    d = local_date(d)
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_datetime(dt: _dt.datetime | None) -> str:
    """Viet Nam time as "16:00 13/02/2026"; naive datetimes are taken as already local."""
    if dt is None:
        return ""
    if not isinstance(dt, _dt.datetime):
        return format_date(dt)
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        dt = dt.astimezone(LOCAL_TZ)
    return f"{dt.hour:02d}:{dt.minute:02d} {format_date(dt.date())}"


def format_due(moment: _dt.datetime | None) -> str:
    """A due moment as slips, queues, pages and exports show it: "17:00 ngày 04/05/2026"
    (English: "17:00 on 04/05/2026")."""
    if moment is None:
        return ""
    from django.utils.translation import gettext

    if moment.tzinfo is not None and moment.utcoffset() is not None:
        moment = moment.astimezone(LOCAL_TZ)
    return gettext("%(time)s ngày %(date)s") % {
        "time": f"{moment.hour:02d}:{moment.minute:02d}",
        "date": format_date(moment.date()),
    }


def decree30_date_phrase(d: _dt.date | None, place: str | None = None) -> str:
    """Place-and-date line of Decree 30/2020: "Long Hẹ, ngày 05 tháng 02 năm 2026".

    Days below 10 and months 1–2 take a leading zero (so "tháng 3", "tháng 10").
    """
    if d is None:
        return ""
    d = local_date(d)
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    phrase = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    place = nfc(place).strip()
    return f"{place}, {phrase}" if place else phrase


_DATE_RE = re.compile(r"(\d{1,2})([/-])(\d{1,2})\2(\d{4})", re.ASCII)


def parse_date(text: str) -> _dt.date:
    """Parse dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy) as typed by officials.

    Raises ValueError with a Vietnamese message that can be shown to the user as is.
    """
    if not isinstance(text, str):
        raise ValueError(DATE_ERROR)
    match = _DATE_RE.fullmatch(text.strip())
    if not match:
        raise ValueError(DATE_ERROR)
    day, _, month, year = match.groups()
    try:
        return _dt.date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(DATE_ERROR) from None


_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")


def parse_number(text: str) -> Decimal:
    """Read a number typed the Vietnamese way: "1.234,5" → 1234.5, "52,5" → 52.5.

    A lone dot is a thousands separator when it groups by three ("25.591.000"), otherwise
    a decimal point ("52.5", as some keyboards type it). Raises ValueError in Vietnamese.
    """
    raw = nfc(text).strip().replace(" ", "").replace("\u00a0", "")
    if not raw:
        raise ValueError("Chưa nhập số")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif _GROUPED.match(raw):
        raw = raw.replace(".", "")
    try:
        number = Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError(f"{text!r} không phải là số") from exc
    if not number.is_finite():
        raise ValueError(f"{text!r} không phải là số")
    return number
