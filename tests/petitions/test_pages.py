"""Pages: the list never shows a denouncer; the detail shows it only to the officer and
decider (audited); another commune's petition is a 404."""

import datetime as dt

import pytest

from xaso.core.models import AuditEntry

NAME, ID = "Lò Văn Tố", "014095001234"


@pytest.fixture
def denunciation(receive, reception, chairman):
    return receive(kind="denunciation", assigned_to=reception, decider=chairman)


def test_list_masks_and_shows_late(login, leader, denunciation):
    page = login(leader).get("/don-thu/?ds=late")
    assert page.status_code == 200
    html = page.content.decode()
    assert denunciation.code in html  # received 2/3/2026: long late now
    assert NAME not in html and ID not in html
    assert not AuditEntry.objects.filter(action="view_identity").exists()


@pytest.mark.parametrize(
    ("who", "shown"),
    [("reception", True), ("chairman", True), ("leader", False), ("reception2", False)],
)
def test_detail_identity(who, shown, request, login, denunciation):
    user = request.getfixturevalue(who)
    html = login(user).get(f"/don-thu/don/{denunciation.code}/").content.decode()
    assert (NAME in html) is shown and (ID in html) is shown
    assert AuditEntry.objects.filter(action="view_identity", actor=user).count() == int(shown)


def test_outsider_and_one_stop_officer(login, outsider, officer, denunciation):
    # An administrator of another commune: its petitions do not exist for them.
    assert login(outsider).get(f"/don-thu/don/{denunciation.code}/").status_code == 404
    assert login(officer).get("/don-thu/").status_code == 403


def test_outsider_with_petitions_role_gets_404(login, make_user, other_commune, denunciation):
    stranger = make_user("tiepdan_khac", "reception", other_commune)
    assert login(stranger).get(f"/don-thu/don/{denunciation.code}/").status_code == 404


def test_acting_from_the_page(login, reception, denunciation):
    client = login(reception)
    response = client.post(f"/don-thu/don/{denunciation.code}/accept/")
    assert response.status_code == 302
    denunciation.refresh_from_db()
    assert denunciation.status == "accepted"
    assert denunciation.due_at > denunciation.accepted_at + dt.timedelta(days=29)
    client.post(f"/don-thu/don/{denunciation.code}/conclude/")  # refused: not the decider
    denunciation.refresh_from_db()
    assert denunciation.status == "accepted"


def test_receive_page(login, reception, officer):
    from xaso.petitions.models import Petition

    assert login(officer).get("/don-thu/tiep-nhan/").status_code == 403
    client = login(reception)
    assert client.get("/don-thu/tiep-nhan/").status_code == 200
    response = client.post(
        "/don-thu/tiep-nhan/",
        {"kind": "complaint", "channel": "post", "summary": "Đền bù đất", "name": "Cầm Văn A"},
    )
    petition = Petition.objects.get()
    assert response.status_code == 302 and petition.assigned_to == reception
    page = client.get(f"/don-thu/don/{petition.code}/").content.decode()
    assert "Phân loại lại" in page and "Gia hạn" not in page


def test_reclassify_and_extend_from_the_page(login, reception, chairman, denunciation):
    client = login(chairman)
    client.post(
        f"/don-thu/don/{denunciation.code}/reclassify/",
        {"kind": "complaint", "reason": "Thực chất là khiếu nại"},
    )
    denunciation.refresh_from_db()
    assert denunciation.kind == "complaint" and denunciation.confidential
    login(reception).post(f"/don-thu/don/{denunciation.code}/accept/")
    client.post(f"/don-thu/don/{denunciation.code}/extend/", {"reason": "Phức tạp"})
    denunciation.refresh_from_db()
    assert denunciation.extensions == 0  # complaints are never extended


def test_a_step_refused_on_the_page_names_the_input(login, reception, chairman, denunciation):
    """The page took a reason of any length (the API refused it) and flashed refusals
    without saying which input they were about."""
    client = login(reception)
    forward = client.post(
        f"/don-thu/don/{denunciation.code}/forward/",
        {"reason": "x" * 5001, "forwarded_to": "Công an huyện"},
        follow=True,
    )
    assert "Lý do: Dài tối đa 5000 ký tự" in forward.content.decode()
    reclassify = login(chairman).post(
        f"/don-thu/don/{denunciation.code}/reclassify/",
        {"kind": "complaint", "reason": "y" * 5001},
        follow=True,
    )
    assert "Lý do: Dài tối đa 5000 ký tự" in reclassify.content.decode()
    denunciation.refresh_from_db()
    assert denunciation.status == "received" and denunciation.kind == "denunciation"


def test_a_demo_petition_says_so_in_words_on_the_list_and_its_page(login, leader, denunciation):
    from xaso.petitions.models import Petition

    client = login(leader)
    assert "dữ liệu mẫu" not in client.get("/don-thu/?ds=late").content.decode()
    Petition.objects.filter(pk=denunciation.pk).update(is_demo=True)
    for url in ("/don-thu/?ds=late", f"/don-thu/don/{denunciation.code}/"):
        html = client.get(url).content.decode()
        # The shared mark: "DEMO" and the words, visible, not only in a tooltip.
        assert '<span class="demo-badge">demo</span> dữ liệu mẫu</span>' in html, url
