"""DOCX documents (python-docx) in the Decree 30/2020/NĐ-CP Appendix I layout: A4, margins
top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman, page numbers top centre from
page 2, and the letterhead of ``letterhead.py`` (state or Party) in a borderless table.

python-docx has no call for borders, cell margins, repeated header rows or fields, so
those few are written as the WordprocessingML elements, in the schema's order (Word
rejects a file whose properties are out of order).
"""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from xaso.core.documents.letterhead import FONT, Letterhead
from xaso.core.vietnamese import nfc

A4_PORTRAIT_TEXT_MM = 210 - 30 - 15  # the text width between Decree 30's margins
A4_LANDSCAPE_TEXT_MM = 297 - 30 - 15

_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")


def _font_everywhere(r_pr) -> None:
    """Times New Roman for every script of a run's (or style's) properties, so Word
    does not fall back to another font for Vietnamese letters."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in _FONT_ATTRS:
        fonts.set(qn(attr), FONT)


def new_document(*, title: str, size: float = 13):
    """An empty document whose Normal style is Times New Roman ``size`` pt without
    paragraph spacing; ``title`` goes to the file's properties."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    _font_everywhere(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    doc.core_properties.title = nfc(title)
    doc.core_properties.author = "xaso"
    return doc


def to_bytes(doc) -> bytes:
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def set_run_font(run, size: float | None = None) -> None:
    run.font.name = FONT
    _font_everywhere(run._element.get_or_add_rPr())
    if size is not None:
        run.font.size = Pt(size)


def paragraph(
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
    para = container.paragraphs[0] if first else container.add_paragraph()
    para.alignment = align
    fmt = para.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if text:
        run = para.add_run(nfc(text))
        run.bold = bold
        run.italic = italic
        run.underline = underline
        set_run_font(run, size)
    return para


def short_rule(container, width_mm: float, cell_width_mm: float, *, after: float = 0):
    """A centred short horizontal line: an empty paragraph with a top border, its
    indents narrowing the border to ``width_mm``."""
    para = container.add_paragraph()
    p_pr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.append(borders)
    side = max(0.0, (cell_width_mm - width_mm) / 2)
    fmt = para.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(4)
    fmt.space_after = Pt(after)
    fmt.line_spacing = Pt(4)
    run = para.add_run("")
    set_run_font(run, 2)
    return para


# Properties that follow in the schema's order: new ones are inserted before these.
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


def no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_AFTER_TBL_BORDERS)


def set_widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def cell_margins(table, mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(Mm(mm).twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, *_AFTER_TBL_BORDERS[3:])


def repeat_header(row) -> None:
    """The row repeats at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.insert_element_before(element, *_AFTER_TR_HEADER[1:])


def cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.insert_element_before(OxmlElement("w:cantSplit"), "w:trHeight", *_AFTER_TR_HEADER)


def page_number_header(section) -> None:
    """Page number top centre from page 2 (Decree 30): blank first-page header."""
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = para.add_run("")
    set_run_font(run, 13)
    field.append(run._r)
    para._p.append(field)


def page_setup(section, *, landscape: bool) -> None:
    """A4 with Decree 30's margins: top and bottom 20 mm, left 30 mm, right 15 mm."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(15)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def text_width_mm(text: str, size: float, em: float = 0.5) -> float:
    """A rough width of ``text`` in Times New Roman: digits are half an em wide, and
    ``em`` about the average of other text."""
    return len(text) * size * em * 0.3528


def write_letterhead(
    doc, letterhead: Letterhead, *, width_mm: float = A4_PORTRAIT_TEXT_MM, issuer_mm: float = 70
):
    """``letterhead`` as a borderless two-column table: the issuing body, its mark (the
    short rule of Decree 30 or the "*" of Hướng dẫn 36-HD/VPTW) and the number on the
    left; the national name and motto (or "ĐẢNG CỘNG SẢN VIỆT NAM") and the place and
    date on the right. Each line at its prescribed size."""
    head = doc.add_table(rows=2, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(head)
    cell_margins(head, 0.5)
    set_widths(head, [issuer_mm, width_mm - issuer_mm])
    left, right = head.cell(0, 0), head.cell(0, 1)
    for index, line in enumerate(letterhead.issuer):
        paragraph(left, line.text, size=line.size, bold=line.bold, first=index == 0)
    last = letterhead.issuer[-1]
    if letterhead.mark:
        paragraph(left, letterhead.mark, size=last.size)
    else:
        rule = text_width_mm(last.text, last.size) * 0.6
        short_rule(left, max(15.0, min(issuer_mm - 10, rule)), issuer_mm)
    for index, line in enumerate(letterhead.heading):
        paragraph(
            right,
            line.text,
            size=line.size,
            bold=line.bold,
            underline=line.underline,
            first=index == 0,
        )
    if letterhead.number is not None:
        number = letterhead.number
        paragraph(head.cell(1, 0), number.text, size=number.size, first=True, before=6)
    date = letterhead.place_date
    paragraph(head.cell(1, 1), date.text, size=date.size, italic=True, first=True, before=6)
    for row in head.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return head
