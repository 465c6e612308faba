"""Rules that once lived only in a page, now in the services and selectors: the page, the
API and the service give the same answer — intake only at a service center, the one
reschedule and its suggested date, the fee, the one rating."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.onestop.conftest import pdf_upload
from xaso.core.models import AuditEntry, OrgUnit
from xaso.onestop import selectors, services
from xaso.onestop.models import Dossier, Status

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def intake(officer, unit, procedure, applicant, when=None, **kw):
    return services.dossier_intake(
        actor=officer,
        org_unit=unit,
        procedure=procedure,
        channel="direct",
        applicant=applicant,
        uploads=[services.Upload("Tờ khai", pdf_upload())],
        at=when or at(2026, 3, 9, 9, 0),
        **kw,
    )


def api_intake(client, org_unit: str, key: str | None = None):
    return client.post(
        "/api/v1/dossiers",
        data=json.dumps(
            {
                "org_unit": org_unit,
                "procedure": "1.001193",
                "applicant": {
                    "name": "Cầm Văn Bình",
                    "id_number": "014090001111",
                    "birth_date": "1990-05-01",
                    "address": "Bản Ta Khom",
                },
                "idempotency_key": key,
            }
        ),
        content_type="application/json",
    )


@pytest.fixture
def commune_desk(longhe, make_user):
    """A one-stop officer whose role is held over the whole commune, not the center."""
    return make_user("motcua_xa", "onestop_officer", longhe)


# --- intake only at a service center ---------------------------------------------------


def test_the_api_refuses_intake_at_the_commune_naming_org_unit(
    commune_desk, procedures, login, center
):
    # Was: the center and the commune printed the same head "03763" from two counters,
    # so the commune's first dossier of the day took the center's code: 500.
    client = login(commune_desk)
    first = api_intake(client, center.code, "ttp-1")
    assert first.status_code == 201 and first.json()["code"].endswith("-0001")
    for key in ("xa-1", "xa-2"):
        refused = api_intake(client, "03763", key)
        assert refused.status_code == 422
        assert [d["field"] for d in refused.json()["detail"]] == ["org_unit"]
        assert "Trung tâm phục vụ hành chính công" in refused.json()["detail"][0]["message"]
    second = api_intake(client, center.code, "ttp-2")
    assert second.status_code == 201 and second.json()["code"].endswith("-0002")
    assert Dossier.objects.count() == 2
    assert set(Dossier.objects.values_list("org_unit", flat=True)) == {center.pk}


def test_the_desk_page_refuses_the_commune_as_well(commune_desk, procedures, login):
    client = login(commune_desk)
    form = {"thu_tuc": "1.004873", "don_vi": "03763", "channel": "direct"}
    assert client.get("/mot-cua/tiep-nhan/", {"don_vi": "03763"}).status_code == 403
    assert client.post("/mot-cua/tiep-nhan/", form).status_code == 403
    assert not Dossier.objects.exists()


def test_the_service_receives_only_at_an_open_center(
    commune_desk, longhe, center, procedures, applicant
):
    assert selectors.receives_dossiers(center) and not selectors.receives_dossiers(longhe)
    with pytest.raises(ValidationError) as err:
        intake(commune_desk, longhe, procedures["1.004873"], applicant)
    assert "org_unit" in err.value.message_dict
    center.valid_to = dt.date(2026, 1, 31)  # merged away, say
    center.save()
    assert not selectors.receives_dossiers(center)
    with pytest.raises(ValidationError) as err:
        intake(commune_desk, center, procedures["1.004873"], applicant)
    assert "org_unit" in err.value.message_dict
    assert not Dossier.objects.exists()


def test_online_intake_at_the_commune_is_refused_too(longhe, procedures, applicant):
    with pytest.raises(ValidationError) as err:
        services.dossier_intake(
            actor=None,
            org_unit=longhe,
            procedure=procedures["1.001193"],
            channel=Dossier.Channel.ONLINE,
            applicant=applicant,
        )
    assert "org_unit" in err.value.message_dict


# --- the one reschedule and its suggested date -----------------------------------------


def test_reschedule_eligibility_is_one_rule_for_the_page_and_the_service(
    officer, specialist, center, procedures, applicant, make_user, longhe, login
):
    statistician = make_user("tk", "statistics", longhe)
    dossier = intake(officer, center, procedures["1.004873"], applicant)
    assert selectors.can_reschedule(officer, dossier)
    assert selectors.can_reschedule(specialist, dossier)
    assert not selectors.can_reschedule(statistician, dossier)
    reschedule_url = f"/mot-cua/ho-so/{dossier.code}/reschedule/"
    assert reschedule_url in login(officer).get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    dossier = services.dossier_reschedule(
        actor=officer, dossier=dossier, new_due=at(2026, 3, 16, 9, 0), reason="Cần xác minh"
    )
    assert not selectors.can_reschedule(officer, dossier)
    page = login(officer).get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert reschedule_url not in page


def test_a_finished_dossier_cannot_be_rescheduled(
    officer, specialist, center, procedures, applicant
):
    dossier = intake(officer, center, procedures["1.004873"], applicant)
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    dossier = services.dossier_transition(
        actor=specialist,
        dossier=dossier,
        action="complete",
        result=services.Upload("Kết quả", pdf_upload("kq.pdf")),
    )
    assert dossier.status == Status.DONE
    assert not selectors.can_reschedule(officer, dossier)
    assert selectors.reschedule_refusal(dossier) == "Hồ sơ không còn đang giải quyết."
    with pytest.raises(ValidationError, match="không còn đang giải quyết"):
        services.dossier_reschedule(
            actor=officer, dossier=dossier, new_due=at(2026, 3, 20, 9, 0), reason="Muộn"
        )


def test_the_suggested_new_date_is_the_close_of_the_next_working_day(
    officer, center, procedures, applicant
):
    dossier = intake(officer, center, procedures["1.004873"], applicant)
    assert dossier.due_at == at(2026, 3, 12, 17, 0)  # Thursday, at closing
    assert selectors.suggested_new_due(dossier) == at(2026, 3, 13, 17, 0)
    # Due Wednesday 29/04 (Monday 27/04 makes up for Giỗ Tổ on Sunday 26/04); 30/04 and
    # 01/05 are holidays, then a weekend.
    contract = intake(officer, center, procedures["CT-HDGD"], applicant, at(2026, 4, 24, 14, 0))
    assert contract.due_at == at(2026, 4, 29, 17, 0)
    assert selectors.suggested_new_due(contract) == at(2026, 5, 4, 17, 0)


# --- the fee ------------------------------------------------------------------------------


def test_the_fee_can_be_paid_until_the_result_is_handed_over(
    officer, specialist, center, procedures, applicant, login
):
    dossier = intake(officer, center, procedures["2.000635"], applicant, copies=2)
    assert dossier.fee_amount == 16000 and selectors.can_pay(officer, dossier)
    assert not selectors.can_pay(specialist, dossier)
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    dossier = services.dossier_transition(
        actor=specialist,
        dossier=dossier,
        action="complete",
        result=services.Upload("Bản sao", pdf_upload("kq.pdf")),
    )
    # Returning needs the fee paid, so the page offers the payment at "done" too.
    with pytest.raises(ValidationError, match="chưa nộp phí"):
        services.dossier_transition(
            actor=officer, dossier=dossier, action="return_result", return_method="desk"
        )
    assert selectors.can_pay(officer, dossier)
    page = login(officer).get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert f"/mot-cua/ho-so/{dossier.code}/pay/" in page
    dossier = services.dossier_pay(actor=officer, dossier=dossier, method="cash")
    assert not selectors.can_pay(officer, dossier)
    with pytest.raises(ValidationError, match="đã nộp phí"):
        services.dossier_pay(actor=officer, dossier=dossier, method="cash")
    services.dossier_transition(
        actor=officer, dossier=dossier, action="return_result", return_method="desk"
    )


def test_a_closed_dossier_takes_no_fee(officer, center, procedures, applicant, login):
    dossier = intake(officer, center, procedures["2.000635"], applicant)
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="withdraw", note="Công dân rút hồ sơ"
    )
    assert not selectors.can_pay(officer, dossier)
    assert (
        f"/{dossier.code}/pay/"
        not in login(officer).get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    )
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.dossier_pay(actor=officer, dossier=dossier, method="cash")
    assert Dossier.objects.get(pk=dossier.pk).paid_at is None


# --- the one rating -------------------------------------------------------------------------


def _returned(officer, specialist, center, procedures, applicant) -> Dossier:
    dossier = intake(officer, center, procedures["1.004873"], applicant)
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    dossier = services.dossier_transition(
        actor=specialist,
        dossier=dossier,
        action="complete",
        result=services.Upload("Giấy xác nhận", pdf_upload("kq.pdf")),
    )
    return services.dossier_transition(
        actor=officer, dossier=dossier, action="return_result", return_method="desk"
    )


def test_a_second_rating_is_refused_by_the_service_itself(
    officer, specialist, center, procedures, applicant
):
    from xaso.portal import selectors as portal

    dossier = _returned(officer, specialist, center, procedures, applicant)
    assert (
        selectors.can_rate(dossier)
        and portal.public_dossier(dossier.code, dossier.lookup_key).can_rate
    )
    services.dossier_rate(dossier=dossier, rating=5)
    # The caller's copy is stale ("not rated yet"): the service reads the row it locks.
    assert dossier.rating is None
    with pytest.raises(ValidationError) as err:
        services.dossier_rate(dossier=dossier, rating=1)
    assert err.value.message_dict == {"rating": ["Hồ sơ này đã được đánh giá."]}
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.rating == 5 and not selectors.can_rate(stored)
    assert not portal.public_dossier(dossier.code, dossier.lookup_key).can_rate
    assert AuditEntry.objects.filter(action="dossier_rate").count() == 1


def test_a_rating_before_the_result_or_out_of_range_is_refused(
    officer, center, procedures, applicant
):
    dossier = intake(officer, center, procedures["1.004873"], applicant)
    assert not selectors.can_rate(dossier)
    with pytest.raises(ValidationError, match="sau khi đã nhận kết quả"):
        services.dossier_rate(dossier=dossier, rating=4)
    with pytest.raises(ValidationError, match="từ 1 đến 5"):
        services.dossier_rate(dossier=dossier, rating=6)
    assert Dossier.objects.get(pk=dossier.pk).rating is None


def test_a_village_is_not_a_place_of_intake(commune_desk, procedures, applicant):
    village = OrgUnit.objects.get(code="03763-B01")
    with pytest.raises(ValidationError) as err:
        intake(commune_desk, village, procedures["1.004873"], applicant)
    assert "org_unit" in err.value.message_dict


def test_an_unknown_provincial_fee_is_not_called_free(officer, center, procedures, applicant):
    """The marital-status confirmation's fee is the province's and not entered yet: the
    desk is told to request an amount, not that the dossier pays nothing."""
    dossier = intake(officer, center, procedures["1.004873"], applicant)
    assert dossier.fee_unknown and dossier.fee_amount == 0
    refusal = selectors.payment_refusal(dossier)
    assert "chưa nhập" in refusal and "không phải nộp phí" not in refusal
