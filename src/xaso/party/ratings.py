"""Every write of the annual ratings (đánh giá, xếp loại chất lượng hằng năm): entering
a cell's ratings of a year (its own and its members') and correcting one, each checked
against the rules of the year (``rules``: the 100-point scale of Quy định 366-QĐ/TW from
2025, discipline, the share of xuất sắc) and audited.

A correction is a ``RatingChange`` with its reason, not an overwrite; a second rating of
the same subject and year is refused (and a database constraint holds it on both
databases). The share of xuất sắc is a refusal where the rule of the year was confirmed
and a warning the user confirms where it was not (``NeedsConfirmation``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xaso.core import access, audit
from xaso.core.models import User
from xaso.party import inspection_selectors, rules
from xaso.party import permissions as perms
from xaso.party import rating_selectors as sel
from xaso.party.models import Cell, Level, Member, Rating, RatingChange

AUDITED = ("org_unit_id", "member_id", "year", "score", "level", "note", "is_demo")
FIRST_YEAR = 2000


class NeedsConfirmation(ValidationError):
    """Only warnings stand in the way: the user may confirm and save anyway."""


@dataclass(frozen=True)
class Entry:
    """One rating typed in: ``member`` None for the cell's own; ``key`` names the
    inputs in error messages (``cell``, ``members[0]``, a form's prefix)."""

    key: str
    level: str
    member: Member | None = None
    score: Decimal | None = None
    note: str = ""


def _score(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        score = Decimal(str(value))
    except InvalidOperation:
        raise ValueError from None
    if not score.is_finite() or not math.isfinite(float(score)):
        raise ValueError
    return score


def check_score_level(year: int, score, level: str, key: str) -> dict[str, str]:
    """The errors of one score and level under ``year``'s rules ({field: message})."""
    errors = {}
    if level not in Level.values:
        errors[f"{key}.level"] = _("Chọn mức xếp loại.")
    try:
        score = _score(score)
    except ValueError:
        return {**errors, f"{key}.score": _("Điểm phải là một số.")}
    if score is not None:
        if not Decimal(0) <= score <= Decimal(100):
            errors[f"{key}.score"] = _("Điểm từ 0 đến 100.")
        elif score != score.quantize(Decimal("0.01")):
            errors[f"{key}.score"] = _("Điểm có tối đa 2 chữ số thập phân.")
    required = rules.rule_or_none("rating_score_required", sel.year_end(year))
    if required is not None and required.value and score is None:
        errors[f"{key}.score"] = _(
            "Từ năm %(year)s xếp loại theo thang điểm 100: hãy nhập điểm."
        ) % {"year": required.valid_from.year}
    if errors or score is None or level not in Level.values:
        return errors
    expected = sel.level_for_score(score, year)
    if expected is not None and expected != level:
        errors[f"{key}.level"] = _("%(score)s điểm ứng với mức “%(level)s” (%(source)s).") % {
            "score": f"{score:g}".replace(".", ","),
            "level": Level(expected).label,
            "source": sel.scale_rules(year)[0].source.split(" về ")[0],
        }
    return errors


def _check_discipline(entry: Entry, cell: Cell, year: int) -> dict[str, str]:
    if entry.level != Level.EXCELLENT:
        return {}
    day = sel.year_end(year)
    if entry.member is not None:
        rule = rules.rule_or_none("rating_member_excellent_no_discipline", day)
        if rule and rule.value and inspection_selectors.disciplined_in_year(entry.member, year):
            return {
                f"{entry.key}.level": _(
                    "Đảng viên bị kỷ luật trong năm không được xếp loại "
                    "hoàn thành xuất sắc nhiệm vụ."
                )
            }
        return {}
    rule = rules.rule_or_none("rating_cell_excellent_no_discipline", day)
    if (
        rule
        and rule.value
        and (
            inspection_selectors.disciplined_in_year(cell, year)
            or sel.cell_has_disciplined_member(cell.org_unit, year)
        )
    ):
        return {
            f"{entry.key}.level": _(
                "Chi bộ bị kỷ luật hoặc có đảng viên bị kỷ luật trong năm không "
                "được xếp loại hoàn thành xuất sắc nhiệm vụ."
            )
        }
    return {}


def _share_check(levels: list[str], year: int, key: str, who: str) -> tuple[dict, dict]:
    """(errors, warnings) of the cap on xuất sắc over ``levels`` (after the save)."""
    rule = rules.rule_or_none("rating_excellent_share_of_good", sel.year_end(year))
    excellent, good = levels.count(Level.EXCELLENT), levels.count(Level.GOOD)
    if rule is None or excellent * 100 <= Decimal(str(rule.value)) * good:
        return {}, {}
    message = _(
        "%(who)s: %(e)s xếp loại hoàn thành xuất sắc, vượt %(share)s%% của %(g)s hoàn thành "
        "tốt nhiệm vụ (%(source)s)."
    ) % {"who": who, "e": excellent, "g": good, "share": rule.value, "source": rule.source}
    if rule.confirmed:
        return {key: message}, {}
    return {}, {key: message + " " + _("Quy định này chưa xác nhận: kiểm tra và xác nhận để lưu.")}


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError({"year": _("Năm xếp loại từ %(a)s đến năm nay.") % {"a": FIRST_YEAR}})


def _cap_checks(cell: Cell, year: int, entries: list[Entry], corrected: Rating | None = None):
    """The share of xuất sắc after the save: among the cell's members, among the cells."""
    existing = {
        (r.member_id, r.org_unit_id): r.level
        for r in Rating.objects.filter(year=year, org_unit__parent_id=cell.org_unit.parent_id)
    }
    if corrected is not None:
        existing[(corrected.member_id, corrected.org_unit_id)] = entries[0].level
    else:
        for e in entries:
            existing[(e.member.pk if e.member else None, cell.org_unit_id)] = e.level
    members = [
        lv for (m, unit), lv in existing.items() if m is not None and unit == cell.org_unit_id
    ]
    cells = [lv for (m, _unit), lv in existing.items() if m is None]
    errors, warnings = {}, {}
    # Only a new xuất sắc can push the share over: a tốt or lower only lowers it.
    if any(e.member is not None and e.level == Level.EXCELLENT for e in entries):
        e1, w1 = _share_check(members, year, "members", _("Đảng viên của chi bộ"))
        errors.update(e1)
        warnings.update(w1)
    if any(e.member is None and e.level == Level.EXCELLENT for e in entries):
        # The cells can only be judged once all are rated: a warning whatever the rule.
        e2, w2 = _share_check(cells, year, "cell_rating.level", _("Các chi bộ của Đảng bộ"))
        warnings.update(w2 or e2)
    return errors, warnings


def _audit(actor, action, rating, before=None, **extra):
    after = {**audit.snapshot(rating, AUDITED), **extra}
    audit.record(actor=actor, action=action, obj=rating, before=before, after=after)


@transaction.atomic
def ratings_enter(
    *,
    actor: User | None,
    cell: Cell,
    year: int,
    entries: list[Entry],
    confirm_warnings: bool = False,
    is_demo: bool = False,
) -> list[Rating]:
    """Record the ratings of ``cell`` for ``year``: its own (an entry without a member)
    and its members' — every member on the cell's roll at some time in the year
    (probationary members too). One rating per subject and year: a rated subject is
    corrected with ``rating_correct``, never entered twice."""
    if actor is not None:
        access.require(actor, perms.MANAGE, cell.org_unit)
    _check_year(year)
    if not entries:
        raise ValidationError({"members": _("Chưa nhập xếp loại nào.")})
    errors: dict[str, str] = {}
    allowed = {m.pk for m in sel.members_during(cell.org_unit, year)}
    own, rated = sel.cell_ratings(cell, year)
    seen = set()
    for e in entries:
        subject = e.member.pk if e.member else None
        if subject in seen:
            errors[f"{e.key}.level"] = _("Mỗi đối tượng chỉ xếp loại một lần trong năm.")
        seen.add(subject)
        if e.member is not None and e.member.pk not in allowed:
            errors[f"{e.key}.member_id"] = _(
                "Đảng viên này không thuộc chi bộ trong năm %(year)s."
            ) % {"year": year}
        if (e.member is None and own is not None) or (e.member and e.member.pk in rated):
            errors[f"{e.key}.level"] = _(
                "Đã có xếp loại năm %(year)s; muốn thay đổi thì sửa kèm lý do."
            ) % {"year": year}
        if len(e.note) > 300:
            errors[f"{e.key}.note"] = _("Ghi chú dài tối đa 300 ký tự.")
        errors.update(check_score_level(year, e.score, e.level, e.key))
        errors.update(_check_discipline(e, cell, year))
    if errors:
        raise ValidationError(errors)
    cap_errors, warnings = _cap_checks(cell, year, entries)
    if cap_errors:
        raise ValidationError(cap_errors)
    if warnings and not confirm_warnings:
        raise NeedsConfirmation(warnings)
    saved = []
    for e in entries:
        rating = Rating(
            org_unit=cell.org_unit,
            member=e.member,
            year=year,
            score=_score(e.score),
            level=e.level,
            note=e.note.strip(),
            recorded_by=actor,
            is_demo=is_demo,
        )
        try:
            with transaction.atomic():
                rating.save()
        except IntegrityError:  # another officer rated the same subject a moment ago
            raise ValidationError(
                {f"{e.key}.level": _("Đã có xếp loại năm %(year)s.") % {"year": year}}
            ) from None
        _audit(actor, "party_rating_enter", rating, warnings_confirmed=bool(warnings))
        saved.append(rating)
    return saved


@transaction.atomic
def rating_correct(
    *,
    actor: User | None,
    rating: Rating,
    level: str,
    score=None,
    reason: str,
    confirm_warnings: bool = False,
) -> Rating:
    """Correct a rating: the new score and level, checked like a new one, and why —
    kept as a ``RatingChange`` (the old values stay readable) and in the audit log."""
    if actor is not None:
        access.require(actor, perms.MANAGE, rating.org_unit)
    rating = Rating.objects.select_for_update().get(pk=rating.pk)
    cell = Cell.objects.select_related("org_unit").get(org_unit=rating.org_unit)
    reason = (reason or "").strip()
    errors = check_score_level(rating.year, score, level, "rating")
    errors = {k.removeprefix("rating."): v for k, v in errors.items()}
    if not reason:
        errors["reason"] = _("Hãy ghi lý do sửa.")
    elif len(reason) > 500:
        errors["reason"] = _("Lý do dài tối đa 500 ký tự.")
    if not errors and _score(score) == rating.score and level == rating.level:
        errors["level"] = _("Điểm và mức xếp loại không thay đổi.")
    entry = Entry(
        key="rating",
        level=level,
        member=rating.member,
        score=_score(score) if "score" not in errors else None,
    )
    if not errors:
        errors.update(
            {
                k.removeprefix("rating."): v
                for k, v in _check_discipline(entry, cell, rating.year).items()
            }
        )
    if errors:
        raise ValidationError(errors)
    cap_errors, warnings = _cap_checks(cell, rating.year, [entry], corrected=rating)
    if cap_errors:
        raise ValidationError({"level": list(cap_errors.values())})
    if warnings and not confirm_warnings:
        raise NeedsConfirmation({"level": list(warnings.values())})
    before = audit.snapshot(rating, AUDITED)
    RatingChange.objects.create(
        rating=rating,
        org_unit=rating.org_unit,
        old_score=rating.score,
        old_level=rating.level,
        new_score=_score(score),
        new_level=level,
        reason=reason,
        changed_by=actor,
        is_demo=rating.is_demo,
    )
    rating.score, rating.level = _score(score), level
    rating.save(update_fields=["score", "level"])
    _audit(actor, "party_rating_correct", rating, before=before, reason=reason)
    return rating
