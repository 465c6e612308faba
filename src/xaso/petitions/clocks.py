"""The legal time limits of petitions (đơn thư) as data, and a pure ``due_for``.

Every rule cites its article (shared REFERENCE.md, "Citizen reception and petitions").
Kinds: ``complaint`` (khiếu nại), ``denunciation`` (tố cáo), ``recommendation``
(kiến nghị), ``feedback`` (phản ánh). Steps: ``accept`` (decide/notify whether the matter
is accepted, refused or forwarded), ``forward`` (send on when outside competence),
``resolve`` (conclude / first-instance decision, counted from acceptance).

Units: ``working_days`` go through the commune's ``WorkCalendar``; ``days`` are calendar
days, and when the last day is not a working day the limit ends on the next working day
(Bộ luật Dân sự 2015, Điều 148 — not in REFERENCE; applied as the general rule).

AMBIGUOUS in REFERENCE (it says "days" without "working"): the complaint acceptance
(Art. 27, "within 10 days") and the complaint and denunciation resolution limits (Law
02/2011 Art. 28, Law 25/2018 Art. 30, "30 days"/"45"/"60"). They are taken as calendar
days here; flip ``unit`` on those rows if the commune's legal officer reads them as
working days. Recommendations and feedback have no resolution limit in REFERENCE
(Decree 20/2008 gives only the forwarding limit), so ``resolve`` has no rule for them and
``due_for`` returns ``None``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WORKING_DAYS = "working_days"
DAYS = "days"

COMPLAINT = "complaint"
DENUNCIATION = "denunciation"
RECOMMENDATION = "recommendation"
FEEDBACK = "feedback"
KINDS = (COMPLAINT, DENUNCIATION, RECOMMENDATION, FEEDBACK)

ACCEPT = "accept"
FORWARD = "forward"
RESOLVE = "resolve"
STEPS = (ACCEPT, FORWARD, RESOLVE)


@dataclass(frozen=True)
class ClockRule:
    kind: str
    step: str
    amount: int
    unit: str
    legal_basis: str
    remote_amount: int | None = None  # remote and especially difficult areas
    complex_amount: int | None = None
    remote_complex_amount: int | None = None
    max_extensions: int = 0  # for a complex matter
    max_extensions_especially_complex: int = 0
    extension_amount: int = 0
    ambiguous_unit: bool = False  # REFERENCE does not say working vs calendar days


_RECEPTION_ART_28 = "Luật Tiếp công dân 42/2013/QH13, Điều 28"
_DECREE_20 = "Nghị định 20/2008/NĐ-CP (chuyển trong 5 ngày làm việc nếu không thuộc thẩm quyền)"

RULES: tuple[ClockRule, ...] = (
    # Complaints — Law 02/2011/QH13.
    ClockRule(
        COMPLAINT,
        ACCEPT,
        10,
        DAYS,
        "Luật Khiếu nại 02/2011/QH13, Điều 27 (thụ lý trong 10 ngày)",
        ambiguous_unit=True,
    ),
    ClockRule(COMPLAINT, FORWARD, 10, WORKING_DAYS, _RECEPTION_ART_28),
    ClockRule(
        COMPLAINT,
        RESOLVE,
        30,
        DAYS,
        "Luật Khiếu nại 02/2011/QH13, Điều 28 (30 ngày, phức tạp 45; vùng sâu, vùng xa, "
        "đặc biệt khó khăn 45, phức tạp 60)",
        remote_amount=45,
        complex_amount=45,
        remote_complex_amount=60,
        ambiguous_unit=True,
    ),
    # Denunciations — Law 25/2018/QH14.
    ClockRule(
        DENUNCIATION,
        ACCEPT,
        7,
        WORKING_DAYS,
        "Luật Tố cáo 25/2018/QH14, Điều 24 (7 ngày làm việc, gia hạn đến 10)",
        max_extensions=1,
        max_extensions_especially_complex=1,
        extension_amount=3,
    ),
    ClockRule(
        DENUNCIATION,
        FORWARD,
        5,
        WORKING_DAYS,
        "Luật Tố cáo 25/2018/QH14, Điều 24 (chuyển trong 5 ngày làm việc)",
    ),
    ClockRule(
        DENUNCIATION,
        RESOLVE,
        30,
        DAYS,
        "Luật Tố cáo 25/2018/QH14, Điều 30 (30 ngày; gia hạn một lần 30 ngày nếu phức tạp, "
        "hai lần nếu đặc biệt phức tạp)",
        max_extensions=1,
        max_extensions_especially_complex=2,
        extension_amount=30,
        ambiguous_unit=True,
    ),
    # Recommendations and feedback — Law 42/2013 Art. 28, Decree 20/2008.
    ClockRule(RECOMMENDATION, ACCEPT, 10, WORKING_DAYS, _RECEPTION_ART_28),
    ClockRule(RECOMMENDATION, FORWARD, 5, WORKING_DAYS, _DECREE_20),
    ClockRule(FEEDBACK, ACCEPT, 10, WORKING_DAYS, _RECEPTION_ART_28),
    ClockRule(FEEDBACK, FORWARD, 5, WORKING_DAYS, _DECREE_20),
)

_BY_KEY = {(r.kind, r.step): r for r in RULES}


class ExtensionNotAllowed(ValueError):
    pass


def rule_for(kind: str, step: str) -> ClockRule | None:
    return _BY_KEY.get((kind, step))


def allowed_extensions(
    kind: str, step: str, *, complex: bool, especially_complex: bool = False
) -> int:
    """How many extensions the law allows for this step (0 for a simple matter)."""
    rule = rule_for(kind, step)
    if rule is None:
        return 0
    if especially_complex:
        return rule.max_extensions_especially_complex
    if complex:
        return rule.max_extensions
    return 0


def amount_for(rule: ClockRule, *, remote: bool, complex: bool) -> int:
    if remote and complex and rule.remote_complex_amount is not None:
        return rule.remote_complex_amount
    if remote and rule.remote_amount is not None:
        return rule.remote_amount
    if complex and rule.complex_amount is not None:
        return rule.complex_amount
    return rule.amount


def due_for(
    kind: str,
    step: str,
    start: dt.datetime,
    *,
    calendar,
    remote: bool,
    complex: bool,
    extensions: int = 0,
    especially_complex: bool = False,
) -> dt.datetime | None:
    """The due moment of ``step`` for a petition of ``kind`` whose clock starts at ``start``.

    ``None`` when the law sets no limit for that step. Raises ``ExtensionNotAllowed`` when
    ``extensions`` exceeds what the law allows (``complex``/``especially_complex``).
    """
    rule = rule_for(kind, step)
    if rule is None:
        return None
    if extensions < 0:
        raise ExtensionNotAllowed("Số lần gia hạn không được âm")
    limit = allowed_extensions(
        kind, step, complex=complex or especially_complex, especially_complex=especially_complex
    )
    if extensions > limit:
        raise ExtensionNotAllowed(f"Luật chỉ cho gia hạn {limit} lần ({rule.legal_basis})")
    # For denunciations, complexity is expressed by extensions, not a longer base amount.
    total = amount_for(rule, remote=remote, complex=complex) + extensions * rule.extension_amount
    # Both end when the office closes on the last day (Civil Code 2015 Art. 147–148).
    if rule.unit == WORKING_DAYS:
        return calendar.add_working_days(start, total)
    return calendar.add_calendar_days(start, total)
