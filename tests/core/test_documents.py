"""The document kit (xaso.core.documents): state (Decree 30/2020/NĐ-CP Appendix I) and Party
(Hướng dẫn 36-HD/VPTW) letterheads as data, drawn the same in HTML, DOCX and XLSX; a Party
document that LibreOffice opens; a PDF renderer that never touches the network."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import socket
import subprocess
import unicodedata
from io import BytesIO

import pytest
from django.template.loader import render_to_string
from docx import Document
from openpyxl import Workbook

from xaso.core import services
from xaso.core.documents import (
    MOTTO,
    NATION,
    PARTY_TITLE,
    docx_writer,
    party_letterhead,
    qr_data_uri,
    state_letterhead,
    xlsx_writer,
)
from xaso.core.documents.pdf import OfflineFetcher, html_to_pdf
from xaso.core.models import OrgUnit

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 4)
DATE_LINE = "Long Hẹ, ngày 04 tháng 5 năm 2026"


def lines(letterhead):
    """The issuing body as (text, bold) pairs."""
    return [(line.text, line.bold) for line in letterhead.issuer]


@pytest.fixture
def party_committee(longhe):
    return OrgUnit.objects.get(code="03763-DU")


@pytest.fixture
def party_cell(party_committee):
    return services.org_unit_create(
        actor=None,
        parent=party_committee,
        code="03763-DU-CB01",
        name="Chi bộ bản Pá Uổi",
        kind=OrgUnit.Kind.PARTY,
    )


# --- state documents (Decree 30/2020/NĐ-CP Appendix I) -----------------------------------


def test_a_communes_state_letterhead(longhe):
    head = state_letterhead(longhe, day=DAY, number=15, symbol="QĐ-UBND")
    assert not head.is_party
    assert head.mark == ""  # a short rule, not a star
    assert lines(head) == [("ỦY BAN NHÂN DÂN", True), ("XÃ LONG HẸ", True)]
    nation, motto = head.heading
    assert (nation.text, nation.bold, nation.underline) == (NATION, True, False)
    assert (motto.text, motto.bold, motto.underline) == (MOTTO, True, True)
    assert head.number.text == "Số: 15/QĐ-UBND"
    assert (head.place_date.text, head.place_date.italic) == (DATE_LINE, True)


def test_state_numbers_take_a_leading_zero_or_stay_blank_until_signed(longhe):
    assert state_letterhead(longhe, day=DAY, number=5, symbol="BC-UBND").number.text == (
        "Số: 05/BC-UBND"
    )
    blank = state_letterhead(longhe, day=DAY, symbol="BC-UBND").number.text
    assert blank == "Số:" + "\u00a0" * 6 + "/BC-UBND"
    assert state_letterhead(longhe, day=DAY).number is None
    # Days below 10 and months 1–2 take a leading zero.
    assert state_letterhead(longhe, day=dt.date(2026, 2, 5)).place_date.text == (
        "Long Hẹ, ngày 05 tháng 02 năm 2026"
    )


def test_a_ban_and_the_service_center_sit_under_the_communes_committee(longhe):
    village = OrgUnit.objects.get(code="03763-B01")
    assert lines(state_letterhead(village, day=DAY)) == [
        ("ỦY BAN NHÂN DÂN XÃ LONG HẸ", False),
        ("BẢN PÁ UỔI", True),
    ]
    center = OrgUnit.objects.get(code="03763-TTPVHCC")
    head = state_letterhead(center, day=DAY)
    assert lines(head) == [
        ("ỦY BAN NHÂN DÂN XÃ LONG HẸ", False),
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", True),
    ]
    # A narrow column breaks the parent line only between the committee and the commune.
    assert head.issuer[0].parts == ("ỦY BAN NHÂN DÂN", "XÃ LONG HẸ")
    assert head.place_date.text == DATE_LINE
    # A body of the commune named for a unit that is not it (the one-stop forms).
    assert lines(state_letterhead(longhe, day=DAY, body="Trung tâm phục vụ hành chính công"))[
        1
    ] == ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", True)


def test_a_province_issues_as_its_peoples_committee(longhe):
    province = OrgUnit.objects.get(code="14")
    head = state_letterhead(province, day=DAY)
    assert lines(head) == [("ỦY BAN NHÂN DÂN", True), ("TỈNH SƠN LA", True)]
    assert [line.parts for line in head.issuer] == [("ỦY BAN NHÂN DÂN",), ("TỈNH SƠN LA",)]
    assert head.place_date.text == "Sơn La, ngày 04 tháng 5 năm 2026"


def test_a_unit_outside_any_commune_is_its_own_issuing_body(longhe):
    province = OrgUnit.objects.get(code="14")
    unit = services.org_unit_create(
        actor=None,
        parent=province,
        code="14-HND",
        name="Hội Nông dân tỉnh Sơn La",
        kind=OrgUnit.Kind.MASS_ORG,
    )
    head = state_letterhead(unit, day=DAY)
    assert len(head.issuer) == 1 and head.issuer[0].bold  # no commune above it
    assert lines(head) == [("HỘI NÔNG DÂN TỈNH SƠN LA", True)]


# --- Party documents (Hướng dẫn 36-HD/VPTW) -----------------------------------------------


def test_the_communes_party_committee_letterhead(party_committee):
    head = party_letterhead(party_committee, day=DAY, number=7, symbol="NQ/ĐU")
    assert head.is_party
    assert lines(head) == [("ĐẢNG BỘ TỈNH SƠN LA", False), ("ĐẢNG ỦY XÃ LONG HẸ", True)]
    assert head.mark == "*"
    (title,) = head.heading
    assert (title.text, title.bold, title.underline) == (PARTY_TITLE, True, True)
    assert head.number.text == "Số 07-NQ/ĐU"  # no colon, a hyphen before the symbol
    assert (head.place_date.text, head.place_date.italic) == (DATE_LINE, True)
    assert {line.size for line in head.issuer} == {14} and title.size == 15
    assert party_letterhead(party_committee, day=DAY, number=12, symbol="NQ/ĐU").number.text == (
        "Số 12-NQ/ĐU"
    )


def test_a_cell_is_under_the_communes_party_organisation(party_cell, longhe):
    assert lines(party_letterhead(party_cell, day=DAY)) == [
        ("ĐẢNG BỘ XÃ LONG HẸ", False),
        ("CHI BỘ BẢN PÁ UỔI", True),
    ]
    # A commune given for its Party committee.
    assert lines(party_letterhead(longhe, day=DAY, number=3, symbol="CV/ĐU")) == [
        ("ĐẢNG BỘ TỈNH SƠN LA", False),
        ("ĐẢNG ỦY XÃ LONG HẸ", True),
    ]


def test_the_html_letterhead_draws_the_mark_of_each_kind(longhe, party_committee):
    party = render_to_string(
        "core/documents/_letterhead.html",
        {"letterhead": party_letterhead(party_committee, day=DAY, number=7, symbol="NQ/ĐU")},
    )
    assert 'class="head party"' in party
    assert '<div class="mark">*</div>' in party
    assert '<div class="party-title"><span>ĐẢNG CỘNG SẢN VIỆT NAM</span></div>' in party
    assert "Số 07-NQ/ĐU" in party and DATE_LINE in party
    state = render_to_string(
        "core/documents/_letterhead.html",
        {"letterhead": state_letterhead(longhe, day=DAY, number=15, symbol="QĐ-UBND")},
    )
    assert '<div class="rule"></div>' in state and "mark" not in state
    assert f'<div class="nation">{NATION}</div>' in state
    assert "Số: 15/QĐ-UBND" in state


def test_the_xlsx_letterhead_puts_each_line_in_its_place(party_committee):
    wb = Workbook()
    ws = wb.active
    head = party_letterhead(party_committee, day=DAY, number=7, symbol="NQ/ĐU")
    assert xlsx_writer.write_letterhead(ws, head, last_col=8) == 5
    assert (ws["A1"].value, ws["A1"].font.b) == ("ĐẢNG BỘ TỈNH SƠN LA", False)
    assert (ws["A2"].value, ws["A2"].font.b) == ("ĐẢNG ỦY XÃ LONG HẸ", True)
    assert ws["A3"].value == "*"
    assert ws["A4"].value == "Số 07-NQ/ĐU"
    assert (ws["D1"].value, ws["D1"].font.b, ws["D1"].font.u) == (PARTY_TITLE, True, "single")
    assert (ws["D4"].value, ws["D4"].font.i) == (DATE_LINE, True)
    assert "A1:C1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A1"].font.name == "Times New Roman"
    # A table's sizes: the issuer 12 pt, the heading capped at 13 pt (the title is 15).
    assert (ws["A1"].font.sz, ws["A2"].font.sz, ws["D1"].font.sz) == (12, 12, 13)
    assert (ws["A4"].font.sz, ws["D4"].font.sz) == (13, 13)


# --- a Party document that LibreOffice opens -----------------------------------------------


def party_resolution_docx(unit) -> bytes:
    doc = docx_writer.new_document(title="Nghị quyết thử")
    docx_writer.page_setup(doc.sections[0], landscape=False)
    docx_writer.page_number_header(doc.sections[0])
    docx_writer.write_letterhead(doc, party_letterhead(unit, day=DAY, number=7, symbol="NQ/ĐU"))
    docx_writer.paragraph(doc, "NGHỊ QUYẾT", size=15, bold=True, before=18)
    docx_writer.paragraph(doc, "về công tác chuyển đổi số năm 2026", size=14, bold=True)
    return docx_writer.to_bytes(doc)


def test_a_party_docx_has_the_letterhead_runs(party_committee):
    document = Document(BytesIO(party_resolution_docx(party_committee)))
    head = document.tables[0]
    left, right = head.cell(0, 0), head.cell(0, 1)
    runs = {p.text: p.runs[0] for p in left.paragraphs + right.paragraphs if p.runs}
    assert runs["ĐẢNG BỘ TỈNH SƠN LA"].bold is False
    assert runs["ĐẢNG ỦY XÃ LONG HẸ"].bold is True
    assert "*" in runs
    assert runs[PARTY_TITLE].bold and runs[PARTY_TITLE].underline
    assert head.cell(1, 0).text == "Số 07-NQ/ĐU"
    assert head.cell(1, 1).text == DATE_LINE
    assert head.cell(1, 1).paragraphs[0].runs[0].italic is True
    section = document.sections[0]
    assert abs(section.left_margin.mm - 30) < 0.5 and abs(section.right_margin.mm - 15) < 0.5


def test_libreoffice_opens_a_party_docx_and_a_party_xlsx(party_committee, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice or poppler-utils is not installed")
    (tmp_path / "nghi-quyet.docx").write_bytes(party_resolution_docx(party_committee))
    wb, ws = xlsx_writer.new_workbook(sheet="Biểu", title="Biểu thử")
    head = party_letterhead(party_committee, day=DAY, number=7, symbol="NQ/ĐU")
    row = xlsx_writer.write_letterhead(ws, head, last_col=8)
    ws.cell(row=row + 1, column=1, value="STT").border = xlsx_writer.BOX
    xlsx_writer.print_a4_landscape(
        ws, title_rows=f"{row + 1}:{row + 1}", area="A1:H6", freeze_row=7
    )
    (tmp_path / "bieu.xlsx").write_bytes(xlsx_writer.to_bytes(wb))
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "nghi-quyet.docx"),
            str(tmp_path / "bieu.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for name in ("nghi-quyet.pdf", "bieu.pdf"):
        out = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(tmp_path / name), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8")
        text = unicodedata.normalize("NFC", out)
        for expected in (
            "ĐẢNG BỘ TỈNH SƠN LA",
            "ĐẢNG ỦY XÃ LONG HẸ",
            PARTY_TITLE,
            "Số 07-NQ/ĐU",
            DATE_LINE,
        ):
            assert expected in text, (name, expected)
        assert "Số:" not in text
        # The star sits on its own line under the issuing body.
        assert any(line.strip().startswith("*") for line in text.splitlines()), name
    assert "NGHỊ QUYẾT" in unicodedata.normalize(
        "NFC",
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(tmp_path / "nghi-quyet.pdf"), "-"],
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8"),
    )


# --- PDF and QR ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://example.com/a.png", "https://example.com/a.css"])
def test_the_fetcher_refuses_network_urls(url):
    with pytest.raises(ValueError):
        OfflineFetcher()(url)


def test_the_pdf_renderer_never_touches_the_network(monkeypatch, caplog):
    def no_network(*args, **kwargs):
        raise AssertionError("the PDF renderer opened a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    asked = []
    original = OfflineFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(OfflineFetcher, "fetch", spy)
    html = (
        '<html><head><link rel="stylesheet" href="https://example.com/site.css">'
        "<style>@import url(http://example.com/more.css);"
        "@font-face { font-family: X; src: url(http://example.com/x.woff2); }"
        "body { font-family: X, 'Liberation Serif'; }</style></head>"
        '<body><img src="http://example.com/logo.png"><p>Ủy ban nhân dân</p>'
        f'<img src="{qr_data_uri("MaHS:03763-260504-0001")}"></body></html>'
    )
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF-")
    remote = [url for url in asked if "example.com" in url]
    assert remote  # asked for, and refused (the socket was never opened)
    assert any(url.startswith("data:image/svg+xml") for url in asked)
    refused = [r.getMessage() for r in caplog.records if "example.com" in r.getMessage()]
    assert refused


def test_a_qr_code_is_an_svg_data_uri():
    uri = qr_data_uri("MaHS:03763-260504-0001;MaTTHC:2.000635")
    assert uri.startswith("data:image/svg+xml")


def test_a_cell_that_begins_like_a_formula_stays_text(tmp_path):
    """Issue 9.11: an applicant named ``=HYPERLINK(…)`` became a live formula in form 06."""
    from openpyxl import load_workbook

    wb, ws = xlsx_writer.new_workbook(sheet="Sổ", title="Sổ thử")
    payloads = ['=HYPERLINK("http://x.example","bấm")', "+1+1", "-2+3", "@SUM(1)", "\tx"]
    for row, text in enumerate(payloads, start=1):
        ws.cell(row=row, column=1, value=text)
    ws.cell(row=6, column=1, value=-5)  # a number stays a number
    data = xlsx_writer.to_bytes(wb)
    read = load_workbook(BytesIO(data)).active
    for row, text in enumerate(payloads, start=1):
        cell = read.cell(row=row, column=1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    assert read.cell(row=6, column=1).value == -5
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    (tmp_path / "so.xlsx").write_bytes(data)
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "so.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    shown = (tmp_path / "so.csv").read_text(encoding="utf-8", errors="replace")
    assert "HYPERLINK" in shown and "+1+1" in shown  # shown as typed, never evaluated
