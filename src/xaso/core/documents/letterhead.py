"""The letterhead of an official document, as data every renderer draws from (the HTML of
a PDF, a DOCX, an XLSX), for the two kinds the commune issues:

- state documents, Decree 30/2020/NĐ-CP Appendix I: the issuing body top left, its
  parent body above it (not bold) and a short rule below; "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
  NAM" (12–13 pt bold) over "Độc lập - Tự do - Hạnh phúc" (13–14 pt bold, underlined) top
  right; "Số: 15/QĐ-UBND" under the issuing body; the place and date in italics;
- Party documents, Hướng dẫn 36-HD/VPTW (03/4/2018) Part II and Appendix 1: "ĐẢNG CỘNG
  SẢN VIỆT NAM" top right (15 pt bold, a rule under it as long as the title); the
  issuing Party body top left (14 pt bold) under its direct superior (14 pt, not bold)
  with a star "*" below; "Số 07-NQ/ĐU" — no colon, a hyphen before the symbol; the place
  and date in italics (14 pt).

The texts are those the law prescribes: official Vietnamese, never translated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from xaso.core.models import OrgUnit
from xaso.core.vietnamese import decree30_date_phrase, nfc

FONT = "Times New Roman"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
COMMITTEE = "ỦY BAN NHÂN DÂN"
CENTER = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
STATE, PARTY = "state", "party"
# Where the number is written in by hand after signing (Decree 30 Art. 15).
BLANK_NUMBER = "\u00a0" * 6


@dataclass(frozen=True)
class Line:
    """One line of a letterhead. ``parts`` are kept whole: a narrow column breaks the line
    only between them. ``size`` is the prescribed point size on an A4 page; ``role``
    names the line for a stylesheet ("parent", "issuer", "nation", "motto", "party-title",
    "number", "date")."""

    parts: tuple[str, ...]
    size: float
    role: str
    bold: bool = False
    italic: bool = False
    underline: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@dataclass(frozen=True)
class Letterhead:
    """What heads a document: ``issuer`` (left) over the separating mark — a short rule
    for state documents, "*" for Party documents — and ``number``; ``heading`` (right)
    over ``place_date``."""

    kind: str
    issuer: tuple[Line, ...]
    heading: tuple[Line, ...]
    place_date: Line
    number: Line | None = None

    @property
    def is_party(self) -> bool:
        return self.kind == PARTY

    @property
    def mark(self) -> str:
        """The separator under the issuing body: "*" (Hướng dẫn 36-HD/VPTW), else empty
        for the short rule of Decree 30."""
        return "*" if self.is_party else ""


def halves(text: str) -> tuple[str, ...]:
    """Split a heading into two word-aligned halves of about equal length, the place
    where a narrow (A5) column should break it."""
    words = text.split()
    if len(words) < 2:
        return (text,)
    best, best_gap = 1, None
    for i in range(1, len(words)):
        gap = abs(len(" ".join(words[:i])) - len(" ".join(words[i:])))
        if best_gap is None or gap < best_gap:
            best, best_gap = i, gap
    return (" ".join(words[:best]), " ".join(words[best:]))


def unit_name(unit: OrgUnit) -> str:
    """The unit's name as documents print it (NFC), e.g. "Long Hẹ"."""
    return nfc(unit.name or unit.display_name)


def _place(unit: OrgUnit) -> str:
    """The place of the place-and-date line: the commune the unit is in, else the unit."""
    commune = unit.commune()
    return unit_name(commune if commune is not None else unit)


def _date_line(unit: OrgUnit, day: dt.date, size: float) -> Line:
    return Line((decree30_date_phrase(day, place=_place(unit)),), size, "date", italic=True)


def _number_line(number: int | None, symbol: str, *, party: bool) -> Line | None:
    """ "Số: 15/QĐ-UBND" (Decree 30/2020 Appendix I, 13 pt) or "Số 07-NQ/ĐU" (Hướng dẫn
    36-HD/VPTW: no colon, a hyphen before the symbol, 14 pt). Numbers below 10 take a
    leading 0; with a symbol but no number the number is left blank, to be written in
    after signing (Decree 30 Art. 15); with neither there is no number line."""
    if number is None and not symbol:
        return None
    figure = BLANK_NUMBER if number is None else f" {number:02d}"
    if party:
        return Line((f"Số{figure}" + (f"-{symbol}" if symbol else ""),), 14, "number")
    return Line((f"Số:{figure}" + (f"/{symbol}" if symbol else ""),), 13, "number")


# ----------------------------------------------------------------------- state


