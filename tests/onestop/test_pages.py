"""The desk, as the one-stop officer and the specialist use it: intake by form, the
queue, actions, and the API with its idempotent intake."""

from __future__ import annotations

import json

import pytest

from tests.onestop.conftest import pdf_upload
from xaso.onestop.models import Dossier, Status

pytestmark = pytest.mark.django_db

FORM = {
    "thu_tuc": "1.004873",
    "don_vi": "03763-TTPVHCC",
    "channel": "direct",
    "applicant_name": "Lò Thị Hoà",
    "applicant_id_number": "014195001234",
    "applicant_birth_date": "02/03/1995",
    "applicant_address": "Bản Nà Nôm",
    "copies": 1,
    "pages": 0,
    "documents_digitised": "on",
}


def test_the_officer_receives_a_dossier_through_the_form(officer, procedures, login):
    client = login(officer)
    page = client.get("/mot-cua/tiep-nhan/", {"thu_tuc": "1.004873"}).content.decode()
    assert "Bản quét: Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu" in page
    response = client.post(
        "/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload(), "idempotency_key": "form-1"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/mot-cua/ho-so/{dossier.code}/"
    assert dossier.documents.get().digitised
    detail = client.get(response["Location"]).content.decode()
    assert "Được tiếp nhận" in detail and "014195001234" in detail
    assert "còn 3 ngày làm việc" in detail or "còn" in detail


def test_a_bad_id_number_is_shown_beside_its_field_and_nothing_is_saved(officer, procedures, login):
    response = login(officer).post(
        "/mot-cua/tiep-nhan/", {**FORM, "applicant_id_number": "014196001234"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Số định danh cá nhân (CCCD): Số định danh ghi năm sinh 1996" in body
    assert "không khớp ngày sinh" in body
    assert not Dossier.objects.exists()


def test_the_queue_finds_by_name_without_tone_marks_and_hides_ids_from_statistics(
    officer, procedures, login, make_user, longhe
):
    login(officer).post("/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload()})
    page = login(officer).get("/mot-cua/", {"hang": "all_open", "q": "lo thi hoa"})
    assert "Lò Thị Hoà" in page.content.decode()
    assert "014195001234" in page.content.decode()
    statistician = make_user("tk1", "statistics", longhe)
    stats_page = login(statistician).get("/mot-cua/", {"hang": "all_open"}).content.decode()
    assert "Lò Thị Hoà" in stats_page and "014195001234" not in stats_page
    dossier = Dossier.objects.get()
    assert login(statistician).get(f"/mot-cua/ho-so/{dossier.code}/mau-1.pdf").status_code == 403


def test_actions_on_the_detail_page_follow_the_workflow(officer, specialist, procedures, login):
    desk, spec = login(officer), login(specialist)
    desk.post("/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload()})
    code = Dossier.objects.get().code
    desk.post(f"/mot-cua/ho-so/{code}/transfer/", {"assignee": specialist.pk})
    assert Dossier.objects.get().status == Status.PROCESSING
    page = spec.get(f"/mot-cua/ho-so/{code}/").content.decode()
    assert "Có kết quả" in page
    spec.post(f"/mot-cua/ho-so/{code}/complete/", {"result": pdf_upload("kq.pdf")})
    assert Dossier.objects.get().status == Status.DONE
    wrong = spec.post(
        f"/mot-cua/ho-so/{code}/return_result/", {"return_method": "desk"}, follow=True
    )
    assert "Vai trò của bạn" in wrong.content.decode() or wrong.status_code == 403
    desk.post(f"/mot-cua/ho-so/{code}/return_result/", {"return_method": "desk"})
    assert Dossier.objects.get().status == Status.RETURNED


def test_another_commune_cannot_see_or_touch_long_hes_dossiers(
    officer, outsider, procedures, login
):
    login(officer).post("/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload()})
    code = Dossier.objects.get().code
    client = login(outsider)
    assert client.get(f"/mot-cua/ho-so/{code}/").status_code == 404
    assert client.post(f"/mot-cua/ho-so/{code}/withdraw/", {"note": "x"}).status_code == 404
    assert client.get(f"/api/v1/dossiers/{code}").status_code == 404
    assert Dossier.objects.get().status == Status.RECEIVED


def _api_body(key) -> str:
    return json.dumps(
        {
            "org_unit": "03763-TTPVHCC",
            "procedure": "1.001193",
            "channel": "direct",
            "applicant": {
                "name": "Cầm Văn Bình",
                "id_number": "014090001111",
                "birth_date": "1990-05-01",
                "address": "Bản Ta Khom",
            },
            "idempotency_key": key,
        }
    )


def _api_intake(client, key):
    return client.post("/api/v1/dossiers", data=_api_body(key), content_type="application/json")


def test_the_api_intake_is_idempotent(officer, procedures, login):
    client = login(officer)
    first = _api_intake(client, "k-123")
    assert first.status_code == 201 and first.json()["status"] == 2
    again = _api_intake(client, "k-123")
    assert again.status_code == 200 and again.json()["code"] == first.json()["code"]
    assert Dossier.objects.count() == 1
    other = _api_intake(client, "k-124")
    assert other.status_code == 201 and Dossier.objects.count() == 2


def test_an_idempotency_key_is_its_users_alone(
    officer, outsider, make_user, center, procedures, login
):
    """Issue 9.2: a key already used returned its dossier — applicant's name included —
    to any user of any commune, before any permission check."""
    first = _api_intake(login(officer), "k-shared").json()
    stranger = login(outsider).post(
        "/api/v1/dossiers",
        data=json.dumps({**json.loads(_api_body("k-shared")), "org_unit": "03763-TTPVHCC"}),
        content_type="application/json",
    )
    assert stranger.status_code == 404
    assert "Cầm Văn Bình" not in stranger.content.decode()
    colleague = make_user("motcua2_lh", "onestop_officer", center)
    second = _api_intake(login(colleague), "k-shared")
    assert second.status_code == 201 and second.json()["code"] != first["code"]
    long_key = login(officer).post(
        "/api/v1/dossiers",
        data=_api_body(None),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k" * 201,
    )
    assert long_key.status_code == 422 and "Idempotency-Key" in long_key.content.decode()


def test_the_api_refuses_illegal_transitions_with_422(officer, procedures, login):
    client = login(officer)
    code = _api_intake(client, "k-1").json()["code"]
    bad = client.post(
        f"/api/v1/dossiers/{code}/transitions",
        data=json.dumps({"action": "return_result", "return_method": "desk"}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "Được tiếp nhận" in bad.json()["detail"][0]["message"]
    bad_id = client.post(
        "/api/v1/dossiers",
        data=json.dumps(
            {
                "org_unit": "03763-TTPVHCC",
                "procedure": "1.001193",
                "applicant": {"name": "X", "id_number": "12", "address": "Y"},
            }
        ),
        content_type="application/json",
    )
    assert bad_id.status_code == 422
    assert bad_id.json()["detail"][0]["field"] == "applicant.id_number"


def test_the_public_api_lookup_reveals_no_personal_data(officer, procedures, login, client):
    code = _api_intake(login(officer), "k-9").json()["code"]
    key = Dossier.objects.get(code=code).lookup_key
    response = client.get(f"/api/v1/public/dossiers/{code}", {"key": key})
    body = response.content.decode()
    assert response.status_code == 200 and response.json()["status"] == 2
    for secret in ("Cầm Văn Bình", "014090001111", "Ta Khom", "1990"):
        assert secret not in body


def test_statistics_count_and_the_digitisation_target_moves(
    officer, specialist, leader, procedures, login
):
    from xaso.seed import loader

    loader.load_resolution()
    desk = login(officer)
    desk.post("/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload()})
    stats = login(leader).get("/mot-cua/thong-ke/").content.decode()
    assert "Tiến độ giải quyết" in stats and "Số hóa hồ sơ" in stats
    detail = login(leader).get("/chi-tieu/social/6/").content.decode()
    assert "100,0" in detail  # 1 of 1 dossier received this year is fully digitised
    xlsx = login(leader).get("/mot-cua/thong-ke/", {"xuat": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    # Two header rows, grouped as on the page.
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx.content))["Thống kê"]
    header = [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=5)]
    groups = ["Lĩnh vực / thủ tục", "Số hồ sơ nhận", None, None, None, "Đã giải quyết"]
    groups += [None, None, None, "Đang giải quyết", None, None]
    columns = [None, "Tổng", "Trực tuyến", "Trực tiếp, bưu chính", "Kỳ trước chuyển qua"]
    columns += ["Tổng", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng", "Trong hạn", "Quá hạn"]
    assert header == [groups, columns]
    assert sorted(str(r) for r in sheet.merged_cells.ranges) == [
        "A4:A5",
        "B4:E4",
        "F4:I4",
        "J4:L4",
    ]
    assert sheet.print_title_rows == "$4:$5" and sheet.freeze_panes == "A6"
    assert sheet["A6"].value == "Theo lĩnh vực" and sheet["F5"].font.b


def test_the_officer_prints_slip_01_with_the_right_text(officer, procedures, login):
    import shutil
    import subprocess

    client = login(officer)
    client.post("/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload()})
    code = Dossier.objects.get().code
    response = client.get(f"/mot-cua/ho-so/{code}/mau-1.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert code in text and "Lò Thị Hoà" in text and "/tra-cuu/" in text


def test_a_search_looks_through_every_dossier_and_the_specialist_sees_their_own(
    officer, specialist, procedures, login
):
    desk = login(officer)
    desk.post("/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload()})
    dossier = Dossier.objects.get()
    desk.post(f"/mot-cua/ho-so/{dossier.code}/transfer/", {"assignee": specialist.pk})
    found = login(specialist).get("/mot-cua/", {"hang": "results", "q": dossier.code})
    assert dossier.code in found.content.decode()  # not in "results", found all the same
    mine = login(specialist).get("/mot-cua/", {"hang": "mine"}).content.decode()
    assert dossier.code in mine


def test_a_same_day_procedure_is_not_flagged_for_an_apology(officer, procedures, login):
    client = login(officer)
    client.post(
        "/mot-cua/tiep-nhan/",
        {
            **FORM,
            "thu_tuc": "1.001193",
            "doc_0": pdf_upload(),
            "doc_1": pdf_upload(),
            "doc_2": pdf_upload(),
        },
    )
    code = Dossier.objects.get().code
    assert "sắp đến hạn" not in client.get(f"/mot-cua/ho-so/{code}/").content.decode()


def test_the_openapi_document_lists_the_one_stop_endpoints(leader, login):
    schema = login(leader).get("/api/openapi.json").json()
    for path in (
        "/api/v1/dossiers",
        "/api/v1/dossiers/{code}",
        "/api/v1/dossiers/{code}/transitions",
        "/api/v1/onestop/statistics",
        "/api/v1/public/dossiers/{code}",
        "/api/v1/targets",
        "/api/v1/target-values",
    ):
        assert path in schema["paths"], path


def test_the_dossier_page_reads_only_plain_numbers(officer, procedures, login):
    """A superscript "²" passes str.isdigit() but not int(); 20 digits overflow the
    database: both were server errors on the step form."""
    client = login(officer)
    code = _api_intake(client, "k-digits").json()["code"]
    for value in ("²", "9" * 20):
        response = client.post(
            f"/mot-cua/ho-so/{code}/transfer/", {"assignee": value, "amount": value}
        )
        assert response.status_code in (200, 302, 400), value
    assert Dossier.objects.get(code=code).status == 2  # nothing moved
    data = client.get(f"/api/v1/dossiers/{code}").json()
    # A birth registered without the "on time" exemption pays the province's fee, which
    # Sơn La has not entered: the API says so instead of a silent 0.
    assert data["fee_unknown"] is True and data["fee_amount"] == 0


def test_the_api_list_builds_one_calendar_per_unit(
    officer, procedures, login, django_assert_max_num_queries
):
    client = login(officer)
    for n in range(6):
        _api_intake(client, f"k-list-{n}")
    with django_assert_max_num_queries(14):  # not 4 more for every dossier
        listed = client.get("/api/v1/dossiers", {"queue": "all_open"}).json()
    assert len(listed) == 6 and all(d["is_demo"] is False for d in listed)


def test_a_step_refused_on_the_page_names_the_input_and_the_fee_reads_as_typed(
    officer, specialist, procedures, login
):
    """The page flashed a bare "Hãy nhập số tiền…" for "16.000" (read as no number at
    all) and took a note of any length the API refused."""
    from xaso.onestop import services

    desk = login(officer)
    code = _api_intake(desk, "k-step-page").json()["code"]
    long_note = desk.post(f"/mot-cua/ho-so/{code}/withdraw/", {"note": "x" * 5001}, follow=True)
    assert "Nội dung / lý do: Dài tối đa 5000 ký tự" in long_note.content.decode()
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == Status.RECEIVED and not dossier.events.filter(action="withdraw")
    services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    page = login(specialist)
    words = page.post(
        f"/mot-cua/ho-so/{code}/request_payment/", {"amount": "16 nghìn"}, follow=True
    )
    assert "Số tiền phải nộp (đồng): Hãy nhập số đồng, ví dụ 16.000." in words.content.decode()
    assert Dossier.objects.get(code=code).status == Status.PROCESSING
    page.post(f"/mot-cua/ho-so/{code}/request_payment/", {"amount": "16.000"})
    dossier.refresh_from_db()
    assert dossier.status == Status.PAYMENT and dossier.fee_amount == 16_000


def test_a_demo_dossier_says_so_in_words_in_the_queue_and_on_its_page(officer, procedures, login):
    client = login(officer)
    client.post("/mot-cua/tiep-nhan/", {**FORM, "doc_0": pdf_upload(), "idempotency_key": "d-1"})
    dossier = Dossier.objects.get()
    assert "dữ liệu mẫu" not in client.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    Dossier.objects.filter(pk=dossier.pk).update(is_demo=True)
    for url in ("/mot-cua/", f"/mot-cua/ho-so/{dossier.code}/"):
        html = client.get(url).content.decode()
        # The shared mark: "DEMO" and the words, visible, not only in a tooltip.
        assert '<span class="demo-badge">demo</span> dữ liệu mẫu</span>' in html, url
