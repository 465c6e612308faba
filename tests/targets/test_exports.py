"""The targets as XLSX and DOCX: Decree 30/2020 layout, approved figures only, a missing
figure shown empty (never 0), and files that LibreOffice opens."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from io import BytesIO

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from xaso.targets import selectors
from xaso.targets.exports import TABLE_TITLE, targets_docx, targets_xlsx
from xaso.targets.models import DataValue, Measure, Resolution, Target, TargetGroup

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 2, 5)
RISK = "chưa đến hạn — có nguy cơ không đạt"


def _measure(target, code, name, unit, kind, comparator, value, office, **extra):
    return Measure.objects.create(
        target=target,
        code=code,
        name=name,
        unit=unit,
        kind=kind,
        comparator=comparator,
        target_value=Decimal(value),
        applies=extra.pop("applies", Measure.Applies.BY_END),
        responsible_office=office,
        **extra,
    )


def _approved(measure, unit, year, **values):
    DataValue.objects.create(
        measure=measure,
        org_unit=unit,
        year=year,
        quarter=0,
        status=DataValue.Status.APPROVED,
        **values,
    )


@pytest.fixture
def dataset(longhe):
    """2 groups, 3 targets, 4 measures (percentage, growth rate, amount, ratio)."""
    resolution = Resolution.objects.create(
        org_unit=longhe,
        code="THU-NQ-2025",
        name="Nghị quyết thử nghiệm, nhiệm kỳ 2025–2030",
        term_start=2025,
        term_end=2030,
        baseline_year=2025,
    )
    economic = TargetGroup.objects.create(
        resolution=resolution, code="economic", number=1, name="Các chỉ tiêu về kinh tế"
    )
    social = TargetGroup.objects.create(
        resolution=resolution, code="social", number=2, name="Các chỉ tiêu về xã hội, môi trường"
    )
    forest = Target.objects.create(group=economic, number=1, name="Tỷ lệ che phủ rừng")
    budget = Target.objects.create(
        group=economic, number=2, name="Tốc độ tăng thu ngân sách trên địa bàn"
    )
    living = Target.objects.create(group=social, number=1, name="Thu nhập và giảm nghèo")
    kt6 = _measure(
        forest,
        "KT6",
        "Tỷ lệ che phủ rừng",
        "%",
        "percentage",
        "gt",
        "55",
        longhe,
        baseline_value=Decimal("54.2"),
        baseline_source="Báo cáo chính trị, Phần thứ nhất I.1",
    )
    kt1 = _measure(
        budget,
        "KT1",
        "Tốc độ tăng thu ngân sách bình quân hằng năm",
        "%",
        "growth_rate",
        "gte",
        "10",
        longhe,
        applies=Measure.Applies.OVER_TERM,
    )
    xh1 = _measure(
        living,
        "XH1a",
        "Thu nhập bình quân đầu người",
        "triệu đồng/người/năm",
        "amount",
        "gte",
        "60",
        longhe,
        position=0,
        baseline_value=Decimal("45"),
    )
    xh3 = _measure(
        living,
        "XH3",
        "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều",
        "%",
        "ratio",
        "lt",
        "35",
        longhe,
        position=1,
    )
    _approved(kt6, longhe, 2026, value=Decimal("52"))
    DataValue.objects.create(
        measure=kt6,
        org_unit=longhe,
        year=2027,
        quarter=0,
        value=Decimal("60"),
        status=DataValue.Status.SUBMITTED,
    )
    _approved(kt1, longhe, 2025, value=Decimal("1000000000"))
    _approved(kt1, longhe, 2026, value=Decimal("1100000000"))
    _approved(xh1, longhe, 2026, value=Decimal("52"))
    _approved(xh3, longhe, 2026, numerator=Decimal("150"), denominator=Decimal("600"))
    groups = selectors.evaluate_targets(resolution, longhe)
    return resolution, longhe, groups


def _sheet_rows(data: bytes):
    sheet = load_workbook(BytesIO(data))["Chỉ tiêu"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return sheet, rows


def _row_starting(rows, text):
    return next(r for r in rows if isinstance(r[1], str) and r[1].startswith(text))


def test_xlsx_is_a_decree30_table_of_approved_figures(dataset):
    resolution, commune, groups = dataset
    sheet, rows = _sheet_rows(targets_xlsx(resolution, commune, groups, today=TODAY))
    texts = [v for r in rows for v in r if isinstance(v, str)]
    assert "ỦY BAN NHÂN DÂN" in texts and "XÃ LONG HẸ" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Long Hẹ, ngày 05 tháng 02 năm 2026" in texts
    assert TABLE_TITLE in texts and resolution.name in texts
    top = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert "Kết quả thực hiện" in rows[top]
    col = {name: i for i, name in enumerate(rows[top]) if name}
    col.update({f"Năm {name}": i for i, name in enumerate(rows[top + 1]) if name})
    assert "Năm 2026" in col and "Tình trạng" in col
    group = next(r for r in rows if r[1] == "Các chỉ tiêu về kinh tế")
    assert group[0] == "I"

    forest = _row_starting(rows, "(1) Tỷ lệ che phủ rừng")  # one measure: on the target row
    assert forest[col["Mục tiêu"]] == "> 55"
    assert forest[col["Năm gốc (2025)"]] == pytest.approx(54.2)
    assert forest[col["Năm 2026"]] == pytest.approx(52.0)
    assert forest[col["Năm 2027"]] is None  # only submitted: not shown, and never 0
    assert forest[col["Năm 2025"]] is None
    assert forest[col["Tình trạng"]] == RISK

    budget = _row_starting(rows, "(2) Tốc độ tăng thu ngân sách")
    assert budget[col["Năm 2026"]] == pytest.approx(10.0)
    assert budget[col["Năm 2025"]] is None  # no earlier level: no rate, not 0
    assert budget[col["Tình trạng"]] == "đạt"

    _row_starting(rows, "(1) Thu nhập và giảm nghèo")
    income = _row_starting(rows, "XH1a. Thu nhập bình quân đầu người")
    assert income[col["Năm 2026"]] == pytest.approx(52.0)
    assert income[col["Năm 2027"]] is None
    assert income[col["Tình trạng"]] == "chưa đến hạn"
    poor = _row_starting(rows, "XH3.")
    assert poor[col["Mục tiêu"]] == "< 35"
    assert poor[col["Năm 2026"]] == pytest.approx(25.0)
    assert poor[col["Năm 2030"]] is None

    row_index = rows.index(forest) + 1
    cell = sheet.cell(row=row_index, column=col["Năm 2026"] + 1)
    assert cell.number_format.endswith("#,##0.0")  # a real figure: no "(demo)"
    assert not any("(demo)" in c.number_format for row in sheet.iter_rows() for c in row)
    assert not any(isinstance(v, str) and v.startswith("Ghi chú:") for r in rows for v in r)
    assert cell.font.name == "Times New Roman"
    baseline = sheet.cell(row=row_index, column=col["Năm gốc (2025)"] + 1)
    assert "Phần thứ nhất I.1" in baseline.comment.text
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$10:$11"
    assert sheet.freeze_panes == "A12"


def _docx_texts(document):
    texts = [p.text for p in document.paragraphs]

    def walk(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
                    walk(cell.tables)

    walk(document.tables)
    return texts


def test_docx_is_a_decree30_report(dataset):
    resolution, commune, groups = dataset
    document = Document(BytesIO(targets_docx(resolution, commune, groups, today=TODAY)))
    texts = _docx_texts(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "Long Hẹ, ngày 05 tháng 02 năm 2026" in texts
    assert "BÁO CÁO" in texts
    assert f"Kết quả thực hiện các chỉ tiêu {resolution.name}" in texts
    assert any("Số liệu tổng hợp trực tiếp từ hệ thống xaso" in t for t in texts)
    assert "Nơi nhận:" in texts and "- Lưu: VT." in texts
    assert "TM. ỦY BAN NHÂN DÂN" in texts and "CHỦ TỊCH" in texts
    assert "- Như trên;" not in texts  # no "Kính gửi" for it to refer to
    # The recipients and the signature close the text; the table is attached after them.
    letterhead, closing, attached = (t._tbl for t in document.tables)  # in body order
    elements = list(document.element.body.iterchildren())
    assert elements.index(letterhead) < elements.index(closing) < elements.index(attached)
    assert "TM. ỦY BAN NHÂN DÂN" in closing.xpath("string(.)")
    assert attached.xpath("string(.)").startswith("STT")

    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert "Kết quả thực hiện" in [c.text for c in table.rows[0].cells]
    header = [c.text for c in table.rows[1].cells]  # merged cells repeat their text
    header = [f"Năm {h}" if h.isdigit() else h for h in header]
    rows = {
        r.cells[1].text: [c.text.replace("\u200b", "") for c in r.cells] for r in table.rows[2:]
    }
    forest = rows["(1) Tỷ lệ che phủ rừng"]
    assert forest[header.index("Năm 2026")] == "52,0"
    assert forest[header.index("Năm gốc (2025)")] == "54,2"
    assert forest[header.index("Năm 2027")] == "—"
    assert forest[header.index("Tình trạng")] == RISK
    income = rows["XH1a. Thu nhập bình quân đầu người"]
    assert income[header.index("Năm 2026")] == "52,0"
    assert income[header.index("Đơn vị tính")] == "triệu đồng/người/năm"
    assert rows["XH3. Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều"][header.index("Năm 2026")] == (
        "25,0"
    )

    first = document.sections[0]
    assert abs(first.page_width.mm - 210) <= 1 and abs(first.page_height.mm - 297) <= 1
    assert abs(first.left_margin.mm - 30) < 0.5
    assert abs(first.right_margin.mm - 15) < 0.5
    assert abs(first.top_margin.mm - Mm(20).mm) < 0.5


def test_a_bans_report_names_the_ban_under_the_commune(dataset):
    resolution, commune, _ = dataset
    ban = commune.children.filter(kind="village").exclude(name="").first()
    groups = selectors.evaluate_targets(resolution, ban)
    _, rows = _sheet_rows(targets_xlsx(resolution, ban, groups, today=TODAY))
    texts = [v for r in rows for v in r if isinstance(v, str)]
    assert "ỦY BAN NHÂN DÂN XÃ LONG HẸ" in texts
    assert f"BẢN {ban.name.upper()}" in texts
    forest = _row_starting(rows, "(1) Tỷ lệ che phủ rừng")
    assert forest[-1] == "chưa có số liệu"
    assert all(v is None for v in forest[4:-1])  # the commune's baseline is not the bản's


def test_libreoffice_converts_both_to_pdf(dataset, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    resolution, commune, groups = dataset
    (tmp_path / "chi-tieu.xlsx").write_bytes(targets_xlsx(resolution, commune, groups, today=TODAY))
    (tmp_path / "bao-cao.docx").write_bytes(targets_docx(resolution, commune, groups, today=TODAY))
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "chi-tieu.xlsx"),
            str(tmp_path / "bao-cao.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for name in ("chi-tieu.pdf", "bao-cao.pdf"):
        pdf = tmp_path / name
        assert pdf.exists() and pdf.stat().st_size > 1000
        assert pdf.read_bytes().startswith(b"%PDF")
