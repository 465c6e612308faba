"""A resolution's targets as office documents: an XLSX table and a DOCX report.

Both are laid out as Decree 30/2020/NĐ-CP (Appendix I) documents — issuing body top
left, national motto top right, the place-and-date line in italics, Times New Roman —
and show only what ``selectors.evaluate_targets`` computed from approved figures: a
missing figure is an empty cell (XLSX) or "—" (DOCX), never a zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from xaso.core.models import OrgUnit
from xaso.core.spreadsheets import print_a4_landscape
from xaso.core.vietnamese import (
    decree30_date_phrase,
    format_date,
    format_datetime,
    format_number,
    nfc,
)
from xaso.targets.evaluation import STATUS_LABELS, Status
from xaso.targets.models import Measure, Resolution
from xaso.targets.selectors import GroupRow, MeasureRow, TargetRow

__all__ = ["issuer_lines", "targets_docx", "targets_xlsx"]

FONT = "Times New Roman"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TABLE_TITLE = "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT"
NO_DATA = STATUS_LABELS[Status.NO_DATA]
AT_RISK = " — có nguy cơ không đạt"
DASH = "—"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


# ------------------------------------------------------------------ shared content


def _roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


def commune_of(unit: OrgUnit) -> OrgUnit | None:
    """The commune ``unit`` is (or lies in), walking up the tree."""
    node: OrgUnit | None = unit
    while node is not None:
        if node.kind == OrgUnit.Kind.COMMUNE:
            return node
        node = node.parent
    return None


def _upper_name(unit: OrgUnit) -> str:
    return nfc(unit.name).upper() if unit.name else nfc(unit.display_name).upper()


def issuer_lines(unit: OrgUnit) -> list[tuple[str, bool]]:
    """The issuing body as (line, bold) pairs: the parent body (not bold) above the
    issuing body itself (bold), both in capitals."""
    commune = commune_of(unit)
    if unit.kind == OrgUnit.Kind.COMMUNE:
        return [("ỦY BAN NHÂN DÂN", True), (f"XÃ {_upper_name(unit)}", True)]
    if unit.kind == OrgUnit.Kind.VILLAGE and commune is not None:
        return [
            (f"ỦY BAN NHÂN DÂN XÃ {_upper_name(commune)}", False),
            (f"BẢN {_upper_name(unit)}", True),
        ]
    return [(_upper_name(unit), True)]


def _place(unit: OrgUnit) -> str:
    commune = commune_of(unit)
    return nfc(commune.name if commune is not None else unit.name)


def _plain(value: Decimal | None) -> str:
    """A target or limit as written: no trailing zeros ("10", "0,4", "10.000.000")."""
    if value is None:
        return ""
    number = Decimal(value)
    exponent = number.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(number, decimals)


def target_text(measure: Measure) -> str:
    """ "≥ 10", "< 35" or "7–9" for a range."""
    if measure.comparator == Measure.Comparator.RANGE:
        return f"{_plain(measure.target_value)}–{_plain(measure.target_max)}"
    return f"{measure.get_comparator_display()} {_plain(measure.target_value)}"


def measure_status(row: MeasureRow) -> str:
    latest = row.evaluation.latest
    text = latest.status_label if latest is not None else NO_DATA
    return text + (AT_RISK if row.evaluation.at_risk else "")


def target_status(row: TargetRow) -> str:
    return STATUS_LABELS[row.status] + (AT_RISK if row.at_risk else "")


def _coverage_note(row: MeasureRow, year: int) -> str:
    cover = row.series.coverage.get(year)
    if cover is None:
        return ""
    return f"Cộng từ số liệu của {cover.reported}/{cover.expected} bản"


def _baseline(row: MeasureRow, resolution: Resolution, unit: OrgUnit) -> Decimal | None:
    """The measure's baseline, which is the resolution's unit's figure: not shown for
    another unit (a bản), whose own baseline is not known."""
    if unit.pk != resolution.org_unit_id:
        return None
    return row.measure.baseline


def _baseline_note(row: MeasureRow, resolution: Resolution) -> str:
    measure = row.measure
    parts = []
    if measure.baseline_year and measure.baseline_year != resolution.baseline_year:
        parts.append(f"Năm {measure.baseline_year}")
    if measure.baseline_source:
        parts.append(f"Nguồn: {nfc(measure.baseline_source)}")
    return ". ".join(parts)


@dataclass
class Line:
    """One table row: a group heading, a target, or a measure under a target."""

    kind: str  # "group" | "target" | "measure"
    number: str
    label: str
    measure: MeasureRow | None = None
    status: str = ""


def table_lines(groups: list[GroupRow]) -> list[Line]:
    lines: list[Line] = []
    seq = 0
    for group_row in groups:
        group = group_row.group
        lines.append(Line("group", _roman(group.number), nfc(group.name)))
        for target_row in group_row.targets:
            seq += 1
            target = target_row.target
            label = f"({target.number}) {nfc(target.name)}"
            if len(target_row.measures) == 1:
                only = target_row.measures[0]
                lines.append(Line("target", str(seq), label, only, measure_status(only)))
                continue
            lines.append(
                Line(
                    "target",
                    str(seq),
                    label,
                    None,
                    target_status(target_row) if target_row.measures else "",
                )
            )
            for m in target_row.measures:
                lines.append(
                    Line(
                        "measure",
                        "",
                        f"{m.measure.code}. {nfc(m.measure.name)}",
                        m,
                        measure_status(m),
                    )
                )
    return lines


def _taken_at(today: dt.date) -> str:
    if isinstance(today, dt.datetime):
        return format_datetime(today)
    return f"ngày {format_date(today)}"


YEARS_SPAN = "Kết quả thực hiện"


def _headers(resolution: Resolution) -> list[str]:
    """The table's column headings; the year columns ("2026"…) sit under
    ``YEARS_SPAN`` in a second heading row, the others span both rows."""
    return [
        "STT",
        "Chỉ tiêu / thành phần",
        "Đơn vị tính",
        "Mục tiêu",
        f"Năm gốc ({resolution.baseline_year})",
        *[str(y) for y in resolution.years],
        "Tình trạng",
    ]


# ------------------------------------------------------------------------- XLSX

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Column widths in characters; figures and units widen their columns as needed.
XLSX_WIDTHS = {"stt": 5, "name": 42, "unit": 9, "target": 9, "figure": 9, "status": 22}
# LibreOffice shows a format tagged Vietnamese (LCID 42A) as "1.234,5"; Excel uses the
# reader's own separators either way.
VI_LOCALE = "[$-42A]"


def _xfont(
    size: float = 12, *, bold: bool = False, italic: bool = False, underline: str | None = None
) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic, underline=underline)


def _number_format(decimals: int) -> str:
    return VI_LOCALE + ("#,##0" if decimals <= 0 else "#,##0." + "0" * decimals)


def _xlsx_widths(resolution: Resolution, unit: OrgUnit, lines: list[Line]) -> list[float]:
    """Column widths (characters) wide enough for the longest figure, unit word and
    target of their columns, so that none is broken inside a word."""
    rows = [ln.measure for ln in lines if ln.measure is not None]
    units = [w for m in rows for w in nfc(m.measure.unit).split()]
    targets = [target_text(m.measure) for m in rows]

    def figures(col: int) -> list[str]:
        found = []
        for m in rows:
            if col == 0:
                value = _baseline(m, resolution, unit)
            else:
                periods = m.evaluation.periods
                value = periods[col - 1].actual if col - 1 < len(periods) else None
            if value is not None:
                found.append(format_number(value, m.measure.decimals))
        return found

    def fit(texts: list[str], minimum: float, maximum: float = 22) -> float:
        longest = max((len(t) for t in texts), default=0)
        return max(minimum, min(maximum, longest * 1.1 + 2))

    w = XLSX_WIDTHS
    years = [fit(figures(i + 1), w["figure"]) for i in range(len(resolution.years))]
    baseline = fit(figures(0), w["figure"] + 1)
    return [
        w["stt"],
        w["name"],
        fit(units, w["unit"]),
        fit(targets, w["target"]),
        baseline,
        *years,
        w["status"],
    ]


def _cell_number(value: Decimal) -> float:
    return round(float(value), 6)


def _lines_needed(text: str, width_chars: float, *, bold: bool = False) -> int:
    """About how many lines ``text`` wraps to in a column ``width_chars`` wide (a column
    width counts digits of the default font; Times New Roman 12 text is narrower)."""
    per_line = max(1.0, width_chars * (1.15 if bold else 1.3) - 1)
    count = 0
    for part in str(text).split("\n"):
        used, count = 0.0, count + 1
        for word in part.split():
            if used and used + 1 + len(word) > per_line:
                count += 1
                used = 0.0
            used += (1 if used else 0) + len(word)
            while used > per_line:  # a word longer than the line breaks inside
                count += 1
                used -= per_line
    return count


def targets_xlsx(
    resolution: Resolution, unit: OrgUnit, groups: list[GroupRow], *, today: dt.date
) -> bytes:
    """The targets table as an XLSX workbook, sheet "Chỉ tiêu"."""
    years = resolution.years
    headers = _headers(resolution)
    ncols = len(headers)
    col_year0 = 6  # F
    col_status = col_year0 + len(years)
    last = get_column_letter(ncols)

    wb = Workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    wb.properties.title = nfc(f"{TABLE_TITLE} — {resolution.name}")
    wb.properties.creator = "xaso"

    lines = table_lines(groups)
    widths = _xlsx_widths(resolution, unit, lines)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width

    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def put(ref_range: str, text: str, font: Font, align: Alignment = centre) -> None:
        first = ref_range.split(":")[0]
        if ":" in ref_range:
            ws.merge_cells(ref_range)
        cell = ws[first]
        cell.value = nfc(text)
        cell.font = font
        cell.alignment = align

    # Header block: issuing body left (A–C), national motto right (D–last).
    issuer = issuer_lines(unit)
    for offset, (text, bold) in enumerate(issuer):
        put(f"A{1 + offset}:C{1 + offset}", text, _xfont(12, bold=bold))
    put(f"A{1 + len(issuer)}:C{1 + len(issuer)}", "―――――――", _xfont(8))
    put(f"D1:{last}1", NATION, _xfont(12, bold=True))
    put(f"D2:{last}2", MOTTO, _xfont(13, bold=True, underline="single"))
    put(f"D4:{last}4", decree30_date_phrase(today, place=_place(unit)), _xfont(13, italic=True))
    put(f"A6:{last}6", TABLE_TITLE, _xfont(14, bold=True))
    put(f"A7:{last}7", resolution.name, _xfont(13, bold=True))
    put(
        f"A8:{last}8",
        f"(Số liệu đã được phê duyệt, tổng hợp từ hệ thống xaso {_taken_at(today)})",
        _xfont(12, italic=True),
    )
    for row, height in {1: 17, 2: 18, 3: 12, 4: 18, 5: 10, 6: 20, 7: 18, 8: 17, 9: 8}.items():
        ws.row_dimensions[row].height = height
    total_chars = sum(widths)
    ws.row_dimensions[7].height = 18 * _lines_needed(resolution.name, total_chars, bold=True)

    top, header_row = 10, 11
    for col, text in enumerate(headers, start=1):
        in_span = col_year0 <= col < col_status
        for r in (top, header_row):
            cell = ws.cell(row=r, column=col)
            cell.font = _xfont(12, bold=True)
            cell.alignment = centre
            cell.border = BOX
        ws.cell(row=header_row if in_span else top, column=col, value=text)
        if not in_span:
            ws.merge_cells(start_row=top, start_column=col, end_row=header_row, end_column=col)
    ws.cell(row=top, column=col_year0, value=YEARS_SPAN)
    ws.merge_cells(start_row=top, start_column=col_year0, end_row=top, end_column=col_status - 1)
    ws.row_dimensions[top].height = 20
    ws.row_dimensions[header_row].height = 20

    row = header_row
    for line in lines:
        row += 1
        values: list[object] = [None] * ncols
        values[0] = line.number
        values[1] = line.label
        m = line.measure
        if m is not None:
            values[2] = nfc(m.measure.unit) or None
            values[3] = target_text(m.measure)
            baseline = _baseline(m, resolution, unit)
            if baseline is not None:
                values[4] = _cell_number(baseline)
            for i, period in enumerate(m.evaluation.periods[: len(years)]):
                if period.actual is not None:
                    values[col_year0 - 1 + i] = _cell_number(period.actual)
        values[col_status - 1] = line.status or None
        bold = line.kind in ("group", "target")
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = BOX
            cell.font = _xfont(12, bold=bold and col <= 2)
            if col == 2:
                cell.alignment = Alignment(
                    horizontal="left",
                    vertical="center",
                    wrap_text=True,
                    indent=2 if line.kind == "measure" else 0,
                )
            elif isinstance(value, float):
                cell.alignment = Alignment(horizontal="right", vertical="center", indent=1)
                cell.number_format = _number_format(m.measure.decimals if m else 1)
            elif col == col_status:
                cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            else:
                cell.alignment = centre
        if line.kind == "group":
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=ncols)
        if m is not None:
            note = _baseline_note(m, resolution)
            if note and values[4] is not None:
                ws.cell(row=row, column=5).comment = Comment(note, "xaso", width=300, height=80)
            for i, year in enumerate(years):
                cover = _coverage_note(m, year)
                if cover and values[col_year0 - 1 + i] is not None:
                    ws.cell(row=row, column=col_year0 + i).comment = Comment(cover, "xaso")
        name_width = widths[1] if line.kind != "group" else sum(widths[1:])
        height_lines = max(
            _lines_needed(line.label, name_width - (4 if line.kind == "measure" else 0), bold=bold),
            _lines_needed(line.status, widths[-1]) if line.status else 1,
            _lines_needed(values[2] or "", widths[2]),
        )
        ws.row_dimensions[row].height = 16 * height_lines + 4

    print_a4_landscape(
        ws,
        title_rows=f"{top}:{header_row}",
        area=f"A1:{last}{row}",
        freeze_row=header_row + 1,
        left_mm=30,
        bottom_mm=20,
        footer_font=FONT,
    )

    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# ------------------------------------------------------------------------- DOCX


def _set_run_font(run, size: float | None = None) -> None:
    run.font.name = FONT
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        run.font.size = Pt(size)


def _para(
    container,
    text: str = "",
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    first: bool = False,
):
    """A paragraph in ``container`` (document or cell); ``first`` reuses a cell's empty
    first paragraph."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if text:
        run = paragraph.add_run(nfc(text))
        run.bold = bold
        run.italic = italic
        run.underline = underline
        _set_run_font(run, size)
    return paragraph


