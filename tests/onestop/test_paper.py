"""The one-stop paper forms (Circular 01/2018/TT-VPCP forms 01–06): PDFs that are A5
(A4 landscape for the register), carry the right Vietnamese text, a QR code with the
masked ID only, and render without touching the network; the register as XLSX."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from tests.onestop.conftest import pdf_upload
from xaso.core.documents.pdf import OfflineFetcher
from xaso.core.vietnamese import format_due
from xaso.onestop import paper, services
from xaso.onestop.models import Dossier, Status
from xaso.onestop.paper.layout import mask_id, qr_payload, timeliness
from xaso.onestop.paper.register import DATETIME_FORMAT, REGISTER_HEADERS

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FULL_ID = "014095001234"

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="poppler-utils (pdftotext, pdfinfo) không có trên máy",
)


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text in drawing (document) order, NFC, with every run of whitespace as
    one space — so the issuing body is read before the national motto beside it."""
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return " ".join(unicodedata.normalize("NFC", out).split())


def pdf_info(pdf: bytes) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    info = {}
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def page_mm(pdf: bytes) -> tuple[float, float]:
    match = re.match(r"([\d.]+) x ([\d.]+) pts", pdf_info(pdf)["Page size"])
    assert match
    return tuple(round(float(v) * 25.4 / 72) for v in match.groups())


def assert_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def intake(officer, center, procedure, applicant, when, *, channel="direct", **kw):
    uploads = kw.pop("uploads", [services.Upload("Tờ khai", pdf_upload())])
    return services.dossier_intake(
        actor=officer if channel != "online" else None,
        org_unit=center,
        procedure=procedure,
        channel=channel,
        applicant=applicant,
        uploads=uploads,
        at=when,
        **kw,
    )


@pytest.fixture
def copy_dossier(officer, center, procedures, applicant):
    """A 2-copy civil-status extract (8.000 đ a copy), paid in cash."""
    procedure = procedures["2.000635"]
    dossier = intake(
        officer,
        center,
        procedure,
        applicant,
        at(2026, 3, 9, 9, 0),
        copies=2,
        uploads=[
            services.Upload("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu", pdf_upload()),
            services.Upload("Giấy ủy quyền", pdf_upload("uy-quyen.pdf")),
        ],
    )
    assert dossier.fee_amount == 16000
    return services.dossier_pay(
        actor=officer, dossier=dossier, method="cash", at=at(2026, 3, 9, 9, 5)
    )


# --- QR code --------------------------------------------------------------------------


def test_the_id_is_masked_but_for_its_first_three_and_last_two_digits():
    assert mask_id(FULL_ID) == "014*******34"
    assert mask_id("") == ""
    assert mask_id("12345") == "*****"


def test_the_qr_payload_has_the_codes_the_form_and_only_the_masked_id(copy_dossier):
    form = paper.FORMS[1]
    payload = qr_payload(copy_dossier, form.name)
    assert payload == (
        f"MaHS:{copy_dossier.code};MaTTHC:2.000635;"
        "GiayTo:Giấy tiếp nhận hồ sơ và hẹn trả kết quả;CCCD:014*******34;"
        f"KhoaTraCuu:{copy_dossier.lookup_key}"
    )
    assert len(copy_dossier.lookup_key) == 6
    assert FULL_ID not in payload
    assert FULL_ID[3:10] not in payload


def test_a_separator_typed_in_a_value_cannot_forge_a_field(copy_dossier):
    payload = qr_payload(copy_dossier, "Giấy;CCCD:1\nX")
    assert payload.count(";") == 4
    assert ";GiayTo:Giấy,CCCD:1 X;CCCD:014*******34;KhoaTraCuu:" in payload


# --- form 01 ---------------------------------------------------------------------------


