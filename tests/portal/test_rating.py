"""The citizen's satisfaction rating, once, after the result is returned."""

from __future__ import annotations

import pytest

from tests.portal.conftest import public_url
from xaso.core.models import AuditEntry
from xaso.onestop.models import Dossier

pytestmark = pytest.mark.django_db


def test_a_returned_dossier_is_rated_once(client, returned_dossier):
    page = client.get(public_url(returned_dossier)).content.decode()
    for label in (
        "Rất không hài lòng",
        "Không hài lòng",
        "Bình thường",
        "Hài lòng",
        "Rất hài lòng",
    ):
        assert label in page
    assert page.count('type="radio"') == 5
    url = f"/tra-cuu/{returned_dossier.code}/danh-gia/"
    response = client.post(
        url,
        {
            "rating": "4",
            "comment": "Cán bộ hướng dẫn tận tình",
            "khoa": returned_dossier.lookup_key,
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cảm ơn bạn đã đánh giá" in html
    assert 'type="radio"' not in html  # the form is gone
    dossier = Dossier.objects.get(pk=returned_dossier.pk)
    assert dossier.rating == 4 and dossier.rating_comment == "Cán bộ hướng dẫn tận tình"
    assert AuditEntry.objects.filter(action="dossier_rate").count() == 1

    again = client.post(url, {"rating": "1", "khoa": returned_dossier.lookup_key}, follow=True)
    assert "Hồ sơ này đã được đánh giá." in again.content.decode()
    assert Dossier.objects.get(pk=returned_dossier.pk).rating == 4


def test_a_dossier_not_yet_returned_cannot_be_rated(client, desk_dossier):
    dossier = desk_dossier()
    page = client.get(public_url(dossier)).content.decode()
    assert "Gửi đánh giá" not in page
    response = client.post(
        f"/tra-cuu/{dossier.code}/danh-gia/",
        {"rating": "5", "khoa": dossier.lookup_key},
        follow=True,
    )
    assert "Chỉ đánh giá được sau khi đã nhận kết quả." in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).rating is None


def test_a_rating_without_a_choice_is_shown_beside_the_field(client, returned_dossier):
    response = client.post(
        f"/tra-cuu/{returned_dossier.code}/danh-gia/",
        {"rating": "9", "khoa": returned_dossier.lookup_key},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_rating_error"' in html and "Hãy chọn một mức độ hài lòng." in html
    assert Dossier.objects.get(pk=returned_dossier.pk).rating is None


def test_rating_needs_csrf_and_post(returned_dossier):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    url = f"/tra-cuu/{returned_dossier.code}/danh-gia/"
    assert strict.post(url, {"rating": "5"}).status_code == 403
    assert strict.get(url).status_code == 405
    assert Dossier.objects.get(pk=returned_dossier.pk).rating is None


def test_rating_an_unknown_code_is_a_404(client, longhe):
    assert client.post("/tra-cuu/03763-260101-0042/danh-gia/", {"rating": "5"}).status_code == 404


def test_rating_needs_the_slips_key(client, returned_dossier):
    """Issue 9.7: anyone could rate any returned dossier (Decision 766's satisfaction)."""
    url = f"/tra-cuu/{returned_dossier.code}/danh-gia/"
    for key in ("", "WRONG2", "0000"):
        assert client.post(url, {"rating": "1", "khoa": key}).status_code == 404
    assert Dossier.objects.get(pk=returned_dossier.pk).rating is None
