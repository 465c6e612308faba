"""A member's status and cell change only as dated records: the history is kept,
nothing is overwritten; the rules come from dated data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.party import rules, selectors, services
from xaso.party.models import Committee, Member, StatusChange, Transfer

pytestmark = pytest.mark.django_db


def test_recognition_keeps_the_probation_in_the_history(new_member, party_office):
    member = new_member(status="probationary", admitted_on=dt.date(2024, 3, 10))
    with pytest.raises(ValidationError) as refused:
        services.member_status_change(
            actor=party_office, member=member, status="official", on=dt.date(2025, 3, 1)
        )
    assert "on" in refused.value.message_dict
    # Decided late: the membership is official from the end of the 12 months all the same.
    member = services.member_status_change(
        actor=party_office, member=member, status="official", on=dt.date(2025, 5, 2)
    )
    assert member.official_on == dt.date(2025, 3, 10)
    assert list(StatusChange.objects.filter(member=member).values_list("status", "on")) == [
        ("probationary", dt.date(2024, 3, 10)),
        ("official", dt.date(2025, 5, 2)),
    ]


def test_a_transfer_between_cells_moves_the_roll_and_keeps_where_from(
    new_member, party_office, cells
):
    member = new_member(code="03763-CB01")
    transfer = services.member_transfer(
        actor=party_office,
        member=member,
        kind="official",
        direction="internal",
        to_unit=cells["03763-CB02"].org_unit,
        on=dt.date(2025, 8, 1),
        letter_number="12-GGT/ĐU",
    )
    member.refresh_from_db()
    assert member.org_unit.code == "03763-CB02"
    assert transfer.from_unit.code == "03763-CB01" and transfer.to_unit.code == "03763-CB02"
    events = selectors.history(member)
    assert [e.on for e in events] == [dt.date(2006, 3, 2), dt.date(2025, 8, 1)]
    assert "12-GGT/ĐU" in events[1].detail


def test_a_transfer_out_ends_the_count_but_not_the_file(new_member, party_office, leader, longhe):
    member = new_member()
    kept = new_member(full_name="Cà Thị Hoa")
    services.member_transfer(
        actor=party_office,
        member=member,
        kind="official",
        direction="out",
        other_organisation="Đảng bộ xã Chiềng Pấc",
        on=dt.date(2025, 9, 1),
    )
    member.refresh_from_db()
    assert member.status == "transferred_out"
    assert selectors.summary(leader, longhe)["members"] == 1
    assert [m.pk for m in selectors.members_in(leader, longhe, status="all")] == sorted(
        [member.pk, kept.pk], key=lambda pk: Member.objects.get(pk=pk).name_key
    )
    assert StatusChange.objects.filter(member=member).count() == 2
    with pytest.raises(ValidationError) as refused:  # no longer on the roll
        services.member_transfer(
            actor=party_office,
            member=member,
            kind="official",
            direction="out",
            other_organisation="X",
            on=dt.date(2025, 9, 2),
        )
    assert "member" in refused.value.message_dict


def test_a_temporary_transfer_keeps_the_roll(new_member, party_office, leader, longhe):
    member = new_member()
    services.member_transfer(
        actor=party_office,
        member=member,
        kind="temporary",
        direction="out",
        other_organisation="Chi bộ Trường Cao đẳng Sơn La",
        on=dt.date(2025, 9, 1),
        until=dt.date(2026, 6, 30),
    )
    member.refresh_from_db()
    assert (member.status, member.org_unit.code) == ("official", "03763-CB01")
    assert Transfer.objects.get(member=member).until == dt.date(2026, 6, 30)
    assert selectors.summary(leader, longhe)["members"] == 1


def test_a_member_coming_temporarily_is_not_counted(cells, party_office, leader, longhe):
    member = services.member_transfer_in(
        actor=party_office,
        cell=cells["03763-CB03"].org_unit,
        kind="temporary",
        on=dt.date(2025, 9, 1),
        other_organisation="Đảng bộ phường Tô Hiệu",
        status="official",
        full_name="Tòng Văn Sơn",
        birth_date=dt.date(1990, 1, 1),
        gender="male",
        ethnicity="Thái",
        admitted_on=dt.date(2015, 1, 1),
        official_on=dt.date(2016, 1, 1),
        general_education="upper_secondary",
    )
    assert member.temporary
    assert selectors.summary(leader, longhe)["members"] == 0
    assert Transfer.objects.get(member=member).direction == "in"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"direction": "internal"}, "to_unit"),
        ({"direction": "out"}, "other_organisation"),
        ({"direction": "out", "other_organisation": "X", "on": dt.date(2100, 1, 1)}, "on"),
        ({"direction": "out", "other_organisation": "X", "on": dt.date(2000, 1, 1)}, "on"),
        ({"direction": "out", "other_organisation": "X", "until": dt.date(2026, 1, 1)}, "until"),
    ],
)
def test_a_refused_transfer_names_its_field_and_changes_nothing(
    new_member, party_office, kwargs, field
):
    member = new_member()
    kwargs = {"kind": "official", "on": dt.date(2025, 9, 1), **kwargs}
    with pytest.raises(ValidationError) as refused:
        services.member_transfer(actor=party_office, member=member, **kwargs)
    assert field in refused.value.message_dict
    assert not Transfer.objects.exists()
    member.refresh_from_db()
    assert (member.status, member.org_unit.code) == ("official", "03763-CB01")


def test_status_and_cell_are_not_edited_in_place(new_member, party_office):
    member = new_member()
    with pytest.raises(ValidationError) as refused:
        services.member_update(actor=party_office, member=member, status="deceased")
    assert "status" in refused.value.message_dict


def test_a_leader_may_not_write(new_member, leader):
    from django.core.exceptions import PermissionDenied

    member = new_member()
    with pytest.raises(PermissionDenied):
        services.member_status_change(
            actor=leader, member=member, status="deceased", on=dt.date(2025, 1, 1)
        )


def test_a_chi_uy_needs_nine_official_members_and_a_new_term_ends_the_old(
    new_member, party_office, cells
):
    cell = cells["03763-CB01"]
    people = [new_member(full_name=f"Người {i}") for i in range(8)]
    seats = [(people[0], "secretary"), (people[1], "deputy"), (people[2], "member")]
    with pytest.raises(ValidationError) as refused:
        services.committee_set(
            actor=party_office,
            cell=cell,
            elected=True,
            term_start=dt.date(2025, 7, 1),
            seats=seats,
        )
    assert "elected" in refused.value.message_dict
    first = services.committee_set(
        actor=party_office,
        cell=cell,
        elected=False,
        term_start=dt.date(2025, 7, 1),
        seats=seats[:2],
    )
    people.append(new_member(full_name="Người 9"))
    second = services.committee_set(
        actor=party_office,
        cell=cell,
        elected=True,
        term_start=dt.date(2025, 10, 1),
        term_end=dt.date(2027, 10, 1),
        seats=seats,
    )
    first.refresh_from_db()
    assert first.ended_on == dt.date(2025, 9, 30) and second.ended_on is None
    assert Committee.objects.filter(cell=cell).count() == 2
    assert selectors.committee_of(cell)[0] == second


def test_rules_are_dated_and_say_when_unconfirmed():
    assert rules.value("probation_months", dt.date(2026, 1, 1)) == 12
    old = rules.rule("badge_years", dt.date(2024, 1, 1))
    new = rules.rule("badge_years", dt.date(2026, 1, 1))
    assert old.confirmed and "01-HD/TW" in old.source
    assert not new.confirmed and "06-HD/TW" in new.source
    assert new.value[:4] == [30, 40, 45, 50]
    with pytest.raises(LookupError):
        rules.rule("badge_years", dt.date(2000, 1, 1))
    assert all(r.source for r in rules.all_rules())