@needs_poppler
def test_form_01_is_an_a5_receipt_with_fee_in_words_and_lookup(copy_dossier, officer):
    pdf = paper.form_pdf(copy_dossier, 1)
    assert_pdf(pdf)
    assert page_mm(pdf) == (148, 210)
    assert pdf_info(pdf)["Pages"] == "1"
    text = pdf_text(pdf)
    code = copy_dossier.code
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "ỦY BAN NHÂN DÂN XÃ LONG HẸ TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Long Hẹ, ngày 09 tháng 3 năm 2026",
        f"Mã hồ sơ: {code}",
        "Lò Văn Thử",
        "Bản Pá Uổi",
        "0912345678",
        "Cấp bản sao trích lục hộ tịch",
        "Tờ khai cấp bản sao trích lục hộ tịch theo mẫu — đã nhận",
        "Giấy tờ tùy thân — chưa nhận",
        "Giấy ủy quyền — đã nhận",
        "Thời gian nhận hồ sơ: 09:00 09/03/2026",
        f"(hẹn trả): {format_due(copy_dossier.due_at)}",
        "Phí, lệ phí: 16.000 đồng (2 bản; bằng chữ: Mười sáu nghìn đồng); đã nộp 09:05 09/03/2026",
        f"biên lai số BL-{code}",
        f"/tra-cuu/{code}/?khoa={copy_dossier.lookup_key}",
        f"khóa tra cứu {copy_dossier.lookup_key}",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "NGƯỜI NỘP HỒ SƠ",
        officer.full_name,
    ):
        assert expected in text, expected
    assert FULL_ID not in text


@needs_poppler
def test_the_lookup_path_is_the_portals_page_with_the_key(copy_dossier):
    from django.urls import reverse

    path = reverse("portal:dossier", args=[copy_dossier.code])
    assert paper.lookup_path(copy_dossier) == f"{path}?khoa={copy_dossier.lookup_key}"


def test_form_01_takes_the_lookup_url_and_the_date(copy_dossier):
    pdf = paper.form_pdf(
        copy_dossier,
        1,
        today=dt.date(2026, 2, 5),
        lookup_url="https://longhe.example/tra-cuu/",
    )
    text = pdf_text(pdf)
    assert "Long Hẹ, ngày 05 tháng 02 năm 2026" in text
    assert "https://longhe.example/tra-cuu/" in text


@needs_poppler
def test_form_01_for_an_unpaid_free_or_exempt_dossier(officer, center, procedures, applicant):
    unpaid = intake(
        officer, center, procedures["2.000635"], applicant, at(2026, 3, 9, 10, 0), copies=1
    )
    text = pdf_text(paper.form_pdf(unpaid, 1))
    assert "8.000 đồng (bằng chữ: Tám nghìn đồng); chưa nộp" in text
    exempt = intake(
        officer,
        center,
        procedures["2.000635"],
        applicant,
        at(2026, 3, 9, 10, 5),
        exemption="poor_household",
    )
    assert "Phí, lệ phí: Miễn (Hộ nghèo)" in pdf_text(paper.form_pdf(exempt, 1))


def test_form_01_needs_a_received_dossier(center, procedures, applicant):
    online = intake(None, center, procedures["2.000635"], applicant, None, channel="online")
    assert online.status == Status.NEW
    with pytest.raises(paper.PaperError, match="chưa được tiếp nhận"):
        paper.form_pdf(online, 1)


# --- forms 02, 03, 04 ------------------------------------------------------------------


@needs_poppler
def test_form_02_lists_each_missing_document_and_the_officer(
    officer, specialist, center, procedures, applicant
):
    dossier = intake(officer, center, procedures["1.004873"], applicant, at(2026, 3, 9, 9, 0))
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    dossier = services.dossier_transition(
        actor=specialist,
        dossier=dossier,
        action="request_supplement",
        note="- Bản sao giấy tờ tùy thân\n2. Giấy xác nhận nơi cư trú\n\n",
        at=at(2026, 3, 10, 10, 0),
    )
    pdf = paper.form_pdf(dossier, 2, reason="Thiếu giấy tờ chứng minh nơi cư trú.")
    assert_pdf(pdf)
    assert page_mm(pdf) == (148, 210)
    text = pdf_text(pdf)
    for expected in (
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Long Hẹ, ngày 10 tháng 3 năm 2026",
        dossier.code,
        "Lò Văn Thử",
        "1. Bản sao giấy tờ tùy thân",
        "2. Giấy xác nhận nơi cư trú",
        "Lý do: Thiếu giấy tờ chứng minh nơi cư trú.",
        "NGƯỜI HƯỚNG DẪN",
        specialist.full_name,
    ):
        assert expected in text, expected
    # Once supplemented, the form can still be printed from the recorded request.
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="complete_supplement", at=at(2026, 3, 11, 8, 0)
    )
    assert "2. Giấy xác nhận nơi cư trú" in pdf_text(paper.form_pdf(dossier, 2))


