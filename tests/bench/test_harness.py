"""The benchmark dataset (xaso.seed.scale). No timing here: speed is measured by
``make bench``, never asserted in tests."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx
import pytest
from django.db.models import Count, F, Q

from bench import harness, scenarios
from xaso.core.identity import check_personal_id
from xaso.core.models import AuditEntry, OrgUnit, Role, RoleAssignment, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import search_key
from xaso.onestop import deadlines, indicators, services
from xaso.onestop.models import (
    CLOSED_STATUSES,
    Dossier,
    DossierCounter,
    DossierEvent,
    Procedure,
    Status,
)
from xaso.seed import demo, scale
from xaso.seed.scale import build_scale_dataset
from xaso.targets import selectors
from xaso.targets.models import (
    DataValue,
    Measure,
    Resolution,
    Target,
    TargetGroup,
    ValidationRule,
)

pytestmark = pytest.mark.django_db

BENCH_USERS = {"username__startswith": "bench-"}


def active_communes():
    return OrgUnit.objects.filter(
        parent__code="14", kind=OrgUnit.Kind.COMMUNE, valid_to__isnull=True
    )


def test_commune_scale_is_long_he_with_demo_accounts():
    result = build_scale_dataset("commune")
    assert list(active_communes().values_list("code", flat=True)) == ["03763"]
    assert result["totals"]["communes"] == 1
    assert result["totals"]["villages"] == 23
    assert set(User.objects.values_list("username", flat=True)) == {
        a[0] for a in demo.DEMO_ACCOUNTS
    }
    assert not AuditEntry.objects.filter(action="bench_dataset").exists()
    # Long Hẹ's resolution as ``make demo`` loads it, and none of the synthetic values.
    assert list(Resolution.objects.values_list("code", flat=True)) == [
        scale.longhe_resolution_code()
    ]
    assert result["created"]["longhe_resolution"] == 1
    assert not DataValue.objects.exists()
    # The procedure catalogue and Long Hẹ's 99 demo dossiers, as ``make demo`` loads them;
    # no synthetic ones at commune scale.
    assert result["created"]["procedures"] == Procedure.objects.count() > 0
    assert result["totals"]["dossiers"] == Dossier.objects.count() == 99
    assert not Dossier.objects.filter(applicant_name__startswith=scale.BENCH_APPLICANT).exists()
    codes = result["samples"]["dossier_codes"]
    assert len(codes) == 99
    assert set(codes) == set(Dossier.objects.values_list("code", flat=True))
    lookups = result["samples"]["dossier_lookups"]
    assert {code: key for code, key in lookups} == dict(
        Dossier.objects.values_list("code", "lookup_key")
    )
    assert all(len(key) == 6 for _code, key in lookups)


def test_province_scale_completes_a_commune_scale_database_keeping_real_values():
    build_scale_dataset("commune")
    measure = Measure.objects.get(
        target__group__resolution__code=scale.longhe_resolution_code(), code="XH2"
    )
    longhe = OrgUnit.objects.get(code="03763")
    real = DataValue.objects.create(
        measure=measure,
        org_unit=longhe,
        year=2026,
        numerator=Decimal(3),
        denominator=Decimal(5),
        status=DataValue.Status.ENTERED,
    )
    build_scale_dataset("province", dossiers=0)
    assert active_communes().count() == 75
    real.refresh_from_db()
    assert (real.numerator, real.denominator, real.status, real.comment) == (
        Decimal(3),
        Decimal(5),
        DataValue.Status.ENTERED,
        "",
    )
    per_commune = (
        Measure.objects.filter(target__group__resolution__org_unit=longhe, data_source="entered")
        .exclude(disaggregation=scale.YES_NO)
        .count()
    )
    synthetic = DataValue.objects.filter(org_unit=longhe).exclude(pk=real.pk)
    assert synthetic.count() == 5 * per_commune - 1  # all but the one real value
    assert set(synthetic.values_list("comment", flat=True)) == {scale.VALUE_COMMENT}
    assert set(synthetic.values_list("is_demo", flat=True)) == {True}
    assert real.is_demo is False
    # Long Hẹ's dashboard has a figure for every entered measure in 2030.
    groups = selectors.evaluate_targets(
        Resolution.objects.get(code=scale.longhe_resolution_code()), longhe
    )
    for group in groups:
        for target in group.targets:
            for row in target.measures:
                if not row.measure.is_computed:
                    assert 2030 in row.series.observations, row.measure.code


# --- one-stop dossiers ---------------------------------------------------------------------

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
BENCH_DOSSIERS = 1500  # 20 per service center: small, yet every status and channel


def bench_dossiers():
    return Dossier.objects.filter(applicant_name__startswith=scale.BENCH_APPLICANT)


def test_province_scale_dossiers_give_every_column_of_the_statistics():
    result = build_scale_dataset("province", values=False, dossiers=BENCH_DOSSIERS * 2)
    assert result["created"]["data_values"] == 0 and not DataValue.objects.exists()
    commune = OrgUnit.objects.get(code="BENCH-C010")
    stats = indicators.statistics(commune, scale.DOSSIER_START, scale.DOSSIER_END).total
    counted = (
        bench_dossiers()
        .filter(org_unit__parent=commune)
        .exclude(status__in=[Status.NEW, Status.REFUSED])
    )
    assert stats.received == counted.count() > 0
    assert stats.early and stats.on_time and stats.late
    assert (
        stats.within + stats.overdue
        == counted.exclude(status__in=CLOSED_STATUSES).exclude(status=Status.DONE).count()
    )


def test_dossiers_option_defaults_agree():
    assert harness.DEFAULT_DOSSIERS == scale.DEFAULT_DOSSIERS == harness.Config().dossiers


# --- the one-stop scenarios, against a fake server ---------------------------------------


def fake_client(handler) -> httpx.Client:
    client = httpx.Client(base_url="http://bench.test", transport=httpx.MockTransport(handler))
    client.cookies.set("csrftoken", "tok", domain="bench.test")
    return client


def test_dossier_intake_api_posts_the_contract_with_csrf_and_a_new_key():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"code": "03763-261128-0001"})

    with fake_client(handler) as client:
        scenarios.REGISTRY["dossier_intake_api"].func(client)
        scenarios.REGISTRY["dossier_intake_api"].func(client)
    bodies = [json.loads(r.content) for r in seen]
    assert [(r.method, r.url.path) for r in seen] == [("POST", "/api/v1/dossiers")] * 2
    assert all(r.headers["X-CSRFToken"] == "tok" for r in seen)
    assert bodies[0]["org_unit"] == "03763-TTPVHCC"
    assert bodies[0]["procedure"] == "1.001193"
    assert bodies[0]["channel"] == "direct"
    applicant = bodies[0]["applicant"]
    assert check_personal_id(
        applicant["id_number"], birth_date=dt.date.fromisoformat(applicant["birth_date"])
    ).ok
    assert bodies[0]["idempotency_key"] != bodies[1]["idempotency_key"]
    assert scenarios.REGISTRY["dossier_intake_api"].login_as == "motcua"


def test_dossier_intake_api_fails_on_a_missing_endpoint_or_a_bad_code():
    missing = fake_client(lambda request: httpx.Response(404, json={"detail": "Không tìm thấy."}))
    with missing as c, pytest.raises(scenarios.Failure, match="HTTP 404"):
        scenarios.REGISTRY["dossier_intake_api"].func(c)
    bad = fake_client(lambda request: httpx.Response(201, json={"code": "?"}))
    with bad as c, pytest.raises(scenarios.Failure, match="not <unit>-YYMMDD-NNNN"):
        scenarios.REGISTRY["dossier_intake_api"].func(c)


def test_dossier_lookup_uses_the_dataset_s_codes(monkeypatch):
    paths = []

    def handler(request: httpx.Request) -> httpx.Response:
        paths.append(str(request.url.raw_path, "ascii"))
        return httpx.Response(200, text=f"<h1>Hồ sơ {request.url.path.split('/')[2]}</h1>")

    monkeypatch.setattr(scenarios, "DATASET", {})
    with fake_client(handler) as client:
        with pytest.raises(scenarios.Failure, match="no dossier codes"):
            scenarios.REGISTRY["dossier_lookup"].func(client)
        scenarios.DATASET["dossier_lookups"] = [["03763-250701-0001", "ABC234"]]
        scenarios.REGISTRY["dossier_lookup"].func(client)
    assert paths == ["/tra-cuu/03763-250701-0001/?khoa=ABC234"]
    assert scenarios.REGISTRY["dossier_lookup"].login_as is None
    assert scenarios.REGISTRY["desk_queue"].login_as == "motcua"
    assert scenarios.REGISTRY["onestop_statistics"].login_as == "lanhdao"


def test_unknown_scale_is_refused():
    with pytest.raises(ValueError, match="unknown scale"):
        build_scale_dataset("country")


# --- one province dataset, read by the tests below -----------------------------------------
#
# Building the province (75 communes, their values, 1,500 dossiers) takes seconds on each
# database; these tests only read it (or build it again to see nothing change), so they
# share one build, rolled back at the module's end (``module_transaction``). Kept last.


@pytest.fixture(scope="module")
def province(module_transaction, django_db_blocker):
    with django_db_blocker.unblock():
        return build_scale_dataset("province", dossiers=BENCH_DOSSIERS)


def test_province_scale_has_75_communes_of_23_villages(province):
    communes = active_communes()
    assert communes.count() == 75
    assert communes.filter(code__startswith="BENCH-C").count() == 74
    assert province["totals"]["communes"] == 75
    assert province["totals"]["villages"] == 75 * 23
    for commune in communes:
        villages = OrgUnit.objects.filter(parent=commune, kind=OrgUnit.Kind.VILLAGE)
        assert villages.count() == 23, commune.code

    # Bulk-created units carry what OrgUnit.save would have computed.
    village = OrgUnit.objects.get(code="BENCH-C007-B12")
    assert village.path == "/14/BENCH-C007/BENCH-C007-B12/"
    assert village.parent.code == "BENCH-C007"
    assert village.display_name == "Bản demo 007-12"
    assert OrgUnit.objects.get(code="BENCH-C001").display_name == "Xã demo 001"
    center = OrgUnit.objects.get(code="BENCH-C074-TTPVHCC")
    assert center.kind == OrgUnit.Kind.SERVICE_CENTER
    assert center.path == "/14/BENCH-C074/BENCH-C074-TTPVHCC/"
    for unit in OrgUnit.objects.filter(code__startswith="BENCH-"):
        stored = (unit.code, unit.path, unit.name_key)
        unit.save()  # recompute code, path and name_key the ordinary way
        assert (unit.code, unit.path, unit.name_key) == stored


def test_province_scale_accounts_are_demo_with_roles(province):
    bench_users = User.objects.filter(**BENCH_USERS)
    assert bench_users.count() == 74 * 2
    assert not bench_users.filter(is_demo=False).exists()
    assert not User.objects.filter(is_demo=False).exists()
    assert all("(demo)" in u.full_name for u in bench_users)
    leader = User.objects.get(username="bench-c003-lanhdao")
    assert leader.check_password(demo.DEMO_PASSWORD)
    assert leader.name_key == "lanh dao xa demo 003 (demo)"
    assert list(leader.role_assignments.values_list("role", "org_unit__code")) == [
        (Role.LEADER, "BENCH-C003")
    ]
    officer = User.objects.get(username="bench-c003-motcua")
    assert officer.org_unit.code == "BENCH-C003-TTPVHCC"
    assert list(officer.role_assignments.values_list("role", flat=True)) == [Role.ONESTOP_OFFICER]


def test_province_scale_gives_each_commune_a_copy_of_the_resolution(province):
    assert Resolution.objects.count() == 75
    longhe = Resolution.objects.get(code=scale.longhe_resolution_code())
    copy = Resolution.objects.get(code="BENCH-BENCH-C042-NQ")
    assert copy.org_unit.code == "BENCH-C042"
    assert (copy.term_start, copy.term_end, copy.baseline_year) == (
        longhe.term_start,
        longhe.term_end,
        longhe.baseline_year,
    )
    assert selectors.resolution_for(copy.org_unit) == copy
    assert selectors.resolution_for(OrgUnit.objects.get(code="BENCH-C042-B05")) == copy

    def shape(resolution):
        return sorted(
            (
                m.target.group.code,
                m.target.number,
                m.code,
                m.position,
                m.kind,
                m.comparator,
                m.target_value,
                m.applies,
                m.baseline_value,
                m.baseline_numerator,
                m.baseline_denominator,
                m.additive,
                m.disaggregation,
                m.data_source,
            )
            for m in Measure.objects.filter(target__group__resolution=resolution).select_related(
                "target__group"
            )
        )

    assert shape(copy) == shape(longhe)
    assert copy.groups.count() == longhe.groups.count() == 3
    assert Target.objects.filter(group__resolution=copy).count() == 25
    assert set(copy.rules.values_list("kind", flat=True)) == set(
        longhe.rules.values_list("kind", flat=True)
    )
    # The copy's measures answer to the commune itself.
    assert set(
        Measure.objects.filter(target__group__resolution=copy).values_list(
            "responsible_office__code", flat=True
        )
    ) == {"BENCH-C042"}


def test_province_scale_dossiers_are_spread_over_the_75_centers_and_demo(province):
    assert province["created"]["dossiers"] == BENCH_DOSSIERS
    assert province["totals"]["dossiers"] == BENCH_DOSSIERS + 99  # + Long Hẹ's demo dossiers
    dossiers = bench_dossiers()
    assert dossiers.count() == BENCH_DOSSIERS
    assert not Dossier.objects.filter(is_demo=False).exists()
    per_center = Counter(dossiers.values_list("org_unit__code", flat=True))
    assert len(per_center) == 75
    assert set(per_center.values()) == {BENCH_DOSSIERS // 75}
    assert per_center["03763-TTPVHCC"] == BENCH_DOSSIERS // 75
    assert set(dossiers.values_list("status", flat=True)) == set(Status.values)
    assert set(dossiers.values_list("channel", flat=True)) == set(Dossier.Channel.values)
    assert len(set(dossiers.values_list("procedure__code", flat=True))) >= 6
    received = dossiers.exclude(received_at=None)
    assert min(received.values_list("received_at", flat=True)).astimezone(TZ).date() >= (
        scale.DOSSIER_START
    )
    assert max(dossiers.values_list("submitted_at", flat=True)).astimezone(TZ).date() <= (
        scale.DOSSIER_END
    )
    entry = AuditEntry.objects.get(action="bench_dataset")
    assert entry.changes["dossiers"] == BENCH_DOSSIERS
    assert not DossierEvent.objects.filter(dossier__in=dossiers).exists()
    # Samples for the lookup scenario: existing codes, synthetic and demo alike.
    codes = province["samples"]["dossier_codes"]
    assert len(codes) == scale.SAMPLE_CODES
    assert Dossier.objects.filter(code__in=codes).count() == len(codes)


def test_province_scale_dossier_codes_are_unique_per_center_and_day(province):
    pattern = re.compile(r"^(03763|BENCH-C\d{3})-(\d{6})-(\d{4})$")
    numbers: dict[tuple[str, str], list[int]] = {}
    for code, center, submitted in Dossier.objects.values_list(
        "code", "org_unit__code", "submitted_at"
    ):
        match = pattern.match(code)
        assert match, code
        assert center.startswith(match.group(1)), (code, center)
        assert match.group(2) == f"{submitted.astimezone(TZ):%y%m%d}", code
        numbers.setdefault((match.group(1), match.group(2)), []).append(int(match.group(3)))
    # Per code head (the center's commune: one center each) and day: 1, 2, … with no gap
    # (Long Hẹ's demo dossiers numbered first), and the day's counter of that head unit
    # (core.codes), where the services will number on from.
    counters = {
        (c.org_unit.code, f"{c.day:%y%m%d}"): c.last
        for c in DossierCounter.objects.select_related("org_unit")
    }
    for key, seen in numbers.items():
        assert sorted(seen) == list(range(1, len(seen) + 1)), key
        assert counters[key] == len(seen), key
    # So a dossier taken in through the services on such a day gets the next number.
    longhe_day = max(
        (day for head, day in numbers if head == "03763"),
        key=lambda day: len(numbers[("03763", day)]),
    )
    day = dt.datetime.strptime(longhe_day, "%y%m%d").date()
    dossier = services.dossier_intake(
        actor=User.objects.get(username="motcua"),
        org_unit=OrgUnit.objects.get(code="03763-TTPVHCC"),
        procedure=Procedure.objects.get(code="1.001193"),
        channel="direct",
        applicant=services.Applicant(
            name="Công dân thử (demo)", id_number="014090123456", address="Bản Pá Uổi"
        ),
        at=dt.datetime.combine(day, dt.time(16, 30), TZ),
    )
    expected = len(numbers[("03763", longhe_day)]) + 1
    assert dossier.code == f"03763-{longhe_day}-{expected:04d}"


def test_province_scale_dossier_fields_agree_with_their_status(province):
    calendar = calendar_for(OrgUnit.objects.get(code="03763-TTPVHCC"))
    for d in bench_dossiers().select_related("procedure"):
        where = (d.code, d.status)
        waiting = d.status in (Status.NEW, Status.REFUSED)
        assert (d.received_at is None) == waiting, where
        assert (d.due_at is None) == waiting, where
        if waiting:
            assert d.channel == Dossier.Channel.ONLINE, where
        else:
            assert d.submitted_at <= d.received_at < d.due_at, where
            assert d.received_by is not None, where
            # The deadlines are the services' own (cut-off, due moment, transfer).
            assert d.due_at == deadlines.due_moment(calendar, d.procedure, d.received_at), where
            assert d.transfer_due_at == deadlines.transfer_due(calendar, d.received_at), where
        if d.channel == Dossier.Channel.ONLINE:
            assert d.procedure.online_level != Procedure.OnlineLevel.NONE, where
        assert (d.closed_at is not None) == (d.status in CLOSED_STATUSES), where
        assert (d.done_at is not None) == (d.status in (Status.DONE, Status.RETURNED)), where
        assert (d.returned_at is not None) == (d.status == Status.RETURNED), where
        assert bool(d.return_method) == (d.status == Status.RETURNED), where
        assert bool(d.decision_reason) == (
            d.status in (Status.REFUSED, Status.WITHDRAWN, Status.STOPPED)
        ), where
        assert bool(d.missing_documents) == (d.status == Status.SUPPLEMENT), where
        if d.status in (Status.PROCESSING, Status.PAYMENT, Status.STOPPED, Status.DONE):
            assert d.assigned_to is not None and d.transferred_at is not None, where
        if d.done_at is not None:
            assert d.transferred_at < d.done_at, where
        if d.returned_at is not None:
            assert d.done_at < d.returned_at, where
        if d.status == Status.PAYMENT:
            assert d.fee_amount > 0 and d.paid_at is None, where
        if d.status in (Status.DONE, Status.RETURNED) and d.fee_amount:
            assert d.paid_at is not None and d.receipt_number == f"BL-{d.code}", where
        if d.rating is not None:
            assert d.status == Status.RETURNED and 1 <= d.rating <= 5, where
        assert d.applicant_key == search_key(d.applicant_name), where
        assert "(demo)" in d.applicant_name
        assert check_personal_id(d.applicant_id_number, birth_date=d.applicant_birth_date).ok


def test_province_scale_writes_one_audit_entry_and_is_idempotent(province):
    first = province
    entries = AuditEntry.objects.filter(action="bench_dataset")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor is None
    assert entry.object_type == "bench"
    assert entry.object_repr == "scale=province"
    assert entry.changes["communes"] == 74
    assert entry.changes["villages"] == 74 * 23
    assert entry.changes["resolutions"] == 74
    assert (
        entry.changes["measures"]
        == 74
        * Measure.objects.filter(
            target__group__resolution__code=scale.longhe_resolution_code()
        ).count()
    )
    assert entry.changes["data_values"] == DataValue.objects.count() > 0
    assert entry.changes["dossiers"] == BENCH_DOSSIERS
    assert entry.changes["demo_dossiers"] == 99  # Long Hẹ's, through the services

    def counts():
        return (
            OrgUnit.objects.count(),
            User.objects.count(),
            RoleAssignment.objects.count(),
            AuditEntry.objects.count(),
            Resolution.objects.count(),
            TargetGroup.objects.count(),
            Target.objects.count(),
            Measure.objects.count(),
            ValidationRule.objects.count(),
            DataValue.objects.count(),
            Dossier.objects.count(),
            DossierCounter.objects.count(),
            DossierEvent.objects.count(),
        )

    before = counts()
    values = dict(DataValue.objects.values_list("pk", "numerator"))
    second = build_scale_dataset("province", dossiers=BENCH_DOSSIERS)
    assert counts() == before
    assert dict(DataValue.objects.values_list("pk", "numerator")) == values
    assert not any(second["created"].values())
    assert second["totals"] == first["totals"]
    assert second["samples"] == first["samples"]


def test_province_scale_values_are_approved_plausible_and_complete(province):
    values = DataValue.objects.all()
    assert set(values.values_list("year", flat=True)) == set(range(2026, 2031))
    assert set(values.values_list("status", flat=True)) == {DataValue.Status.APPROVED}
    assert set(values.values_list("quarter", flat=True)) == {0}

    ratios = values.filter(measure__kind=Measure.Kind.RATIO)
    assert ratios.exists()
    assert not ratios.filter(Q(numerator__isnull=True) | Q(denominator__isnull=True)).exists()
    assert not ratios.filter(numerator__gt=F("denominator")).exists()
    assert not ratios.filter(denominator__lte=0).exists()
    assert not ratios.filter(numerator__lt=0).exists()
    others = values.exclude(measure__kind=Measure.Kind.RATIO)
    assert not others.filter(value__isnull=True).exists()
    percentages = others.filter(measure__kind=Measure.Kind.PERCENTAGE)
    assert percentages.exists()
    assert not percentages.filter(Q(value__lt=0) | Q(value__gt=100)).exists()
    # Counts and amounts are positive; a bản's đạt / chưa đạt answer is 1 or 0 (1/1 or 0/1).
    answers = values.filter(measure__disaggregation=scale.YES_NO)
    amounts = others.exclude(measure__kind=Measure.Kind.PERCENTAGE).exclude(
        measure__disaggregation=scale.YES_NO
    )
    assert amounts.exists()
    assert not amounts.filter(value__lte=0).exists()
    assert set(answers.values_list("numerator", "denominator", "value").distinct()) <= {
        (Decimal(0), Decimal(1), None),
        (Decimal(1), Decimal(1), None),
        (None, None, Decimal(0)),
        (None, None, Decimal(1)),
    }
    assert not answers.exclude(org_unit__kind=OrgUnit.Kind.VILLAGE).exists()
    assert not values.exclude(measure__data_source="entered").exists()

    # Per commune and year: a value for each entered measure of the commune (but those a
    # commune counts from its bản's đạt / chưa đạt), and for each of its 23 bản a value of
    # each measure entered per bản (or additive).
    entered = Measure.objects.filter(
        target__group__resolution__code=scale.longhe_resolution_code(), data_source="entered"
    )
    per_commune = entered.exclude(disaggregation=scale.YES_NO).count()
    per_village = entered.filter(~Q(disaggregation="commune") | Q(additive=True)).count()
    assert per_village >= 7
    assert values.count() == 75 * 5 * (per_commune + per_village * 23)
    assert values.count() == province["totals"]["data_values"]
    per_unit = values.values("org_unit__kind").annotate(n=Count("id"))
    assert {row["org_unit__kind"]: row["n"] for row in per_unit} == {
        OrgUnit.Kind.COMMUNE: 75 * 5 * per_commune,
        OrgUnit.Kind.VILLAGE: 75 * 5 * per_village * 23,
    }

    # A commune's additive figure is its bản's sum; a ratio's parts too.
    commune = OrgUnit.objects.get(code="BENCH-C011")
    summed_measures = entered.filter(
        Q(additive=True) | Q(kind=Measure.Kind.RATIO, disaggregation="village")
    )
    assert summed_measures.count() >= 2
    for measure in summed_measures:
        fields = ["numerator", "denominator"] if measure.kind == "ratio" else ["value"]
        rows = values.filter(
            measure__target__group__resolution__org_unit=commune,
            measure__code=measure.code,
            year=2028,
        )
        own = rows.get(org_unit=commune)
        bans = rows.filter(org_unit__parent=commune)
        assert bans.count() == 23
        for field in fields:
            summed = sum(bans.values_list(field, flat=True), Decimal(0))
            assert summed == getattr(own, field), (measure.code, field)

    # Deterministic: the generator, run again for a commune, gives the stored rows.
    commune = OrgUnit.objects.get(code="BENCH-C005")
    measures = list(
        Measure.objects.filter(
            target__group__resolution__org_unit=commune, data_source="entered"
        ).order_by("target__group__number", "target__number", "position", "code")
    )
    villages = list(OrgUnit.objects.filter(parent=commune, kind="village").order_by("code"))
    again = {
        (m.pk, unit.pk, year): (fields.get("value"), fields.get("numerator"))
        for m, unit, year, fields in scale.values.commune_values(commune, measures, villages)
    }
    stored = {
        (m, u, y): (v, n)
        for m, u, y, v, n in values.filter(measure__in=measures).values_list(
            "measure_id", "org_unit_id", "year", "value", "numerator"
        )
    }
    assert again == stored
