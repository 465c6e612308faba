"""Party documents in the layout of Hướng dẫn 36-HD/VPTW, drawn by the kit of
``core.documents`` (the Party letterhead, the PDF and DOCX writers): a member's file
(sơ yếu thông tin đảng viên), the admission decision (quyết định kết nạp đảng viên) and
the introduction letter of a transfer out (giấy giới thiệu sinh hoạt đảng).

Numbering: Party documents are numbered from 01 per document type through the
committee's term (REFERENCE.md, c). xaso keeps no such counter yet, so a document
prints the number the Party office recorded — the decision number on the admission, the
letter number on the transfer: "15" or "15-QĐ/ĐU" reads "Số 15-QĐ/ĐU"; any other text
is printed as recorded; none leaves the number blank, to be written in after signing.

One ``Paper`` holds a document's content; ``pdf`` and ``docx`` draw it the same way.
The texts are official Vietnamese, never translated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from docx.shared import Mm

from xaso.core.documents import Letterhead, Line, party_letterhead
from xaso.core.documents import docx_writer as dx
from xaso.core.documents.letterhead import unit_name
from xaso.core.models import OrgUnit
from xaso.core.vietnamese import format_date
from xaso.party.models import Admission, Member, Transfer

DECISION_SYMBOL = "QĐ/ĐU"
DEMO_BAND = "DỮ LIỆU MẪU – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
_NUMBERED = re.compile(r"^\s*(\d{1,4})\s*(?:-\s*([^\s(]+))?")


@dataclass
class Paper:
    letterhead: Letterhead
    title: str
    subtitle: str = ""
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (style, text)
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    sign_role: str = ""
    sign_title: str = ""
    footnote: str = ""
    demo: bool = False
    file_name: str = "van-ban"


def committee_unit(unit: OrgUnit) -> OrgUnit:
    """The Đảng ủy that issues for a cell: the cell's parent Party unit."""
    if unit.kind == OrgUnit.Kind.PARTY and unit.parent and unit.parent.kind == OrgUnit.Kind.PARTY:
        return unit.parent
    return unit


def numbered_letterhead(unit: OrgUnit, day: dt.date, recorded: str, symbol: str) -> Letterhead:
    """The letterhead with the recorded number (see the module's note)."""
    recorded = (recorded or "").strip()
    if not recorded:
        return party_letterhead(unit, day=day, symbol=symbol)
    found = _NUMBERED.match(recorded)
    if found and (found.group(2) or not recorded[found.end() :].strip()):
        return party_letterhead(
            unit, day=day, number=int(found.group(1)), symbol=found.group(2) or symbol
        )
    head = party_letterhead(unit, day=day)
    return dataclasses.replace(head, number=Line((f"Số {recorded}",), 14, "number"))


def member_file(member: Member, *, today: dt.date) -> Paper:
    cell = getattr(member.org_unit, "party_cell", None)
    rows = [
        ("Họ và tên", member.full_name),
        ("Ngày sinh", format_date(member.birth_date)),
        ("Giới tính", member.get_gender_display()),
        ("Dân tộc", member.ethnicity),
        ("Chi bộ", str(cell) if cell else member.org_unit.display_name),
        ("Tình trạng", member.get_status_display()),
        ("Ngày vào Đảng", format_date(member.admitted_on)),
        ("Ngày chính thức", format_date(member.official_on) or "—"),
        ("Số thẻ đảng viên", member.card_number or "—"),
        ("Chức vụ", member.positions or "—"),
        ("Giáo dục phổ thông", member.get_general_education_display()),
        ("Chuyên môn, nghiệp vụ", member.get_professional_display()),
        ("Lý luận chính trị", member.get_theory_display()),
    ]
    if member.temporary:
        rows.append(("Sinh hoạt", "Tạm thời (không tính đảng số)"))
    return Paper(
        letterhead=party_letterhead(committee_unit(member.org_unit), day=today),
        title="SƠ YẾU THÔNG TIN ĐẢNG VIÊN",
        rows=rows,
        footnote=f"Trích từ hồ sơ đảng viên lưu trên hệ thống xaso ngày {format_date(today)}. "
        "Tài liệu mật: không sao chép, không chuyển cho người không có trách nhiệm.",
        demo=member.is_demo,
        file_name=f"so-yeu-dang-vien-{member.pk}",
    )


