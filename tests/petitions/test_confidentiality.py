"""The denouncer's identity (Law 25/2018/QH14): shown only to the officer assigned and the
leader who decides; masked for every other role; every showing audited."""

import pytest

from xaso.core.models import AuditEntry
from xaso.petitions import selectors, services

NAME, ID, PHONE, ADDRESS = "Lò Văn Tố", "014095001234", "0912345678", "Bản Pá Uổi"


@pytest.fixture
def people(admin, leader, chairman, reception, reception2, statistician, officer, outsider):
    return {
        "administrator": admin,
        "leader_not_deciding": leader,
        "deciding_leader": chairman,
        "assigned_reception_officer": reception,
        "other_reception_officer": reception2,
        "statistics": statistician,
        "onestop_officer": officer,
        "outsider_other_commune": outsider,
    }


SHOWN = {
    "administrator": False,
    "leader_not_deciding": False,
    "deciding_leader": True,
    "assigned_reception_officer": True,
    "other_reception_officer": False,
    "statistics": False,
    "onestop_officer": False,
    "outsider_other_commune": False,
}


def _views(user, petition):
    return AuditEntry.objects.filter(
        action="view_identity", actor=user, object_id=str(petition.pk)
    ).count()


@pytest.mark.parametrize("role", list(SHOWN))
def test_denunciation_identity_matrix(role, people, receive, reception, chairman):
    petition = receive(kind="denunciation", assigned_to=reception, decider=chairman)
    user = people[role]
    assert selectors.can_see_identity(user, petition) is SHOWN[role]
    for _ in range(2):
        view = selectors.petitioner_view(user, petition, purpose="test")
        assert view.shown is SHOWN[role]
    values = " ".join(str(v) for v in view.as_dict().values())
    if SHOWN[role]:
        assert (view.name, view.id_number, view.phone, view.address) == (NAME, ID, PHONE, ADDRESS)
        assert _views(user, petition) == 2  # every showing audited
    else:
        for secret in (NAME, ID, PHONE, ADDRESS, "Tố"):
            assert secret not in values
        assert _views(user, petition) == 0


def test_a_superuser_does_not_see_a_denouncer(receive, make_user, longhe):
    boss = make_user("sieu_quan_tri", "administrator", longhe)
    boss.is_superuser = True
    boss.save()
    petition = receive(kind="denunciation")
    assert selectors.petitioner_view(boss, petition).shown is False


def test_reassignment_moves_the_right_to_see(receive, reception, reception2, chairman):
    petition = receive(kind="denunciation", assigned_to=reception, decider=chairman)
    petition = services.petition_assign(
        actor=chairman, petition=petition, assigned_to=reception2, decider=chairman
    )
    assert selectors.petitioner_view(reception2, petition).shown is True
    assert selectors.petitioner_view(reception, petition).shown is False


def test_other_officers_cannot_act_on_a_denunciation(receive, reception, reception2, chairman):
    from django.core.exceptions import PermissionDenied

    petition = receive(kind="denunciation", assigned_to=reception, decider=chairman)
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ được giao và người giải quyết"):
        services.petition_transition(actor=reception2, petition=petition, action="accept")
    assert services.allowed_actions(reception2, petition) == []
    assert "accept" in services.allowed_actions(reception, petition)
    assert not selectors.can_reclassify(reception2, petition)
    assert selectors.can_reclassify(reception, petition)
    assert not selectors.can_extend(reception, petition)  # the decider's
    assert selectors.can_extend(chairman, petition)


def test_no_identity_in_the_audit_log_of_a_denunciation(receive, reception, chairman):
    petition = receive(kind="denunciation", assigned_to=reception, decider=chairman)
    services.petition_transition(actor=reception, petition=petition, action="accept")
    services.petition_reclassify(
        actor=reception, petition=petition, kind="complaint", reason="Thực chất là khiếu nại"
    )
    for entry in AuditEntry.objects.filter(object_id=str(petition.pk)):
        text = f"{entry.changes} {entry.object_repr}"
        for secret in (NAME, ID, PHONE):
            assert secret not in text


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("administrator", False),
        ("leader_not_deciding", True),
        ("other_reception_officer", True),
        ("statistics", False),
        ("onestop_officer", False),
        ("outsider_other_commune", False),
    ],
)
def test_complaint_identity_for_petitions_staff(role, shown, people, receive):
    petition = receive(kind="complaint")
    user = people[role]
    assert selectors.petitioner_view(user, petition).shown is shown
    assert _views(user, petition) == (1 if shown else 0)


