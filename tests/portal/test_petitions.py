"""Citizens send a recommendation or feedback and follow it by code — on the portal,
with the protections of the dossier pages: a one-time token, consent, no-store and
noindex, the method guard, no personal data on the follow-up page."""

from __future__ import annotations

import re

import pytest

from xaso.core.models import AuditEntry, OrgUnit
from xaso.petitions.models import Petition
from xaso.portal.models import Consent

pytestmark = pytest.mark.django_db

SENDER = {"name": "Quàng Thị Dân", "phone": "0987 654 321", "address": "Bản Pá Uổi"}


def _form(client, url="/kien-nghi/") -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html, re.search(r'name="token" value="([^"]+)"', html).group(1)


def _send(client, token, **changes):
    data = {
        "token": token,
        "kind": "feedback",
        "summary": "Đèn đường đầu bản bị hỏng",
        "content": "Từ tuần trước, buổi tối rất tối.",
        "village": "03763-B01",
        **SENDER,
        "consent": "on",
        **changes,
    }
    return client.post("/kien-nghi/", {k: v for k, v in data.items() if v is not None})


def test_it_sends_a_feedback_and_follows_it_without_personal_data(client, longhe):
    html, token = _form(client)
    assert "91/2025/QH15" in html and 'name="commune"' not in html  # one commune
    response = _send(client, token)
    assert response.status_code == 302
    petition = Petition.objects.get()
    assert response["Location"] == f"/kien-nghi/theo-doi/?ma={petition.code}"
    assert petition.channel == "online" and petition.public and petition.kind == "feedback"
    assert petition.org_unit == longhe
    assert petition.village == OrgUnit.objects.get(code="03763-B01")
    assert petition.petitioner_phone == "0987654321"
    consent = Consent.objects.get()
    assert consent.petition == petition and consent.given_by == SENDER["name"]
    assert consent.text_version == "portal-petition-consent-2026-1"
    assert AuditEntry.objects.filter(action="petition_consent", object_id=petition.pk).exists()

    page = client.get(response["Location"])
    text = page.content.decode()
    assert page["Cache-Control"] == "no-store" and page["X-Robots-Tag"] == "noindex"
    assert petition.code in text and "Phản ánh" in text
    for private in ("Quàng Thị Dân", "0987654321", "Đèn đường đầu bản"):
        assert private not in text


def test_it_makes_one_petition_however_often_the_form_is_sent(client, longhe):
    _html, token = _form(client)
    first, second = _send(client, token), _send(client, token)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Petition.objects.count() == 1 and Consent.objects.count() == 1


def test_it_refuses_without_consent_and_saves_nothing(client, longhe):
    _html, token = _form(client)
    response = _send(client, token, consent=None)
    assert response.status_code == 200
    assert "Hãy đánh dấu đồng ý để gửi." in response.content.decode()
    assert not Petition.objects.exists() and not Consent.objects.exists()


def test_it_names_each_bad_field(client, longhe):
    _html, token = _form(client)
    response = _send(client, token, summary="", name="", phone="abc-xyz", kind="complaint")
    html = response.content.decode()
    assert response.status_code == 200 and not Petition.objects.exists()
    assert "Tóm tắt nội dung: Hãy tóm tắt nội dung trong một câu." in html
    assert "Họ và tên: Hãy nhập họ và tên người gửi." in html
    assert "Số điện thoại: Số điện thoại không hợp lệ" in html
    assert 'id="id_name_error"' in html and 'aria-invalid="true"' in html
    # complaints and denunciations are not sent online (Law 25/2018: the denouncer's
    # identity is protected at reception, not on a public form)
    assert "Bạn muốn gửi:" in html


def test_a_form_without_its_token_is_refused_and_given_a_new_one(client, longhe):
    response = _send(client, "")
    html = response.content.decode()
    assert response.status_code == 200 and "Biểu mẫu đã cũ" in html
    assert re.search(r'name="token" value="[A-Za-z0-9_-]{20,}"', html)
    assert not Petition.objects.exists()


def test_it_offers_a_choice_of_communes_and_keeps_their_villages_apart(client, other_commune):
    html, token = _form(client)
    assert 'name="commune"' in html and "Chiềng Khác" in html and "Long Hẹ" in html
    wrong = _send(client, token, commune="09999", village="03763-B01")
    assert "Bản đã chọn không thuộc xã nhận kiến nghị." in wrong.content.decode()
    assert not Petition.objects.exists()
    chosen, _token = _form(client, "/kien-nghi/?don_vi=09999")
    assert 'name="commune"' not in chosen and "Bản Đông" in chosen and "Pá Uổi" not in chosen
    ok = _send(client, token, commune="09999", village="09999-B01")
    assert ok.status_code == 302 and Petition.objects.get().org_unit == other_commune


def test_it_answers_only_the_methods_of_each_page(client, longhe):
    assert client.put("/kien-nghi/").status_code == 405
    assert client.post("/kien-nghi/theo-doi/").status_code == 405
    assert client.get("/kien-nghi/theo-doi/", {"ma": "03763-DT-260101-0001"}).status_code == 404


def test_the_old_addresses_lead_to_the_portal(client, longhe):
    assert client.get("/don-thu/gui/")["Location"] == "/kien-nghi/"
    moved = client.get("/don-thu/tra-cuu/", {"ma": "X"})
    assert moved.status_code == 301 and moved["Location"] == "/kien-nghi/theo-doi/?ma=X"


def test_a_client_walking_petition_codes_is_held_off(client, longhe):
    from xaso.core import throttle

    for n in range(throttle.LOOKUP_LIMIT):
        missed = client.get("/kien-nghi/theo-doi/", {"ma": f"03763-DT-260101-{n:04d}"})
        assert missed.status_code == 404
    held = client.get("/kien-nghi/theo-doi/", {"ma": "03763-DT-260101-0001"})
    assert held.status_code == 429 and "Tạm dừng tra cứu" in held.content.decode()
