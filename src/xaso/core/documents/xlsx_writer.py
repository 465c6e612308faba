"""XLSX tables (openpyxl) in the house layout: Times New Roman, the letterhead of
``letterhead.py`` above the table, thin black cell borders, Vietnamese number formats, and
the print setup of every table — A4 landscape, fit to the page width, the header repeated
on every page, Decree 30/2020/NĐ-CP margins, "Trang x/y" in the footer."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from xaso.core.documents.letterhead import FONT, Letterhead
from xaso.core.vietnamese import nfc

MM = 1 / 25.4
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# LibreOffice shows a format tagged Vietnamese (LCID 42A) as "1.234,5"; Excel uses the
# reader's own separators either way.
VI_LOCALE = "[$-42A]"
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def font(
    size: float = 12, *, bold: bool = False, italic: bool = False, underline: str | None = None
) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic, underline=underline)


def number_format(decimals: int) -> str:
    """A grouped number format with ``decimals`` places, shown "1.234,5" in Vietnamese."""
    return VI_LOCALE + ("#,##0" if decimals <= 0 else "#,##0." + "0" * decimals)


def new_workbook(*, sheet: str, title: str) -> tuple[Workbook, Worksheet]:
    """A workbook of one sheet named ``sheet``; ``title`` goes to the file's properties."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    wb.properties.title = nfc(title)
    wb.properties.creator = "xaso"
    return wb, ws


#: What a spreadsheet program could take for the start of a formula (OWASP "CSV
#: injection"): "=HYPERLINK(…)" typed as an applicant's name must stay a name.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(wb: Workbook) -> None:
    """Every text cell that begins like a formula is stored as text, marked with Excel's
    quote prefix so that editing it keeps it text; numbers and our own formulas (we write
    none) are untouched."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def to_bytes(wb: Workbook) -> bytes:
    """The workbook's file — the only way xaso writes one, so every cell is neutralised."""
    neutralise(wb)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def put(ws: Worksheet, ref_range: str, text: str, cell_font: Font, align=CENTRE) -> None:
    """``text`` in the (merged, when a range) cells ``ref_range``."""
    if ":" in ref_range:
        ws.merge_cells(ref_range)
    cell = ws[ref_range.split(":")[0]]
    cell.value = nfc(text)
    cell.font = cell_font
    cell.alignment = align


def write_letterhead(
    ws: Worksheet, letterhead: Letterhead, *, last_col: int, issuer_cols: int = 3
) -> int:
    """``letterhead`` in the sheet's first rows: the issuing body, its mark (the short
    rule of Decree 30 or the "*" of Hướng dẫn 36-HD/VPTW) and the number across the
    first ``issuer_cols`` columns; the national name and motto (or "ĐẢNG CỘNG SẢN VIỆT
    NAM") and the place and date across the others, to ``last_col``. The sizes are a
    table's, not a letter's: the issuing body 12 pt whatever its prescribed size (bold
    where prescribed), so that it fits the narrow left columns; the heading lines their
    prescribed size capped at 13 pt; the number and the place and date 13 pt. Returns the
    first row below it."""
    left = get_column_letter(issuer_cols)
    right, last = get_column_letter(issuer_cols + 1), get_column_letter(last_col)
    issuer = letterhead.issuer
    for row, line in enumerate(issuer, start=1):
        put(ws, f"A{row}:{left}{row}", line.text, font(12, bold=line.bold))
    mark_row = len(issuer) + 1
    if letterhead.mark:
        put(ws, f"A{mark_row}:{left}{mark_row}", letterhead.mark, font(12))
    else:
        put(ws, f"A{mark_row}:{left}{mark_row}", "―――――――", font(8))
    for row, line in enumerate(letterhead.heading, start=1):
        underline = "single" if line.underline else None
        cell_font = font(min(line.size, 13), bold=line.bold, underline=underline)
        put(ws, f"{right}{row}:{last}{row}", line.text, cell_font)
    date_row = max(4, mark_row + 1)
    if letterhead.number is not None:
        put(ws, f"A{date_row}:{left}{date_row}", letterhead.number.text, font(13))
    put(
        ws, f"{right}{date_row}:{last}{date_row}", letterhead.place_date.text, font(13, italic=True)
    )
    heights = {1: 17, 2: 18, date_row: 18}
    for row in range(3, date_row):
        heights[row] = 18 if row <= len(issuer) else 12
    for row, height in heights.items():
        ws.row_dimensions[row].height = height
    return date_row + 1


def lines_needed(text: str, width_chars: float, *, bold: bool = False) -> int:
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


def print_a4_landscape(
    ws: Worksheet,
    *,
    title_rows: str,
    area: str,
    freeze_row: int,
    left_mm: float = 30,
    bottom_mm: float = 20,
) -> None:
    """The print setup of every table: A4 landscape fitted to the page width,
    ``title_rows`` repeated on every page, panes frozen above ``freeze_row``, Decree 30
    margins (top 20 mm, right 15 mm; left and bottom as given), "Trang x/y" below."""
    ws.freeze_panes = ws.cell(row=freeze_row, column=1)
    ws.print_title_rows = title_rows
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins = PageMargins(
        left=left_mm * MM,
        right=15 * MM,
        top=20 * MM,
        bottom=bottom_mm * MM,
        header=8 * MM,
        footer=8 * MM,
    )
    ws.oddFooter.center.text = "Trang &P/&N"
    ws.oddFooter.center.font = FONT
    ws.oddFooter.center.size = 10
    ws.print_area = area