def _state_issuer(unit: OrgUnit, body: str) -> tuple[Line, ...]:
    """Decree 30 Appendix I: the issuing body (12–13 pt bold) under the body directly
    above it (12–13 pt, not bold), both in capitals. A commune or a province issues as
    its People's Committee ("ỦY BAN NHÂN DÂN" / "TỈNH SƠN LA", both bold); another unit
    outside any commune as itself."""
    commune = unit.commune()

    def parent() -> Line:
        return Line((COMMITTEE, f"XÃ {unit_name(commune).upper()}"), 12, "parent")

    def issuing(text: str, split: bool = True) -> Line:
        return Line(halves(text) if split else (text,), 13, "issuer", bold=True)

    if commune is not None and body:
        return (parent(), issuing(body.upper()))
    if unit.kind == OrgUnit.Kind.COMMUNE:
        return (issuing(COMMITTEE, False), issuing(f"XÃ {unit_name(unit).upper()}", False))
    if unit.kind == OrgUnit.Kind.PROVINCE:
        return (issuing(COMMITTEE, False), issuing(f"TỈNH {unit_name(unit).upper()}", False))
    if commune is not None and unit.kind == OrgUnit.Kind.VILLAGE:
        return (parent(), issuing(f"BẢN {unit_name(unit).upper()}", False))
    if commune is not None and unit.kind == OrgUnit.Kind.SERVICE_CENTER:
        # "Trung tâm phục vụ hành chính công xã Long Hẹ" → without the commune, which
        # the parent line names.
        place = re.escape(unit_name(commune))
        name = re.sub(rf"\s+xã\s+{place}\s*$", "", nfc(unit.name), flags=re.I)
        return (parent(), issuing((name or CENTER).upper()))
    return (issuing(unit_name(unit).upper()),)


def state_letterhead(
    unit: OrgUnit,
    *,
    day: dt.date,
    number: int | None = None,
    symbol: str = "",
    body: str = "",
) -> Letterhead:
    """The letterhead of a state document issued at ``unit`` on ``day`` (Decree 30/2020
    Appendix I).

    ``number``/``symbol`` give the number line "Số: 15/QĐ-UBND" (see ``_number_line``).
    ``body`` names the issuing body when it is not ``unit`` but a body under its
    commune's People's Committee (the one-stop forms are the commune's service center's
    wherever the dossier was recorded); outside a commune it is ignored.
    """
    return Letterhead(
        kind=STATE,
        issuer=_state_issuer(unit, body),
        heading=(
            Line((NATION,), 12, "nation", bold=True),
            Line((MOTTO,), 13, "motto", bold=True, underline=True),
        ),
        place_date=_date_line(unit, day, 14),
        number=_number_line(number, symbol, party=False),
    )


# ----------------------------------------------------------------------- Party


def _party_issuer(unit: OrgUnit) -> tuple[Line, ...]:
    """Hướng dẫn 36-HD/VPTW: the issuing Party body (14 pt bold) under its direct
    superior (14 pt, not bold). Since 1 July 2025 a commune's Party committee is directly
    under the province's Party organisation ("ĐẢNG BỘ TỈNH SƠN LA" / "ĐẢNG ỦY XÃ LONG
    HẸ"); a cell or branch inside the commune is under the commune's ("ĐẢNG BỘ XÃ LONG
    HẸ" / "CHI BỘ BẢN PÁ UỔI"). A commune given for its Party committee reads as the
    latter's "ĐẢNG ỦY XÃ …"."""
    commune = unit.commune()

    def line(text: str, bold: bool) -> Line:
        return Line(halves(text.upper()), 14, "issuer" if bold else "parent", bold=bold)

    if commune is None:
        return (line(unit_name(unit), True),)
    committee = unit.kind == OrgUnit.Kind.COMMUNE or (
        unit.kind == OrgUnit.Kind.PARTY and unit.parent_id == commune.pk
    )
    if not committee:
        return (line(f"Đảng bộ xã {unit_name(commune)}", False), line(unit_name(unit), True))
    body = (
        unit_name(unit) if unit.kind == OrgUnit.Kind.PARTY else f"Đảng ủy xã {unit_name(commune)}"
    )
    province = unit.province()
    if province is None:
        return (line(body, True),)
    return (line(f"Đảng bộ tỉnh {unit_name(province)}", False), line(body, True))


def party_letterhead(
    unit: OrgUnit, *, day: dt.date, number: int | None = None, symbol: str = ""
) -> Letterhead:
    """The letterhead of a Party document issued by ``unit`` (a Party body, or a commune
    for its Party committee) on ``day`` (Hướng dẫn 36-HD/VPTW).

    ``number``/``symbol`` give "Số 07-NQ/ĐU" (see ``_number_line``); Party documents are
    numbered per document type through the committee's term, not per year.
    """
    return Letterhead(
        kind=PARTY,
        issuer=_party_issuer(unit),
        heading=(Line((PARTY_TITLE,), 15, "party-title", bold=True, underline=True),),
        place_date=_date_line(unit, day, 14),
        number=_number_line(number, symbol, party=True),
    )