@needs_poppler
def test_form_03_gives_the_refusal_reason(officer, center, procedures, applicant):
    dossier = intake(
        None, center, procedures["1.001193"], applicant, at(2026, 3, 9, 8, 0), channel="online"
    )
    dossier = services.dossier_transition(
        actor=officer,
        dossier=dossier,
        action="refuse",
        note="Thủ tục không thuộc thẩm quyền giải quyết của xã.",
        at=at(2026, 3, 9, 14, 0),
    )
    pdf = paper.form_pdf(dossier, 3)
    assert_pdf(pdf)
    assert page_mm(pdf) == (148, 210)
    text = pdf_text(pdf)
    for expected in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Long Hẹ, ngày 09 tháng 3 năm 2026",
        dossier.code,
        "Lò Văn Thử",
        "Thủ tục không thuộc thẩm quyền giải quyết của xã.",
        officer.full_name,
    ):
        assert expected in text, expected


def test_form_03_only_for_a_refused_dossier(copy_dossier):
    with pytest.raises(paper.PaperError):
        paper.form_pdf(copy_dossier, 3)


@needs_poppler
def test_form_04_apologises_with_the_reason_and_the_new_date(
    officer, specialist, center, procedures, applicant
):
    dossier = intake(officer, center, procedures["1.004873"], applicant, at(2026, 3, 9, 9, 0))
    old_due = dossier.due_at
    assert old_due == at(2026, 3, 12, 17, 0)
    new_due = at(2026, 3, 17, 16, 0)
    # A preview before the date is moved: the new date and reason come as arguments.
    preview = pdf_text(paper.form_pdf(dossier, 4, new_due=new_due, reason="Chờ xác minh."))
    assert "Thời hạn trả kết quả giải quyết hồ sơ: 17:00 ngày 12/03/2026" in preview
    assert "16:00 ngày 17/03/2026" in preview and "Lý do: Chờ xác minh." in preview

    dossier = services.dossier_reschedule(
        actor=specialist,
        dossier=dossier,
        new_due=new_due,
        reason="Cần xác minh thông tin tại nơi đăng ký thường trú trước đây.",
    )
    pdf = paper.form_pdf(dossier, 4, today=dt.date(2026, 3, 11))
    assert_pdf(pdf)
    assert page_mm(pdf) == (148, 210)
    text = pdf_text(pdf)
    for expected in (
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Ông/Bà Lò Văn Thử",
        "Long Hẹ, ngày 11 tháng 3 năm 2026",
        dossier.code,
        "Thời hạn trả kết quả giải quyết hồ sơ: 17:00 ngày 12/03/2026",
        "Cần xác minh thông tin tại nơi đăng ký thường trú trước đây.",
        "hẹn trả kết quả giải quyết hồ sơ vào 16:00 ngày 17/03/2026.",
        specialist.full_name,
    ):
        assert expected in text, expected
    assert "ngày 17 tháng 3 năm 2026" not in text  # the new date once, not twice
    # The first due moment, where form 05 and the register recall it, reads as a due moment.
    control = pdf_text(paper.form_pdf(dossier, 5))
    assert "hẹn trả: 16:00 ngày 17/03/2026 (hẹn lại, hẹn ban đầu 17:00 ngày 12/03/2026)" in control
    [row] = paper.register_rows([dossier])
    assert "Hẹn lại, hẹn ban đầu 17:00 ngày 12/03/2026" in row.notes


def test_form_04_needs_a_new_date_and_a_reason(copy_dossier):
    with pytest.raises(paper.PaperError, match="ngày hẹn"):
        paper.form_pdf(copy_dossier, 4)
    with pytest.raises(paper.PaperError, match="lý do"):
        paper.form_pdf(copy_dossier, 4, new_due=at(2026, 3, 12, 9, 0))


# --- form 05 ---------------------------------------------------------------------------