def test_reclassifying_a_denunciation_keeps_it_confidential(receive, reception, leader, chairman):
    petition = receive(kind="denunciation", assigned_to=reception, decider=chairman)
    petition = services.petition_reclassify(
        actor=reception, petition=petition, kind="complaint", reason="Thực chất là khiếu nại"
    )
    assert petition.confidential
    assert selectors.petitioner_view(leader, petition).shown is False
    assert selectors.petitioner_view(chairman, petition).shown is True


def test_another_leader_cannot_make_himself_decider(receive, reception, leader, chairman):
    from django.core.exceptions import PermissionDenied, ValidationError

    petition = receive(kind="denunciation", assigned_to=reception, decider=chairman)
    with pytest.raises(PermissionDenied):
        services.petition_assign(
            actor=leader, petition=petition, assigned_to=reception, decider=leader
        )
    with pytest.raises(ValidationError):  # the decider must be a leader
        services.petition_assign(
            actor=chairman, petition=petition, assigned_to=reception, decider=reception
        )
    with pytest.raises(PermissionDenied):
        services.petition_extend(actor=leader, petition=petition, reason="Phức tạp")
    petition.refresh_from_db()
    assert petition.decider == chairman


def test_officer_must_be_reception_staff(receive, officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        receive(kind="denunciation", assigned_to=officer)


def test_online_feedback_reclassified_as_denunciation_is_masked(receive, reception, leader):
    petition = receive(kind="feedback", actor=None, channel="online", decider=None)
    assert selectors.petitioner_view(leader, petition).shown is True
    petition = services.petition_reclassify(
        actor=reception, petition=petition, kind="denunciation", reason="Nội dung tố cáo"
    )
    assert petition.confidential and petition.assigned_to == reception
    assert selectors.petitioner_view(leader, petition).shown is False
    assert selectors.petitioner_view(reception, petition).shown is True


def test_no_duplicate_link_ties_a_denunciation_to_its_sender(
    receive, reception, chairman, statistician, login
):
    """Issue 9.1: a denunciation by someone who filed before carried ``duplicate_of``
    pointing at their earlier petition (name, ID, phone in the clear) — and a petition
    filed with a guessed ID and the same summary showed the link only when the guess
    was right."""
    earlier = receive(kind="complaint", summary="Lấn chiếm đất công")
    denunciation = receive(kind="denunciation", summary="Lấn chiếm đất công")
    assert denunciation.duplicate_of is None
    guess = receive(kind="feedback", summary="Lấn chiếm đất công", id_number=ID)
    assert guess.duplicate_of == earlier  # linked to the open petition, never to the other
    wrong_guess = receive(kind="feedback", summary="Lấn chiếm đất công", id_number="014095009999")
    assert wrong_guess.duplicate_of is None
    client = login(statistician)
    api = client.get(f"/api/v1/petitions/{denunciation.code}").json()
    assert api["duplicate_of"] is None
    page = client.get(f"/don-thu/don/{denunciation.code}/").content.decode()
    assert earlier.code not in page and NAME not in page


def test_reclassifying_into_a_denunciation_cuts_its_links(receive, reception):
    first = receive(kind="complaint", summary="Đường nội bản")
    second = receive(kind="complaint", summary="Đường nội bản")
    third = receive(kind="complaint", summary="Đường nội bản")
    assert second.duplicate_of == first and third.duplicate_of == first
    services.petition_reclassify(
        actor=reception, petition=first, kind="denunciation", reason="Có nội dung tố cáo"
    )
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.duplicate_of is None and third.duplicate_of == second
