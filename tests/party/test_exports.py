"""The Party office's tables and documents: the structure tables of a chosen day (page,
XLSX, API) with their figures, the member list as XLSX, a member's file, an admission
decision and an introduction letter as PDF and DOCX in the Party layout (Hướng dẫn
36-HD/VPTW); readers as for member files, every document naming a member audited."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from xaso.core.models import AuditEntry
from xaso.party import admissions, services, structure
from xaso.party.models import Admission

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) không có trên máy"
)


def pdf_text(pdf: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return " ".join(unicodedata.normalize("NFC", out).split())


def docx_text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return " ".join(" ".join(parts).split())


def _sheet(content: bytes):
    return load_workbook(BytesIO(content)).active


@pytest.fixture
def roll(new_member, party_office, cells):
    """Five members in two cells on 01/01/2026 (one who arrived later, one removed)."""
    people = {
        "a": new_member(full_name="Lò Văn A", birth_date=dt.date(1996, 6, 1)),  # 29
        "b": new_member(
            full_name="Cầm Thị B",
            gender="female",
            birth_date=dt.date(1980, 1, 1),  # 46
            theory="intermediate",
        ),
        "c": new_member(
            code="03763-CB02",
            full_name="Quàng Văn C",
            status="probationary",
            ethnicity="Mông",
            birth_date=dt.date(1950, 1, 2),  # 75
            admitted_on=dt.date(2025, 6, 1),
        ),
        "d": new_member(code="03763-CB02", full_name="Lường Văn D", birth_date=dt.date(1960, 3, 3)),
    }
    # Removed on 01/12/2025: not on the roll of 01/01/2026, on the roll of 01/11/2025.
    services.member_status_change(
        actor=party_office, member=people["d"], status="removed", on=dt.date(2025, 12, 1)
    )
    # Arrived on 05/01/2026: not on the roll of 01/01/2026.
    people["e"] = services.member_transfer_in(
        actor=party_office,
        cell=cells["03763-CB01"].org_unit,
        kind="official",
        on=dt.date(2026, 1, 5),
        other_organisation="Đảng bộ xã Chiềng Khoi",
        status="official",
        full_name="Điêu Văn E",
        birth_date=dt.date(1985, 1, 1),
        gender="male",
        ethnicity="Thái",
        admitted_on=dt.date(2010, 1, 1),
        official_on=dt.date(2011, 1, 1),
        general_education="upper_secondary",
    )
    return people


@pytest.mark.parametrize(
    ("birth", "day", "band"),
    [
        (dt.date(1996, 1, 2), dt.date(2026, 1, 1), "≤ 30"),
        (dt.date(1995, 1, 1), dt.date(2026, 1, 1), "31–40"),
        (dt.date(1995, 1, 2), dt.date(2026, 1, 1), "≤ 30"),
        (dt.date(1955, 1, 1), dt.date(2026, 1, 1), "> 70"),
        (dt.date(1956, 1, 1), dt.date(2026, 1, 1), "61–70"),
    ],
)
def test_the_age_band_counts_whole_years(birth, day, band):
    assert structure.age_band(structure.age_on(birth, day)) == band


@given(st.integers(min_value=0, max_value=130))
def test_every_age_has_exactly_one_band(age):
    bands = [b for b, low, high in structure.AGE_BANDS if low <= age <= high]
    assert len(bands) == 1 and structure.age_band(age) == bands[0]


def test_the_structure_xlsx_counts_the_roll_of_the_day(roll, party_office, login):
    client = login(party_office)
    response = client.get("/dang/co-cau.xlsx", {"ngay": "01/01/2026"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = _sheet(response.content)
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    text = " ".join(str(c) for row in values for c in row if c is not None)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "ĐẢNG ỦY XÃ LONG HẸ" in text
    assert "01/01/2026" in text
    header = next(i for i, row in enumerate(values) if row[0] == "Chi bộ")
    groups, columns = values[header], values[header + 1]
    rows = {row[0]: row for row in values[header + 2 :] if row[0]}

    def col(group, name):
        start = groups.index(group)
        return next(i for i in range(start, len(columns)) if columns[i] == name)

    pa_uoi, total = rows["Chi bộ bản Pá Uổi"], rows["Tổng số"]
    assert (pa_uoi[1], total[1]) == (2, 3)  # d removed, e not yet arrived
    assert total[col("Đảng viên", "Dự bị")] == 1
    assert total[col("Giới tính", "Nữ")] == 1
    assert total[col("Dân tộc", "Mông")] == 1 and total[col("Dân tộc", "Thái")] == 2
    assert total[col("Tuổi", "≤ 30")] == 1 and total[col("Tuổi", "> 70")] == 1
    assert total[col("Tuổi", "41–50")] == 1
    assert total[col("Lý luận chính trị", "Trung cấp")] == 1
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows
    # A day before the removal counts d; today counts e.
    earlier = client.get("/api/v1/party/structure", {"on": "2025-11-01"}).json()
    assert earlier["rows"][-1]["total"] == 4
    today = client.get("/api/v1/party/structure").json()
    assert today["rows"][-1]["total"] == 4 and today["rows"][-1]["counts"]["status"] == {
        "official": 3,
        "probationary": 1,
    }
    page = client.get("/dang/co-cau/", {"ngay": "01/01/2026"}).content.decode()
    assert "Cơ cấu đảng viên ngày 01/01/2026" in page and "chưa xác nhận" in page


def test_a_bad_or_future_day_is_refused(roll, party_office, login):
    client = login(party_office)
    future = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    for day in ("31/02/2026", future):
        assert client.get("/dang/co-cau/", {"ngay": day}).status_code == 400
        assert client.get("/dang/co-cau.xlsx", {"ngay": day}).status_code == 400
    api = client.get("/api/v1/party/structure", {"on": "2100-01-01"})
    assert api.status_code == 422 and api.json()["detail"][0]["field"] == "on"


def test_the_member_list_xlsx_is_the_roll_without_card_numbers(roll, party_office, login):
    client = login(party_office)
    response = client.get("/dang/dang-vien.xlsx")
    assert response.status_code == 200
    text = " ".join(
        str(c) for row in _sheet(response.content).iter_rows(values_only=True) for c in row if c
    )
    for name in ("Lò Văn A", "Cầm Thị B", "Quàng Văn C", "Điêu Văn E"):
        assert name in text
    assert "Lường Văn D" not in text and roll["a"].card_number not in text
    assert AuditEntry.objects.filter(action="party_document_view").count() == 1


@pytest.fixture
def decided(roll, party_office, cells):
    helpers = [roll["a"], roll["b"]]
    today = timezone.localdate()

    def ago(n):
        return today - dt.timedelta(days=n)

    adm = admissions.start(
        actor=party_office,
        cell=cells["03763-CB01"].org_unit,
        full_name="Cà Thị Mai",
        birth_date=dt.date(2000, 4, 5),
        gender="female",
        ethnicity="Thái",
        general_education="upper_secondary",
        mass_organisation="Đoàn Thanh niên bản",
        introduced_on=ago(400),
    )
    for action, inputs in (
        ("train", {"certificate_number": "12/GCN", "certificate_on": ago(380)}),
        (
            "assign_helpers",
            {"helper_1": helpers[0].pk, "helper_2": helpers[1].pk, "helpers_on": ago(370)},
        ),
        ("check_history", {"checked_on": ago(360)}),
        ("cell_vote", {"meeting_on": ago(300), "votes_for": 2, "votes_total": 2}),
        ("resolve", {"resolution_number": "07-NQ/ĐU", "resolution_on": ago(295)}),
        ("decide", {"decision_number": "5", "decision_on": ago(280)}),
    ):
        adm = admissions.take_step(actor=party_office, admission=adm, action=action, **inputs)
    return adm


@needs_poppler
def test_the_admission_decision_in_the_party_layout(decided, party_office, login):
    client = login(party_office)
    assert "quyet-dinh.pdf" in client.get(f"/dang/ket-nap/{decided.pk}/").content.decode()
    text = pdf_text(client.get(f"/dang/ket-nap/{decided.pk}/quyet-dinh.pdf").content)
    day = decided.decision_on
    for line in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY XÃ LONG HẸ",
        "ĐẢNG BỘ TỈNH SƠN LA",
        "Số 05-QĐ/ĐU",
        f"Long Hẹ, ngày {day.day:02d} tháng",
        "QUYẾT ĐỊNH",
        "Cà Thị Mai",
        "05/04/2000",
    ):
        assert line in text, line
    docx = client.get(f"/dang/ket-nap/{decided.pk}/quyet-dinh.docx")
    assert docx["Content-Disposition"].endswith('.docx"')
    text = docx_text(docx.content)
    for line in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG ỦY XÃ LONG HẸ", "Số 05-QĐ/ĐU", "Cà Thị Mai"):
        assert line in text, line
    entries = AuditEntry.objects.filter(action="party_document_view")
    assert entries.count() == 2
    assert "quyết định kết nạp đảng viên (PDF)" in str(entries.order_by("pk").first().changes)
    # Before its decision an admission has no decision to print.
    Admission.objects.filter(pk=decided.pk).update(decision_on=None)
    assert client.get(f"/dang/ket-nap/{decided.pk}/quyet-dinh.pdf").status_code == 404


@pytest.mark.parametrize(
    ("recorded", "line"),
    [
        ("15-QĐ/ĐU", "Số 15-QĐ/ĐU"),
        ("7", "Số 07-QĐ/ĐU"),
        ("QĐ kết nạp 3", "Số QĐ kết nạp 3"),
        ("", "-QĐ/ĐU"),
    ],
)
def test_the_decision_prints_the_recorded_number(decided, recorded, line):
    from xaso.party import papers

    decided.decision_number = recorded
    head = papers.admission_decision(decided).letterhead
    assert head.number.text.startswith("Số") and head.number.text.endswith(line.removeprefix("Số"))


@needs_poppler
def test_a_member_s_file_and_introduction_letter(roll, party_office, party_leader, login):
    member = roll["a"]
    transfer = services.member_transfer(
        actor=party_office,
        member=member,
        kind="official",
        direction="out",
        on=timezone.localdate(),
        other_organisation="Đảng bộ phường Tô Hiệu",
        letter_number="21",
    )
    client = login(party_leader)  # leaders read the file and its documents
    page = client.get(f"/dang/dang-vien/{member.pk}/").content.decode()
    assert f"/gioi-thieu/{transfer.pk}.pdf" in page and "so-yeu.docx" in page
    before = AuditEntry.objects.filter(
        action__in=["party_member_view", "party_document_view"]
    ).count()
    text = pdf_text(client.get(f"/dang/dang-vien/{member.pk}/so-yeu.pdf").content)
    for line in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG ỦY XÃ LONG HẸ",
        "SƠ YẾU THÔNG TIN ĐẢNG VIÊN",
        "Lò Văn A",
        "01/06/1996",
    ):
        assert line in text, line
    text = docx_text(client.get(f"/dang/dang-vien/{member.pk}/so-yeu.docx").content)
    assert "Lò Văn A" in text and member.card_number in text and "ĐẢNG ỦY XÃ LONG HẸ" in text
    letter = pdf_text(
        client.get(f"/dang/dang-vien/{member.pk}/gioi-thieu/{transfer.pk}.pdf").content
    )
    for line in ("GIẤY GIỚI THIỆU", "Số 21", "Đảng bộ phường Tô Hiệu", "Lò Văn A"):
        assert line in letter, line
    after = AuditEntry.objects.filter(action__in=["party_member_view", "party_document_view"])
    assert after.count() == before + 3
    assert "sơ yếu thông tin đảng viên (PDF)" in str(after.order_by("pk")[before].changes)
    assert client.get(f"/dang/dang-vien/{member.pk}/so-yeu.odt").status_code == 404


def test_documents_and_tables_are_for_member_file_readers(
    roll, decided, officer, other_leader, login
):
    member = roll["a"]
    urls = [
        "/dang/co-cau/",
        "/dang/co-cau.xlsx",
        "/dang/dang-vien.xlsx",
        f"/dang/dang-vien/{member.pk}/so-yeu.pdf",
        f"/dang/ket-nap/{decided.pk}/quyet-dinh.docx",
    ]
    client = login(officer)
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.get("/api/v1/party/structure").status_code == 403
    stranger = login(other_leader)
    for url in urls[3:]:
        assert stranger.get(url).status_code == 404, url
    assert stranger.get("/api/v1/party/structure", {"org_unit": "03763-DU"}).status_code == 404
    assert not AuditEntry.objects.filter(action__in=["party_document_view"]).exists()


def test_libreoffice_opens_the_exports(decided, party_office, login, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    client = login(party_office)
    (tmp_path / "co-cau.xlsx").write_bytes(client.get("/dang/co-cau.xlsx").content)
    (tmp_path / "quyet-dinh.docx").write_bytes(
        client.get(f"/dang/ket-nap/{decided.pk}/quyet-dinh.docx").content
    )
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "co-cau.xlsx"),
            str(tmp_path / "quyet-dinh.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for name in ("co-cau.pdf", "quyet-dinh.pdf"):
        pdf = tmp_path / name
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        assert "Số 05-QĐ/ĐU" in pdf_text((tmp_path / "quyet-dinh.pdf").read_bytes())