def admission_decision(adm: Admission) -> Paper:
    """The decision of an admission at or after its decision step."""
    issuer = committee_unit(adm.org_unit)
    cell = getattr(adm.org_unit, "party_cell", None)
    cell_name = str(cell) if cell else adm.org_unit.display_name
    head = numbered_letterhead(issuer, adm.decision_on, adm.decision_number, DECISION_SYMBOL)
    body_name = head.issuer[-1].text
    grounds = [
        ("ground", "Căn cứ Điều lệ Đảng Cộng sản Việt Nam và các quy định thi hành Điều lệ Đảng;"),
    ]
    if adm.meeting_on:
        grounds.append(
            (
                "ground",
                f"Xét nghị quyết của {cell_name} họp ngày {format_date(adm.meeting_on)} "
                "đề nghị kết nạp đảng viên;",
            )
        )
    if adm.resolution_on:
        number = f" số {adm.resolution_number}" if adm.resolution_number else ""
        grounds.append(
            (
                "ground",
                f"Căn cứ nghị quyết{number} ngày {format_date(adm.resolution_on)} "
                f"của {unit_name(issuer)},",
            )
        )
    return Paper(
        letterhead=head,
        title="QUYẾT ĐỊNH",
        subtitle="kết nạp đảng viên",
        paragraphs=[
            ("center-bold", body_name),
            *grounds,
            ("center-bold", "QUYẾT ĐỊNH"),
            (
                "indent",
                f"Điều 1. Kết nạp quần chúng {adm.full_name}, sinh ngày "
                f"{format_date(adm.birth_date)}, dân tộc {adm.ethnicity}, sinh hoạt tại "
                f"{cell_name}, vào Đảng Cộng sản Việt Nam.",
            ),
            (
                "indent",
                "Điều 2. Thời gian dự bị của đảng viên là mười hai tháng, kể từ ngày chi bộ "
                "tổ chức lễ kết nạp (Điều lệ Đảng, Điều 5).",
            ),
            (
                "indent",
                f"Điều 3. {cell_name} và đảng viên có tên tại Điều 1 thi hành quyết định này./.",
            ),
        ],
        sign_role=f"T/M {body_name}",
        sign_title="BÍ THƯ",
        demo=adm.is_demo,
        file_name=f"quyet-dinh-ket-nap-{adm.pk}",
    )


def introduction_letter(transfer: Transfer) -> Paper:
    """Giấy giới thiệu sinh hoạt đảng of a transfer out of the Đảng bộ (or to another of
    its cells)."""
    member = transfer.member
    issuer = committee_unit(transfer.from_unit or transfer.org_unit)
    head = numbered_letterhead(issuer, transfer.on, transfer.letter_number, "")
    where = transfer.other_organisation or (str(transfer.to_unit) if transfer.to_unit else "")
    kind = "chính thức" if transfer.kind == "official" else "tạm thời"
    paragraphs = [
        ("center-bold", f"Kính gửi: {where}"),
        (
            "indent",
            f"{unit_name(issuer)} trân trọng giới thiệu đồng chí {member.full_name}, "
            f"sinh ngày {format_date(member.birth_date)}, dân tộc {member.ethnicity}, vào Đảng "
            f"ngày {format_date(member.admitted_on)}"
            + (f", chính thức ngày {format_date(member.official_on)}" if member.official_on else "")
            + (f", số thẻ đảng viên {member.card_number}" if member.card_number else "")
            + ".",
        ),
        (
            "indent",
            f"Đến sinh hoạt đảng {kind} tại {where} từ ngày {format_date(transfer.on)}"
            + (f" đến ngày {format_date(transfer.until)}" if transfer.until else "")
            + ".",
        ),
        ("indent", "Đề nghị các đồng chí tiếp nhận và giúp đỡ đồng chí hoàn thành nhiệm vụ./."),
    ]
    return Paper(
        letterhead=head,
        title="GIẤY GIỚI THIỆU",
        subtitle="sinh hoạt đảng",
        paragraphs=paragraphs,
        sign_role=f"T/M {head.issuer[-1].text}",
        sign_title="BÍ THƯ",
        demo=member.is_demo,
        file_name=f"gioi-thieu-sinh-hoat-{transfer.pk}",
    )


# --- renderers ----------------------------------------------------------------------------


def pdf(paper: Paper) -> bytes:
    from xaso.core.documents.pdf import html_to_pdf  # WeasyPrint: loaded when printing

    html = render_to_string("party/documents/paper.html", {"paper": paper, "band": DEMO_BAND})
    return html_to_pdf(html)


def docx(paper: Paper) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = dx.new_document(title=paper.title, size=14)
    section = doc.sections[0]
    dx.page_setup(section, landscape=False)
    dx.page_number_header(section)
    if paper.demo:
        dx.paragraph(doc, DEMO_BAND, size=11, bold=True, after=4)
    dx.write_letterhead(doc, paper.letterhead)
    dx.paragraph(doc, paper.title, size=15, bold=True, before=12)
    if paper.subtitle:
        dx.paragraph(doc, paper.subtitle, size=14, bold=True, after=6)
    if paper.rows:
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in paper.rows:
            cells = table.add_row().cells
            dx.paragraph(
                cells[0], label, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True
            )
            dx.paragraph(cells[1], value, size=13, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
        dx.set_widths(table, [60, dx.A4_PORTRAIT_TEXT_MM - 60])
    for style, text in paper.paragraphs:
        if style == "center-bold":
            dx.paragraph(doc, text, size=14, bold=True, before=6, after=6)
        else:
            para = dx.paragraph(doc, text, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=3)
            para.paragraph_format.first_line_indent = Mm(10) if style == "indent" else None
            if style == "ground":
                para.runs[0].italic = True
    if paper.sign_role:
        dx.paragraph(
            doc, paper.sign_role, size=14, bold=True, before=12, align=WD_ALIGN_PARAGRAPH.RIGHT
        )
        dx.paragraph(doc, paper.sign_title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if paper.footnote:
        dx.paragraph(
            doc, paper.footnote, size=11, italic=True, before=12, align=WD_ALIGN_PARAGRAPH.LEFT
        )
    return dx.to_bytes(doc)
