"""JSON API of the targets: definitions, evaluated values, entry and approval."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from xaso.core import access
from xaso.core.apischema import (
    Code,
    Figure,
    Input,
    Year,
    YearParam,
    errors,
    text,
    whole,
)
from xaso.core.models import OrgUnit
from xaso.targets import permissions as perms
from xaso.targets import selectors, services
from xaso.targets.models import DataValue, Measure

router = Router(tags=["targets"])


class MeasureOut(Schema):
    code: str
    name: str
    unit: str
    kind: str
    comparator: str
    target_value: Decimal
    target_max: Decimal | None
    applies: str
    baseline_value: Decimal | None
    baseline_year: int | None
    baseline_source: str
    data_source: str


class TargetOut(Schema):
    group: str
    number: int
    name: str
    text: str
    source: str
    measures: list[MeasureOut]


class PeriodOut(Schema):
    year: int
    actual: Decimal | None
    status: str
    progress: Decimal | None
    demo: bool = False  # the figure comes from demo data, not the report or the commune


class MeasureStatusOut(Schema):
    code: str
    status: str
    at_risk: bool
    projected: Decimal | None
    periods: list[PeriodOut]


class TargetStatusOut(Schema):
    group: str
    number: int
    name: str
    status: str
    at_risk: bool
    measures: list[MeasureStatusOut]


Quarter = Annotated[int, Field(ge=0, le=4, description="1–4; 0 là cả năm.")]


class ValueIn(Input):
    measure: text(20, min_length=1, description="Mã thành phần chỉ tiêu, ví dụ KT6.")
    value: Figure | None = None
    numerator: Figure | None = None
    denominator: Figure | None = None
    comment: text(services.COMMENT_MAX) = ""


class ValuesIn(Input):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {"org_unit": "03763", "year": 2026, "values": [{"measure": "KT6", "value": 50}]}
            ]
        }
    }

    org_unit: Code
    year: Year
    quarter: whole(ge=0, le=4, description="1–4; 0 là cả năm.") = 0
    values: list[ValueIn] = Field(min_length=1, max_length=200)
    confirm_warnings: bool = Field(False, strict=True)
    submit: bool = Field(False, strict=True)


class ValueOut(Schema):
    id: int
    measure: str
    org_unit: str
    year: int
    quarter: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    status: str
    is_demo: bool = False


class IdsIn(Input):
    ids: list[whole(ge=1, le=2**63 - 1)] = Field(min_length=1, max_length=1000)


class ApprovedOut(Schema):
    approved: int


def _unit(request, code: str | None, permission: str) -> OrgUnit:
    unit = access.unit_or_404(request.auth, permission, code)
    if unit is None:
        raise Http404
    return unit


def _resolution(unit: OrgUnit):
    resolution = selectors.resolution_for(unit)
    if resolution is None:
        raise Http404
    return resolution


def _value_out(v: DataValue) -> dict:
    return {
        "id": v.pk,
        "measure": v.measure.code,
        "org_unit": v.org_unit.code,
        "year": v.year,
        "quarter": v.quarter,
        "value": v.value,
        "numerator": v.numerator,
        "denominator": v.denominator,
        "status": v.status,
        "is_demo": v.is_demo,
    }


@router.get("/targets", response={200: list[TargetOut], **errors(404)})
def targets(request, org_unit: Code | None = None):
    """Every target of the unit's resolution with its group, number and measures."""
    unit = _unit(request, org_unit, perms.VIEW)
    resolution = _resolution(unit)
    rows = []
    for group in resolution.groups.prefetch_related("targets__measures"):
        for target in group.targets.all():
            rows.append(
                {
                    "group": group.code,
                    "number": target.number,
                    "name": target.name,
                    "text": target.text,
                    "source": target.source,
                    "measures": [
                        {
                            **{
                                f: getattr(m, f)
                                for f in (
                                    "code",
                                    "name",
                                    "unit",
                                    "kind",
                                    "comparator",
                                    "target_value",
                                    "target_max",
                                    "applies",
                                    "baseline_year",
                                    "baseline_source",
                                    "data_source",
                                )
                            },
                            "baseline_value": m.baseline,
                        }
                        for m in target.measures.all()
                    ],
                }
            )
    return rows