def _short_rule(container, width_mm: float, cell_width_mm: float, *, after: float = 0):
    """A centred short horizontal line: an empty paragraph with a top border, its
    indents narrowing the border to ``width_mm``."""
    paragraph = container.add_paragraph()
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.append(borders)
    side = max(0.0, (cell_width_mm - width_mm) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(4)
    fmt.space_after = Pt(after)
    fmt.line_spacing = Pt(4)
    run = paragraph.add_run("")
    _set_run_font(run, 2)
    return paragraph


# Word rejects a file whose properties are out of the schema's order: these follow.
_AFTER_TBL_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
_AFTER_TR_HEADER = ("w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del")


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_AFTER_TBL_BORDERS)


def _widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _cell_margins(table, mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(Mm(mm).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, *_AFTER_TBL_BORDERS[3:])


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.insert_element_before(element, *_AFTER_TR_HEADER[1:])


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.insert_element_before(OxmlElement("w:cantSplit"), "w:trHeight", *_AFTER_TR_HEADER)


def _page_number_header(section) -> None:
    """Page number top centre from page 2 (Decree 30): blank first-page header."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = paragraph.add_run("")
    _set_run_font(run, 13)
    field.append(run._r)
    paragraph._p.append(field)


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _text_width_mm(text: str, size: float, em: float = 0.5) -> float:
    """A rough width of ``text`` in Times New Roman: digits are half an em wide, and
    ``em`` about the average of other text."""
    return len(text) * size * em * 0.3528


ZWSP = "\u200b"


def _breakable_unit(unit: str, size: float, width_mm: float) -> str:
    """A unit such as "đồng/người/năm" that may wrap after its slashes when it is wider
    than ``width_mm`` (otherwise a narrow column breaks it inside a word)."""
    if any(_text_width_mm(w, size, 0.47) > width_mm for w in unit.split()):
        return unit.replace("/", "/" + ZWSP)
    return unit


def _summary(groups: list[GroupRow]) -> str:
    measures = [m for g in groups for t in g.targets for m in t.measures]
    targets = sum(len(g.targets) for g in groups)
    if not measures:
        return ""
    counts = {status: 0 for status in Status}
    for m in measures:
        counts[m.evaluation.status] += 1
    at_risk = sum(1 for m in measures if m.evaluation.at_risk)
    parts = [
        f"{STATUS_LABELS[s]} {counts[s]}"
        for s in (Status.MET, Status.NOT_MET, Status.NOT_DUE, Status.NO_DATA)
    ]
    text = (
        f"Trong {len(measures)} thành phần đo của {targets} chỉ tiêu, theo số liệu năm "
        f"gần nhất có số liệu: {'; '.join(parts)}."
    )
    if at_risk:
        text += (
            f" Có {at_risk} thành phần có nguy cơ không đạt mục tiêu đến cuối nhiệm kỳ "
            "nếu giữ nhịp độ hiện nay."
        )
    return text


def _subject(unit: OrgUnit) -> str:
    if unit.kind == OrgUnit.Kind.COMMUNE:
        return f"Ủy ban nhân dân xã {nfc(unit.name)}"
    commune = commune_of(unit)
    if unit.kind == OrgUnit.Kind.VILLAGE and commune is not None:
        return f"{nfc(unit.display_name)}, xã {nfc(commune.name)},"
    return nfc(unit.display_name)


def targets_docx(
    resolution: Resolution, unit: OrgUnit, groups: list[GroupRow], *, today: dt.date
) -> bytes:
    """The targets as a Decree 30/2020 report (báo cáo): text on an A4 portrait page, the
    table on A4 landscape pages, then the recipients and the signature block."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    doc.core_properties.title = nfc(f"Báo cáo kết quả thực hiện các chỉ tiêu {resolution.name}")
    doc.core_properties.author = "xaso"

    first = doc.sections[0]
    _page(first, landscape=False)
    _page_number_header(first)
    text_width = 210 - 30 - 15

    # Heading: issuing body and number left, motto and place-date right.
    left_w, right_w = 70.0, text_width - 70.0
    head = doc.add_table(rows=2, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(head)
    _cell_margins(head, 0.5)
    _widths(head, [left_w, right_w])
    left, right = head.cell(0, 0), head.cell(0, 1)
    issuer = issuer_lines(unit)
    for index, (text, bold) in enumerate(issuer):
        _para(left, text, size=13 if bold else 12, bold=bold, first=index == 0)
    last_issuer = issuer[-1][0]
    _short_rule(left, max(15.0, min(left_w - 10, _text_width_mm(last_issuer, 13) * 0.6)), left_w)
    _para(right, NATION, size=12, bold=True, first=True)
    _para(right, MOTTO, size=13, bold=True, underline=True)
    symbol = "BC-UBND" if unit.kind == OrgUnit.Kind.COMMUNE else "BC"
    _para(
        head.cell(1, 0),
        f"Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/{symbol}",
        size=13,
        first=True,
        before=6,
    )
    _para(
        head.cell(1, 1),
        decree30_date_phrase(today, place=_place(unit)),
        size=14,
        italic=True,
        first=True,
        before=6,
    )
    for row in head.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    _para(doc, "BÁO CÁO", size=14, bold=True, before=24)
    _para(doc, f"Kết quả thực hiện các chỉ tiêu {resolution.name}", size=14, bold=True)
    _short_rule(doc, 40, text_width, after=12)

    def body(text: str) -> None:
        paragraph = _para(doc, text, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.paragraph_format.line_spacing = 1.15

    body(f"{_subject(unit)} báo cáo kết quả thực hiện các chỉ tiêu của {resolution.name} như sau.")
    body(
        f"Số liệu tổng hợp trực tiếp từ hệ thống xaso tại thời điểm {_taken_at(today)}, "
        "chỉ gồm số liệu đã được phê duyệt; ô có dấu “—” là chưa có số liệu được phê duyệt. "
        "Tình trạng của mỗi chỉ tiêu đánh giá theo năm gần nhất có số liệu."
    )
    summary = _summary(groups)
    if summary:
        body(summary)
    body("Kết quả cụ thể tại biểu tổng hợp kèm theo.")

    # The table on landscape pages.
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    section.different_first_page_header_footer = False
    page_width = 297 - 30 - 15
    _para(doc, TABLE_TITLE, size=13, bold=True)
    _para(
        doc,
        f"(Kèm theo báo cáo kết quả thực hiện các chỉ tiêu {resolution.name})",
        size=12,
        italic=True,
        after=6,
    )
    _docx_table(doc, resolution, unit, groups, page_width)

    # Recipients and signature.
    closing = doc.add_table(rows=1, cols=2)
    _no_borders(closing)
    _widths(closing, [page_width * 0.45, page_width * 0.55])
    recipients, signature = closing.cell(0, 0), closing.cell(0, 1)
    _para(
        recipients,
        "Nơi nhận:",
        size=12,
        bold=True,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        first=True,
        before=12,
    )
    for item in ("- Như trên;", "- Lưu: VT."):
        _para(recipients, item, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    if unit.kind == OrgUnit.Kind.COMMUNE:
        _para(signature, "TM. ỦY BAN NHÂN DÂN", size=13, bold=True, first=True, before=12)
        _para(signature, "CHỦ TỊCH", size=13, bold=True)
    else:
        _para(
            signature,
            "TRƯỞNG BẢN" if unit.kind == OrgUnit.Kind.VILLAGE else "THỦ TRƯỞNG",
            size=13,
            bold=True,
            first=True,
            before=12,
        )
    for _ in range(5):
        _para(signature, "", size=13)

    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_table(
    doc, resolution: Resolution, unit: OrgUnit, groups: list[GroupRow], page_width: float
):
    years = resolution.years
    headers = _headers(resolution)
    lines = table_lines(groups)
    size = 11

    def figure(value: Decimal | None, decimals: int) -> str:
        return DASH if value is None else format_number(value, decimals)

    rows: list[list[str]] = []
    notes: list[list[str]] = []
    for line in lines:
        cells = [""] * len(headers)
        cell_notes = [""] * len(headers)
        cells[0], cells[1] = line.number, line.label
        m = line.measure
        if m is not None:
            decimals = m.measure.decimals
            cells[2] = nfc(m.measure.unit)
            cells[3] = target_text(m.measure)
            cells[4] = figure(_baseline(m, resolution, unit), decimals)
            for i, year in enumerate(years):
                period = m.evaluation.periods[i] if i < len(m.evaluation.periods) else None
                cells[5 + i] = figure(period.actual if period else None, decimals)
                cover = m.series.coverage.get(year)
                if cover is not None and cover.reported < cover.expected and cells[5 + i] != DASH:
                    cell_notes[5 + i] = f"({cover.reported}/{cover.expected} bản)"
        cells[-1] = line.status
        rows.append(cells)
        notes.append(cell_notes)

    # Column widths: figures as wide as their longest word (a number never wraps), units
    # wrap after their slashes, and the name takes the rest.
    def need(col: int, minimum: float, em: float = 0.5, maximum: float = 26) -> float:
        words = [w for r in rows for w in r[col].replace(ZWSP, " ").split()]
        longest = max((_text_width_mm(w, size, em) * 1.05 for w in words), default=0)
        return max(minimum, min(longest + 2.5, maximum))

    unit_min = 16.0
    others = 10 + 28 + need(3, 15) + need(4, 18) + sum(need(5 + i, 14) for i in range(len(years)))
    if page_width - others - need(2, unit_min, 0.47, 30) < 60:  # the name needs the room
        for cells in rows:
            cells[2] = _breakable_unit(cells[2], size, unit_min - 2.5)

    widths = [
        10.0,
        0.0,
        need(2, unit_min, 0.47, 30),
        need(3, 15),
        need(4, 18),
        *[need(5 + i, 14) for i in range(len(years))],
        28.0,
    ]
    widths[1] = max(55.0, page_width - sum(widths))
    if sum(widths) > page_width:  # many years: shrink the figures evenly
        extra = sum(widths) - page_width
        figures = list(range(3, 5 + len(years)))
        for col in figures:
            widths[col] -= extra / len(figures)

    table = doc.add_table(rows=2 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, 1.0)
    _widths(table, widths)

    first_year, status_col = 5, 5 + len(years)
    for header in table.rows[:2]:
        _repeat_header(header)
        _cant_split(header)
    span = table.cell(0, first_year).merge(table.cell(0, status_col - 1))
    for col, text in enumerate(headers):
        if first_year <= col < status_col:  # a year, under the span
            cell = table.cell(1, col)
        else:
            cell = table.cell(0, col).merge(table.cell(1, col))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _para(cell, text, size=size, bold=True, first=True, before=2, after=2)
    span.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _para(span, YEARS_SPAN, size=size, bold=True, first=True, before=2, after=2)

    for index, (line, cells, cell_notes) in enumerate(zip(lines, rows, notes, strict=True)):
        row = table.rows[index + 2]
        _cant_split(row)
        if line.kind == "group":
            row.cells[1].merge(row.cells[-1])
        for col, text in enumerate(cells):
            if line.kind == "group" and col > 1:
                continue
            cell = row.cells[col]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if col == 1 or col == len(cells) - 1:
                align = WD_ALIGN_PARAGRAPH.LEFT
            elif col >= 4 and text not in ("", DASH):
                align = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                align = WD_ALIGN_PARAGRAPH.CENTER
            bold = line.kind in ("group", "target") and col <= 1
            paragraph = _para(
                cell, text, size=size, bold=bold, align=align, first=True, before=1, after=1
            )
            if line.kind == "measure" and col == 1:
                paragraph.paragraph_format.left_indent = Mm(3)
            if cell_notes[col]:
                _para(cell, cell_notes[col], size=9, italic=True, align=align, after=1)
    return table