@needs_poppler
def test_form_05_tracks_every_step_with_its_timeliness(copy_dossier, officer, specialist):
    dossier = services.dossier_transition(
        actor=officer,
        dossier=copy_dossier,
        action="transfer",
        assignee=specialist,
        at=at(2026, 3, 9, 9, 30),
    )
    dossier = services.dossier_transition(
        actor=specialist,
        dossier=dossier,
        action="complete",
        result=services.Upload("Bản sao trích lục", pdf_upload("ket-qua.pdf")),
        at=at(2026, 3, 9, 11, 0),
    )
    dossier = services.dossier_transition(
        actor=officer,
        dossier=dossier,
        action="return_result",
        return_method="desk",
        at=at(2026, 3, 9, 18, 0),
    )
    pdf = paper.form_pdf(dossier, 5, today=dt.date(2026, 3, 10))
    assert_pdf(pdf)
    assert page_mm(pdf) == (148, 210)
    text = pdf_text(pdf)
    for expected in (
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        "Long Hẹ, ngày 10 tháng 3 năm 2026",
        dossier.code,
        "Lò Văn Thử",
        "Tiếp nhận",
        "Chuyển xử lý",
        "Được tiếp nhận → Đang xử lý",
        "Có kết quả",
        "Trả kết quả",
        "Đã xử lý xong → Đã trả kết quả",
        "Đúng hạn",
        "Quá hạn",
        specialist.full_name,
        "Tiền mặt",
    ):
        assert expected in text, expected
    steps = paper.forms.steps(Dossier.objects.get(pk=dossier.pk))
    assert [s.result for s in steps] == ["", "", "Đúng hạn", "Đúng hạn", "Quá hạn"]
    assert [s.change for s in steps] == [
        "Được tiếp nhận",
        "Được tiếp nhận",
        "Được tiếp nhận → Đang xử lý",
        "Đang xử lý → Đã xử lý xong",
        "Đã xử lý xong → Đã trả kết quả",
    ]


def test_timeliness_counts_early_on_time_and_late():
    due = at(2026, 3, 12, 9, 0)
    assert timeliness(at(2026, 3, 11, 16, 0), due) == "Trước hạn"
    assert timeliness(at(2026, 3, 12, 8, 0), due) == "Đúng hạn"
    assert timeliness(due, due) == "Đúng hạn"
    assert timeliness(at(2026, 3, 12, 9, 1), due) == "Quá hạn"
    assert timeliness(None, due) == ""
    # Days are Viet Nam's: 17:30 UTC on the 11th is 00:30 on the due day, not before it.
    assert timeliness(dt.datetime(2026, 3, 11, 17, 30, tzinfo=dt.UTC), due) == "Đúng hạn"


def test_there_is_no_per_dossier_form_06(copy_dossier):
    with pytest.raises(paper.PaperError):
        paper.form_pdf(copy_dossier, 6)


# --- form 06, the register -------------------------------------------------------------


@pytest.fixture
def register_dossiers(copy_dossier, officer, center, procedures, applicant):
    refused = intake(
        None, center, procedures["1.001193"], applicant, at(2026, 3, 9, 8, 0), channel="online"
    )
    refused = services.dossier_transition(
        actor=officer, dossier=refused, action="refuse", note="Không thuộc thẩm quyền."
    )
    return Dossier.objects.filter(pk__in=[copy_dossier.pk, refused.pk])


@needs_poppler
def test_register_pdf_is_a4_landscape_with_one_row_per_dossier(register_dossiers, center):
    pdf = paper.register_pdf(
        register_dossiers,
        unit=center,
        start=dt.date(2026, 3, 1),
        end=dt.date(2026, 3, 31),
        today=dt.date(2026, 4, 1),
    )
    assert_pdf(pdf)
    assert page_mm(pdf) == (297, 210)
    text = pdf_text(pdf)
    for expected in (
        "SỔ THEO DÕI HỒ SƠ",
        "Từ ngày 01/03/2026 đến ngày 31/03/2026",
        "Long Hẹ, ngày 01 tháng 4 năm 2026",
        "STT",
        "Mã hồ sơ",
        "Hẹn trả kết quả",
        "Ngày có kết quả",
        "Ghi chú",
        "Lò Văn Thử",
        "Từ chối tiếp nhận: Không thuộc thẩm quyền;",
        "Tổng số: 2 hồ sơ.",
    ):
        assert expected in text, expected
    for dossier in register_dossiers:
        assert dossier.code in text


DEMO_BAND = "DỮ LIỆU MẪU – KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"


@needs_poppler
def test_a_demo_dossiers_forms_say_on_every_page_they_are_sample_data(copy_dossier):
    assert DEMO_BAND not in pdf_text(paper.form_pdf(copy_dossier, 1))
    Dossier.objects.filter(pk=copy_dossier.pk).update(is_demo=True)
    copy_dossier.refresh_from_db()
    for number in (1, 5):
        pdf = paper.form_pdf(copy_dossier, number)
        text = pdf_text(pdf)
        pages = int(pdf_info(pdf)["Pages"])
        assert text.count(DEMO_BAND) == pages + 1, number  # the band, and each page's foot
    assert pdf_info(paper.form_pdf(copy_dossier, 1))["Pages"] == "1"  # still one A5 page