@router.get("/targets/status", response={200: list[TargetStatusOut], **errors(404)})
def targets_status(request, org_unit: Code | None = None):
    """Each target evaluated now for the unit (approved values)."""
    unit = _unit(request, org_unit, perms.VIEW)
    out = []
    for group in selectors.evaluate_targets(_resolution(unit), unit):
        for t in group.targets:
            out.append(
                {
                    "group": group.group.code,
                    "number": t.target.number,
                    "name": t.target.name,
                    "status": t.status.value,
                    "at_risk": t.at_risk,
                    "measures": [
                        {
                            "code": m.measure.code,
                            "status": m.evaluation.status.value,
                            "at_risk": m.evaluation.at_risk,
                            "projected": m.evaluation.projected,
                            "periods": [
                                {
                                    "year": p.year,
                                    "actual": p.actual,
                                    "status": p.status.value,
                                    "progress": p.progress,
                                    "demo": p.demo,
                                }
                                for p in m.evaluation.periods
                            ],
                        }
                        for m in t.measures
                    ],
                }
            )
    return out


@router.get("/target-values", response={200: list[ValueOut], **errors(404)})
def values_list(request, org_unit: Code, year: YearParam, quarter: Quarter = 0):
    unit = _unit(request, org_unit, perms.VIEW)
    rows = (
        DataValue.objects.filter(org_unit=unit, year=year, quarter=quarter)
        .select_related("measure", "org_unit")
        .order_by("measure__target__group__number", "measure__target__number", "measure__position")
    )
    return [_value_out(v) for v in rows]


@router.post("/target-values", response={200: list[ValueOut], **errors(403, 404, 409, 422)})
def values_enter(request, payload: ValuesIn):
    """Enter (and optionally submit) values for one unit and period. 422 names each bad
    field as "<measure code>.<field>"; 409 when only warnings stand and
    ``confirm_warnings`` is false."""
    unit = _unit(request, payload.org_unit, perms.ENTER)
    resolution = _resolution(unit)
    measures = {
        m.code: m
        for m in Measure.objects.filter(target__group__resolution=resolution).select_related(
            "target__group__resolution"
        )
    }
    unknown = [v.measure for v in payload.values if v.measure not in measures]
    if unknown:
        raise ValidationError(
            {
                f"{code}.measure": _("Không có chỉ tiêu mã %(code)s.") % {"code": code}
                for code in unknown
            }
        )
    entries = [
        services.Entry(
            measure=measures[v.measure],
            value=v.value,
            numerator=v.numerator,
            denominator=v.denominator,
            comment=v.comment,
        )
        for v in payload.values
    ]
    save = services.values_enter_and_submit if payload.submit else services.values_enter
    try:
        saved = save(
            actor=request.auth,
            org_unit=unit,
            year=payload.year,
            quarter=payload.quarter,
            entries=entries,
            confirm_warnings=payload.confirm_warnings,
        )
    except services.NeedsConfirmation as exc:
        return Status(
            409,
            {
                "detail": [
                    {"field": f, "message": m} for f, ms in exc.message_dict.items() for m in ms
                ],
                "confirm_with": "confirm_warnings",
            },
        )
    return Status(200, [_value_out(v) for v in saved])


@router.post("/target-values/approve", response={200: ApprovedOut, **errors(403, 404, 422)})
def values_approve(request, payload: IdsIn):
    """Approve submitted values (the leader); 404 when any of ``ids`` is not one the caller
    may approve, 422 when one is not submitted."""
    rows = list(
        access.scope(
            request.auth, perms.APPROVE, DataValue.objects.filter(pk__in=payload.ids)
        ).select_related("measure", "org_unit")
    )
    if len(rows) != len(set(payload.ids)):
        raise Http404
    return {"approved": services.values_approve(actor=request.auth, values=rows)}
