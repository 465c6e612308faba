"""The procedure catalogue against the law: every entry cites its basis, birth and death
registration are free only on time, trích lục cites the civil-status texts, fees the
province sets read "chưa nhập" until the province's amount is entered — by the
installation's or the province's administrator only, audited — and the procedures a
commune desk meets every week are there."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.onestop.conftest import pdf_upload
from tests.onestop.test_paper import needs_poppler, pdf_text
from xaso.core.models import AuditEntry, OrgUnit
from xaso.onestop import fees, paper, services
from xaso.onestop.models import Dossier, Procedure, ProvinceFee, Status

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CATALOGUE = Path(__file__).parents[2] / "src" / "xaso" / "seed" / "procedures.json"
# An amount for the tests only: Sơn La's real amounts are not in xaso (never invented).
TEST_AMOUNT = 7000
TEST_BASIS = "Nghị quyết thử nghiệm số 01/TEST (dữ liệu kiểm thử)"

NEW_CODES = [
    "HT-GIAMHO",
    "HT-CDGIAMHO",
    "HT-NHANCMC",
    "HT-THAYDOI",
    "HT-BOSUNG",
    "HT-LAIKS",
    "HT-LAIKH",
    "HT-LAIKT",
    "CT-DICHUC",
    "CT-PCDISAN",
]


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def intake(officer, center, procedure, applicant, **kw):
    return services.dossier_intake(
        actor=officer,
        org_unit=center,
        procedure=procedure,
        channel="direct",
        applicant=applicant,
        uploads=[services.Upload("Tờ khai", pdf_upload())],
        at=kw.pop("when", at(2026, 3, 9, 9, 0)),
        **kw,
    )


@pytest.fixture
def son_la(longhe):
    return OrgUnit.objects.get(code="14")


@pytest.fixture
def province_admin(son_la, make_user):
    return make_user("quantri_tinh", "administrator", son_la)


@pytest.fixture
def installation_admin(make_user):
    user = make_user("vanhanh")
    user.is_superuser = True
    user.save()
    return user


def set_fee(actor, province, procedure, amount=TEST_AMOUNT, basis=TEST_BASIS):
    return services.province_fee_set(
        actor=actor, province=province, procedure=procedure, amount=amount, legal_basis=basis
    )


# --- every entry: basis, time, fee -------------------------------------------------------


def test_the_catalogue_has_18_procedures_each_with_a_basis_a_time_and_a_fee(procedures):
    assert len(procedures) == 18
    for code, p in procedures.items():
        assert p.legal_basis and p.time_legal_basis and p.fee_legal_basis, code
        assert p.result_document and p.required_documents, code
        assert p.fee_rule.get("type") in ("free", "fixed", "per_page", "province"), code
        # The rule computes: an amount, or None ("chưa nhập") for the province's.
        amount = fees.fee_amount(p.fee_rule, pages=3, copies=1)
        assert amount is None if p.fee_set_by_province else isinstance(amount, int), code
        if p.extended_time is not None:
            assert p.extended_time_legal_basis, code
            assert p.extended_time >= p.processing_time, code


def test_the_new_weekly_procedures_are_in_with_internal_codes_said_to_be_unconfirmed(
    procedures,
):
    for code in NEW_CODES:
        p = procedures[code]
        assert "Mã thủ tục quốc gia chưa xác nhận" in p.note, code
    assert procedures["HT-GIAMHO"].processing_time == 3  # Luật Hộ tịch Art. 20.2
    assert procedures["HT-GIAMHO"].fee_rule == {"type": "free"}  # Art. 11.1.b
    assert procedures["HT-CDGIAMHO"].processing_time == 2  # Art. 22.2
    assert procedures["HT-NHANCMC"].processing_time == 3  # Art. 25.2
    assert procedures["HT-NHANCMC"].extended_time == 8  # + 5 when verifying
    assert procedures["HT-THAYDOI"].processing_time == 3  # Art. 28.2
    assert procedures["HT-THAYDOI"].extended_time == 6  # + 3 when verifying
    assert procedures["HT-BOSUNG"].time_unit == Procedure.TimeUnit.ON_THE_SPOT  # Art. 29.2
    assert procedures["CT-DICHUC"].processing_time == 2  # Decree 23/2015 Art. 37
    assert procedures["CT-DICHUC"].fee_rule["amount"] == 50000


def test_what_moved_to_the_commune_on_1_7_2025_says_so(procedures):
    # Change and correction for people aged 14 and over, and re-determination of
    # ethnicity, were the district's (Luật Hộ tịch Art. 7.2, 46): now the commune's.
    p = procedures["HT-THAYDOI"]
    assert "Nghị định 120/2025/NĐ-CP" in p.legal_basis
    assert "01/7/2025" in p.note and "xác định lại dân tộc" in p.name


def test_the_json_keeps_the_model_fields(procedures):
    rows = json.loads(CATALOGUE.read_text(encoding="utf-8"))["procedures"]
    fields = {f.name for f in Procedure._meta.get_fields()}
    for row in rows:
        assert set(row) <= fields, row["code"]
    assert len({row["code"] for row in rows}) == len(rows)


# --- birth and death: free only on time --------------------------------------------------


def test_birth_registration_is_free_on_time_and_not_free_late(
    officer, center, procedures, applicant, installation_admin, son_la
):
    birth = procedures["1.001193"]
    assert "on_time" in birth.exemptions and birth.fee_set_by_province
    assert "60 ngày" in birth.fee_legal_basis and "Điều 11" in birth.fee_legal_basis
    on_time = intake(officer, center, birth, applicant, exemption="on_time")
    assert on_time.fee_amount == 0 and not on_time.fee_unknown
    late = intake(officer, center, birth, applicant)
    # Late: the province's civil-status fee, not entered yet — unknown, never a free 0.
    assert late.fee_unknown and late.fee_amount == 0
    set_fee(installation_admin, son_la, birth)
    later = intake(officer, center, birth, applicant)
    assert later.fee_amount == TEST_AMOUNT and not later.fee_unknown
    poor = intake(officer, center, birth, applicant, exemption="poor_household")
    assert poor.fee_amount == 0 and not poor.fee_unknown


def test_death_registration_is_free_on_time_and_says_its_verification_time(
    officer, center, procedures, applicant
):
    death = procedures["1.000656"]
    assert "15 ngày" in death.fee_legal_basis
    assert intake(officer, center, death, applicant, exemption="on_time").fee_amount == 0
    assert intake(officer, center, death, applicant).fee_unknown
    # Immediately (Art. 34.2); when verification is needed at most 3 working days,
    # the basis saying which text gives them and what is unconfirmed.
    assert death.time_unit == Procedure.TimeUnit.ON_THE_SPOT
    assert death.extended_time == 3
    assert "Điều 52" in death.extended_time_legal_basis
    assert "chưa xác nhận" in death.extended_time_legal_basis
    assert death.extended_time_label == "tối đa 3 ngày làm việc"


def test_the_15_00_rule_of_civil_status_cites_the_law_article_5(procedures):
    for code in ("1.001193", "1.000656", "2.000635", "HT-BOSUNG"):
        assert procedures[code].cutoff == dt.time(15, 0), code
        assert "Điều 5 khoản 3" in procedures[code].time_legal_basis, code


# --- trích lục cites the civil-status texts ---------------------------------------------


def test_extracts_cite_the_civil_status_texts_not_the_certification_decree(procedures):
    p = procedures["2.000635"]
    for text in (p.legal_basis, p.time_legal_basis, p.fee_legal_basis):
        assert "Nghị định 23/2015" not in text  # certification, not civil status
    assert "Luật Hộ tịch" in p.legal_basis and "Điều 63, 64" in p.legal_basis
    assert "Nghị định 87/2020/NĐ-CP" in p.legal_basis
    assert "Điều 64 khoản 2" in p.time_legal_basis
    assert "Thông tư 281/2016/TT-BTC, Điều 4" in p.fee_legal_basis
    assert p.fee_rule == {"type": "fixed", "amount": 8000, "per": "bản"}


# --- the marital-status fee: the province's, "chưa nhập" until entered --------------------


def test_the_marital_status_fee_reads_chua_nhap_until_the_province_sets_it(
    officer, center, procedures, applicant, login, client, province_admin, son_la
):
    status = procedures["1.004873"]
    assert status.fee_set_by_province and "Thông tư 85/2019/TT-BTC" in status.fee_legal_basis
    dossier = intake(officer, center, status, applicant)
    assert dossier.fee_unknown and dossier.fee_amount == 0
    desk = login(officer)
    page = desk.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert "Chưa nhập" in page and "Không thu" not in page
    intake_page = desk.get("/mot-cua/tiep-nhan/", {"thu_tuc": "1.004873"}).content.decode()
    assert "chưa nhập" in intake_page
    portal = client.get("/nop-truc-tuyen/1.004873/").content.decode()
    assert "Tỉnh Sơn La" in portal and "chưa nhập" in portal

    set_fee(province_admin, son_la, status)

    dossier.refresh_from_db()  # the open dossier whose fee was unknown is priced now
    assert dossier.fee_amount == TEST_AMOUNT and not dossier.fee_unknown
    page = desk.get(f"/mot-cua/ho-so/{dossier.code}/").content.decode()
    assert "7.000 đồng" in page and "Chưa nhập" not in page
    portal = client.get("/nop-truc-tuyen/1.004873/").content.decode()
    assert "7.000 đồng/trường hợp" in portal and TEST_BASIS in portal
    assert intake(officer, center, status, applicant).fee_amount == TEST_AMOUNT
    priced = AuditEntry.objects.get(action="dossier_fee_priced")
    assert priced.object_id == str(dossier.pk)


@needs_poppler
def test_form_01_says_chua_nhap_for_an_unknown_fee(officer, center, procedures, applicant):
    dossier = intake(officer, center, procedures["1.004873"], applicant)
    text = pdf_text(paper.form_pdf(dossier, 1))
    assert "Phí, lệ phí: chưa nhập (mức thu do Hội đồng nhân dân tỉnh quy định" in text
    assert "0 đồng" not in text


def test_the_processing_officer_can_state_an_unknown_fee(
    officer, specialist, center, procedures, applicant
):
    dossier = intake(officer, center, procedures["1.004873"], applicant)
    dossier = services.dossier_transition(
        actor=officer, dossier=dossier, action="transfer", assignee=specialist
    )
    dossier = services.dossier_transition(
        actor=specialist, dossier=dossier, action="request_payment", amount=5000
    )
    assert dossier.status == Status.PAYMENT
    assert dossier.fee_amount == 5000 and not dossier.fee_unknown


# --- who sets the province's fee ----------------------------------------------------------


def test_only_the_installation_or_the_province_administrator_sets_the_province_fee(
    procedures, son_la, installation_admin, province_admin, admin, officer, make_user
):
    status = procedures["1.004873"]
    for actor in (admin, officer):  # the commune's administrator, the desk
        with pytest.raises(PermissionDenied):
            set_fee(actor, son_la, status)
    from xaso.core import services as core

    elsewhere = core.org_unit_create(
        actor=None, parent=None, code="99", name="Tỉnh thử", kind=OrgUnit.Kind.PROVINCE
    )
    stranger = make_user("quantri_tinh_khac", "administrator", elsewhere)
    with pytest.raises(PermissionDenied):
        set_fee(stranger, son_la, status)
    assert not ProvinceFee.objects.exists()
    first = set_fee(province_admin, son_la, status)
    second = set_fee(installation_admin, son_la, status, amount=0, basis="Nghị quyết thử 02")
    assert first.pk == second.pk and ProvinceFee.objects.get().amount == 0
    entries = AuditEntry.objects.filter(action="province_fee_set").order_by("id")
    assert [e.actor_id for e in entries] == [province_admin.pk, installation_admin.pk]
    assert entries[1].changes["amount"] == [TEST_AMOUNT, 0]


def test_the_province_fee_is_checked(procedures, son_la, installation_admin):
    with pytest.raises(ValidationError) as err:
        set_fee(installation_admin, son_la, procedures["2.000815"])
    assert "procedure" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        set_fee(installation_admin, son_la, procedures["1.004873"], amount=-1, basis=" ")
    assert {"amount", "legal_basis"} <= set(err.value.message_dict)
    with pytest.raises(ValidationError):
        set_fee(installation_admin, son_la, procedures["1.004873"], amount="5000")
    assert not ProvinceFee.objects.exists()


def test_an_amount_out_of_range_names_the_bounds_as_people_write_them(
    procedures, son_la, installation_admin
):
    with pytest.raises(ValidationError) as err:
        set_fee(installation_admin, son_la, procedures["1.004873"], amount=200_000_000)
    assert err.value.message_dict["amount"] == ["Phải từ 0 đến 100.000.000."]


def test_the_province_fee_page_is_the_administrators(
    procedures, son_la, province_admin, admin, login
):
    assert login(admin).get("/mot-cua/thu-tuc/phi-cua-tinh/").status_code == 403
    client = login(province_admin)
    page = client.get("/mot-cua/thu-tuc/phi-cua-tinh/").content.decode()
    assert "1.004873" in page and "chưa nhập" in page
    assert "2.000815" not in page  # certification fees are national, not the province's
    response = client.post(
        "/mot-cua/thu-tuc/phi-cua-tinh/",
        {"tinh": "14", "thu_tuc": "1.004873", "amount": "", "legal_basis": TEST_BASIS},
    )
    assert response.status_code == 400 and not ProvinceFee.objects.exists()
    response = client.post(
        "/mot-cua/thu-tuc/phi-cua-tinh/",
        {"tinh": "14", "thu_tuc": "1.004873", "amount": "7000", "legal_basis": TEST_BASIS},
    )
    assert response.status_code == 302
    assert ProvinceFee.objects.get().amount == TEST_AMOUNT
    catalogue = client.get("/mot-cua/thu-tuc/").content.decode()
    assert "7.000 đồng/trường hợp" in catalogue


# --- the arithmetic -----------------------------------------------------------------------


def test_a_province_rule_is_unknown_without_its_amount():
    rule = {"type": "province", "per": "bản"}
    assert fees.fee_amount(rule, copies=2) is None
    assert fees.fee_amount(rule, copies=2, province_amount=5000) == 10000
    assert fees.fee_amount(rule, exemption="on_time", exemptions=["on_time"]) == 0
    assert fees.rule_text(rule) == "chưa nhập"
    assert fees.rule_text(rule, 5000) == "5.000 đồng/bản"
    with pytest.raises(ValueError):
        fees.fee_amount({"type": "free_for_all"})


# --- an installation that loaded the first catalogue -------------------------------------


def test_the_first_catalogues_rows_are_corrected_unless_an_administrator_changed_them(longhe):
    migration = importlib.import_module("xaso.onestop.migrations.0005_correct_seeded_catalogue")
    from django.apps import apps

    first = json.loads(
        (Path(__file__).parent / "first_catalogue.json").read_text(encoding="utf-8")
    )["procedures"]
    for row in first:
        Procedure.objects.create(
            **{**row, "cutoff": dt.time.fromisoformat(row["cutoff"]) if row["cutoff"] else None}
        )
    edited = Procedure.objects.get(code="2.000884")
    edited.fee_legal_basis = "Sửa bởi quản trị"
    edited.save()

    migration.correct_seeded_procedures(apps, None)

    birth = Procedure.objects.get(code="1.001193")
    assert birth.fee_rule == {"type": "province", "per": "trường hợp"}
    assert "on_time" in birth.exemptions
    extract = Procedure.objects.get(code="2.000635")
    assert "Nghị định 23/2015" not in extract.legal_basis
    assert Procedure.objects.get(code="1.000656").extended_time == 3
    kept = Procedure.objects.get(code="2.000884")
    assert kept.fee_legal_basis == "Sửa bởi quản trị" and "23–26" not in kept.legal_basis
    assert not Dossier.objects.exists()


def test_the_catalogue_page_reads_the_provinces_once(
    procedures, officer, login, django_assert_max_num_queries
):
    """The provinces with a service center are read once for the page (two queries), not
    three queries per procedure whose fee the province sets (36 queries for 18
    procedures before)."""
    province_set = [p for p in Procedure.objects.all() if p.fee_set_by_province]
    assert len(province_set) >= 8
    client = login(officer)
    client.get("/")  # the session and the user, read on any page
    # session, user, roles (4) + procedures + the view's and the page's provinces (2 + 2)
    # + one entered amount per procedure whose fee the province sets.
    with django_assert_max_num_queries(9 + len(province_set)):
        page = client.get("/mot-cua/thu-tuc/")
    assert page.status_code == 200
    assert page.content.decode().count("chưa nhập") >= len(province_set)