@needs_poppler
def test_the_register_says_so_when_any_of_its_rows_is_demo(register_dossiers, center):
    def text():
        return pdf_text(
            paper.register_pdf(
                register_dossiers, unit=center, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
            )
        )

    assert DEMO_BAND not in text()
    register_dossiers.filter(channel="online").update(is_demo=True)
    assert DEMO_BAND in text()


def test_register_xlsx_opens_with_the_same_columns_and_rows(register_dossiers, center):
    data = paper.register_xlsx(
        register_dossiers, unit=center, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
    )
    wb = load_workbook(BytesIO(data))
    ws = wb.active
    assert ws.title == "Sổ theo dõi"
    assert ws["A1"].value == "ỦY BAN NHÂN DÂN XÃ LONG HẸ"
    assert ws["A2"].value == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    assert ws["A6"].value == "SỔ THEO DÕI HỒ SƠ"
    assert ws["A7"].value == "Từ ngày 01/03/2026 đến ngày 31/03/2026"
    assert [c.value for c in ws[9]] == REGISTER_HEADERS
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=10)]
    assert len(rows) == 2
    first, second = sorted(rows, key=lambda r: r[0])
    refused, copy = sorted(register_dossiers, key=lambda d: d.submitted_at)
    assert first[:4] == [1, refused.code, "1.001193 Đăng ký khai sinh", "Lò Văn Thử"]
    assert first[4] is None and first[8].startswith("Từ chối tiếp nhận")
    assert second[:4] == [2, copy.code, "2.000635 Cấp bản sao trích lục hộ tịch", "Lò Văn Thử"]
    assert second[4] == dt.datetime(2026, 3, 9, 9, 0)
    assert ws.cell(row=11, column=5).number_format == DATETIME_FORMAT
    assert ws.cell(row=9, column=1).font.name == "Times New Roman"
    assert ws.cell(row=11, column=3).font.name == "Times New Roman"
    assert ws.print_title_rows == "$9:$9"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)


def test_the_forms_load_weasyprint_only_to_print_a_pdf():
    """WeasyPrint takes over a second to import: the XLSX register must not pay it."""
    import os
    import sys

    script = (
        "import sys, django; django.setup(); import xaso.onestop.paper; "
        "print('weasyprint' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xaso.settings", "XASO_TESTING": "1"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == "False"


# --- offline, fonts, personal data -----------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://example.com/a.png", "https://example.com/a.css", "file:///etc/passwd", "ftp://x/y"],
)
def test_the_fetcher_refuses_anything_but_data_urls(url):
    with pytest.raises(ValueError):
        OfflineFetcher()(url)


def test_the_fetcher_reads_data_urls():
    response = OfflineFetcher()("data:text/plain;base64,eGFzbw==")
    assert response.read() == b"xaso"


def test_rendering_fetches_nothing_from_outside(
    officer, center, procedures, applicant, monkeypatch
):
    from dataclasses import replace

    # Markup typed into a field is printed as text, never loaded.
    dossier = intake(
        officer,
        center,
        procedures["2.000635"],
        replace(applicant, address='<img src="http://example.com/x.png"> Bản Pá Uổi'),
        at(2026, 3, 9, 9, 0),
    )
    fetched = []
    original = OfflineFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(OfflineFetcher, "fetch", spy)
    pdf = paper.form_pdf(dossier, 1)
    assert fetched and all(url.startswith("data:") for url in fetched)
    if shutil.which("pdftotext"):
        assert '<img src="http://example.com/x.png"> Bản Pá Uổi' in pdf_text(pdf)


def test_the_forms_render_without_weasyprint_warnings(copy_dossier, center, caplog):
    import logging

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        paper.form_pdf(copy_dossier, 1)
        paper.form_pdf(copy_dossier, 5)
        paper.register_pdf(
            Dossier.objects.all(), unit=center, start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)
        )
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="pdffonts không có trên máy")
def test_only_liberation_serif_is_embedded(copy_dossier):
    pdf = paper.form_pdf(copy_dossier, 1)
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    rows = out.stdout.decode().splitlines()[2:]
    assert rows
    for row in rows:
        assert "Liberation-Serif" in row, row
        assert " yes " in row, row  # embedded
