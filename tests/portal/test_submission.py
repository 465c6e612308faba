"""Online submission without an account: the same checks as the desk, nothing saved on
error, one dossier however often the form is sent."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.portal.conftest import APPLICANT
from xaso.core.models import AuditEntry, OrgUnit
from xaso.onestop.models import Dossier, DossierDocument, Status
from xaso.portal.models import Consent

pytestmark = pytest.mark.django_db


def field_block(html: str, name: str) -> str:
    """The form group (core/forms/field.html) holding the input ``name``: from its
    opening to its closing ``</div>``, the only one at the start of a line."""
    for chunk in re.split(r'(?=<div class="govuk-form-group)', html)[1:]:
        block = chunk.split("\n</div>")[0]
        if f'name="{name}"' in block:
            return block
    raise AssertionError(f"no field {name}")


def test_only_online_procedures_are_offered_grouped_by_field(client, procedures):
    response = client.get("/nop-truc-tuyen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hộ tịch" in html and "Chứng thực" in html
    assert 'href="/nop-truc-tuyen/1.001193/"' in html  # full
    assert 'href="/nop-truc-tuyen/2.000815/"' in html  # partial
    assert "2.000884" not in html and "CT-HDGD" not in html  # none
    assert client.get("/nop-truc-tuyen/2.000884/").status_code == 404
    assert client.post("/nop-truc-tuyen/2.000884/", {}).status_code == 404
    assert client.get("/nop-truc-tuyen/KHONG-CO/").status_code == 404


def test_an_inactive_procedure_is_not_offered(client, procedures):
    procedures["1.000656"].active = False
    procedures["1.000656"].save()
    assert "1.000656" not in client.get("/nop-truc-tuyen/").content.decode()
    assert client.get("/nop-truc-tuyen/1.000656/").status_code == 404


def test_the_form_has_a_field_per_document_villages_and_consent(client, procedures):
    response = client.get("/nop-truc-tuyen/1.000894/")  # marriage: one optional document
    assert response["Cache-Control"] == "no-store" and response["X-Robots-Tag"] == "noindex"
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    for index, document in enumerate(procedures["1.000894"].required_documents):
        block = field_block(html, f"document_{index}")
        assert document["name"] in block
        assert (" required" in block) == document["required"]
    assert "Bản Pá Uổi" in html and "Bản Ta Khom" in html
    assert "chưa có tên" not in html
    assert "91/2025/QH15" in field_block(html, "consent")
    assert 'name="center"' not in html  # one service center: nothing to choose
    for name in ("applicant_name", "applicant_id_number", "applicant_birth_date"):
        label = rf'<label class="govuk-label[^"]*" for="id_{name}">'
        assert re.search(label, field_block(html, name))


def test_a_valid_submission_makes_one_new_online_dossier(client, submission, center):
    response = client.post("/nop-truc-tuyen/1.001193/", submission("1.001193"))
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert response["Location"] == f"/nop-truc-tuyen/da-nop/{dossier.code}/"
    assert dossier.status == Status.NEW and dossier.channel == Dossier.Channel.ONLINE
    assert dossier.org_unit == center and dossier.received_by is None
    assert dossier.applicant_name == APPLICANT["name"]
    assert dossier.applicant_village == OrgUnit.objects.get(code="03763-B01")
    assert dossier.applicant_birth_date == APPLICANT["birth_date"]
    documents = dossier.documents.filter(kind=DossierDocument.Kind.INPUT)
    assert documents.count() == 3
    assert set(documents.values_list("requirement", flat=True)) == {
        d["name"] for d in dossier.procedure.required_documents
    }
    consent = Consent.objects.get()
    assert consent.dossier == dossier and consent.given_by == APPLICANT["name"]
    assert consent.text_version == "portal-consent-2026-1"
    assert "91/2025/QH15" in consent.text and consent.given_at is not None
    logged = AuditEntry.objects.get(action="dossier_consent")
    assert logged.object_id == str(dossier.pk)

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and dossier.code in html
    assert f'href="/tra-cuu/{dossier.code}/?khoa={dossier.lookup_key}"' in html
    assert dossier.lookup_key in html
    assert APPLICANT["name"] not in html and APPLICANT["id_number"] not in html
    # The confirmation, which shows the key, opens only in the browser that sent it.
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404


def test_a_bad_id_number_is_explained_beside_its_field_and_nothing_is_saved(client, submission):
    response = client.post(
        "/nop-truc-tuyen/1.001193/", submission(applicant_id_number="0140950012")
    )
    assert response.status_code == 200
    html = response.content.decode()
    block = field_block(html, "applicant_id_number")
    assert "Số định danh cá nhân phải gồm đúng 12 chữ số." in block
    assert 'aria-invalid="true"' in block and "id_applicant_id_number_error" in block
    assert 'value="Lò Văn Thử"' in html  # what was typed is kept
    assert not Dossier.objects.exists() and not DossierDocument.objects.exists()


def test_an_id_number_that_contradicts_the_birth_date_is_refused(client, submission):
    response = client.post(
        "/nop-truc-tuyen/1.001193/", submission(applicant_birth_date="01/01/1996")
    )
    assert "không khớp ngày sinh" in field_block(response.content.decode(), "applicant_id_number")
    assert not Dossier.objects.exists()


def test_without_consent_nothing_is_submitted(client, submission):
    response = client.post("/nop-truc-tuyen/1.001193/", submission(consent=None))
    assert response.status_code == 200
    assert "Hãy đánh dấu đồng ý" in field_block(response.content.decode(), "consent")
    assert not Dossier.objects.exists()


def test_a_file_that_is_not_a_pdf_or_image_is_refused(client, submission):
    fake = SimpleUploadedFile("to-khai.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post("/nop-truc-tuyen/1.001193/", submission(document_0=fake))
    assert response.status_code == 200
    html = response.content.decode()
    assert "không phải PDF, JPEG hoặc PNG" in field_block(html, "document_0")
    assert "Các tệp đã chọn cần được chọn lại." in html
    assert not Dossier.objects.exists() and not DossierDocument.objects.exists()


def test_a_missing_required_document_is_refused(client, submission):
    response = client.post("/nop-truc-tuyen/1.001193/", submission(document_1=None))
    assert "Hãy đính kèm" in field_block(response.content.decode(), "document_1")
    assert not Dossier.objects.exists()


def test_sending_the_same_form_twice_makes_one_dossier(client, submission):
    data = submission("1.001193")
    again = {k: v for k, v in data.items() if not k.startswith("document_")}
    again.update(submission("1.001193", token=data["token"]))
    first = client.post("/nop-truc-tuyen/1.001193/", data)
    second = client.post("/nop-truc-tuyen/1.001193/", again)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Dossier.objects.count() == 1
    assert DossierDocument.objects.count() == 3
    assert AuditEntry.objects.filter(action="dossier_consent").count() == 1
    assert Consent.objects.count() == 1


def test_a_form_without_its_token_is_refused_and_given_a_new_one(client, submission):
    response = client.post("/nop-truc-tuyen/1.001193/", submission(token=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Biểu mẫu đã cũ" in html
    assert re.search(r'name="token" value="[A-Za-z0-9_-]{20,}"', html)
    assert not Dossier.objects.exists()


def test_a_partial_online_procedure_with_exemptions_offers_them(client, submission):
    html = client.get("/nop-truc-tuyen/2.000635/").content.decode()
    assert "Hộ nghèo" in field_block(html, "fee_exemption")
    response = client.post(
        "/nop-truc-tuyen/2.000635/", submission("2.000635", fee_exemption="poor_household")
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get()
    assert dossier.fee_exemption == "poor_household" and dossier.fee_amount == 0


def test_the_submission_needs_csrf(procedures, client, submission):
    from django.test import Client

    data = submission("1.001193")
    assert (
        Client(enforce_csrf_checks=True).post("/nop-truc-tuyen/1.001193/", data).status_code == 403
    )
    assert not Dossier.objects.exists()


def test_several_centers_give_a_choice_and_their_own_villages(client, submission, other_commune):
    from xaso.core import services

    services.org_unit_create(
        actor=None,
        parent=other_commune,
        code="09999-TTPVHCC",
        name="Trung tâm phục vụ hành chính công xã Chiềng Khác",
        kind=OrgUnit.Kind.SERVICE_CENTER,
    )
    html = client.get("/nop-truc-tuyen/1.001193/").content.decode()
    block = field_block(html, "center")
    assert "03763-TTPVHCC" in block and "09999-TTPVHCC" in block
    assert '<optgroup label="Xã Chiềng Khác">' in html and "Bản Đông" in html
    mismatch = client.post(
        "/nop-truc-tuyen/1.001193/",
        submission(center="09999-TTPVHCC", applicant_village="03763-B01"),
    )
    assert "không thuộc xã của nơi nộp" in field_block(
        mismatch.content.decode(), "applicant_village"
    )
    assert not Dossier.objects.exists()
    ok = client.post(
        "/nop-truc-tuyen/1.001193/",
        submission(center="09999-TTPVHCC", applicant_village="09999-B01"),
    )
    assert ok.status_code == 302
    assert Dossier.objects.get().org_unit.code == "09999-TTPVHCC"


def test_every_mistake_is_shown_in_one_round(client, submission):
    response = client.post(
        "/nop-truc-tuyen/1.001193/",
        submission(applicant_id_number="0140950012", consent=None, document_2=None),
    )
    html = response.content.decode()
    assert "phải gồm đúng 12 chữ số" in field_block(html, "applicant_id_number")
    assert "Hãy đánh dấu đồng ý" in field_block(html, "consent")
    assert "Hãy đính kèm" in field_block(html, "document_2")
    # The summary at the top links to each field in error.
    assert 'href="#id_applicant_id_number"' in html and 'href="#id_consent"' in html
    assert not Dossier.objects.exists()


def _summary(html: str) -> str:
    start = html.index('class="govuk-error-summary"')
    return html[start : html.index("</ul>", start)]


def test_the_error_summary_links_every_refusal_to_its_field(client, submission, monkeypatch):
    from django.core.exceptions import ValidationError

    from xaso.portal import services

    response = client.post("/nop-truc-tuyen/1.001193/", submission(applicant_name=""))
    html = response.content.decode()
    summary = _summary(html)
    assert 'href="#id_applicant_name"' in summary and "Họ và tên" in summary

    def refuse(**_kwargs):
        raise ValidationError({"documents": ["Tệp to-khai.pdf quá lớn (12 MB); tối đa 10 MB."]})

    monkeypatch.setattr(services, "online_submit", refuse)
    html = client.post("/nop-truc-tuyen/1.001193/", submission()).content.decode()
    summary = _summary(html)
    assert '<a href="#documents">Giấy tờ đính kèm: Tệp to-khai.pdf quá lớn' in summary
    assert 'id="documents" aria-describedby="documents_error"' in html
    assert 'id="documents_error"' in html and "Các tệp đã chọn cần được chọn lại." in html
    assert not Dossier.objects.exists()
