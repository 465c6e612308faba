"""Demo petitions and dialogues of xã Long Hẹ — DEMO DATA.

The issue's figures: 81 petitions received, 81 answered; 6 dialogues in 5 bản. Only
those totals come from the source; the period (working days of 01/01–30/09/2025), the
kinds, the channels and the topics below are INVENTED to make a plausible picture, and
no person here is real ("Công dân demo 001" …). Every petition goes through the real
services (receive, accept, verify, conclude, notify, close) with the demo accounts
``tiepdan`` (reception) and ``lanhdao`` (leader, decider) at simulated moments.
Deterministic and idempotent: nothing is done when demo petitions exist.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from xaso.core.models import OrgUnit, User
from xaso.core.selectors import calendar_for
from xaso.core.vietnamese import LOCAL_TZ
from xaso.petitions import services
from xaso.petitions.models import Dialogue, Kind, Petition

COMMUNE = "03763"
RECEPTION, LEADER = "tiepdan", "lanhdao"
DIALOGUE_VILLAGES = 5
DIALOGUES = 6
PERIOD_START, PERIOD_END = dt.date(2025, 1, 2), dt.date(2025, 9, 30)
SEED = 20250205
# Invented distribution (the source gives only the total).
KINDS = [Kind.RECOMMENDATION] * 40 + [Kind.FEEDBACK] * 30 + [Kind.COMPLAINT] * 8
KINDS += [Kind.DENUNCIATION] * 3
TOPICS = [
    "Đường giao thông nội bản xuống cấp",
    "Nước sinh hoạt không ổn định",
    "Hỗ trợ nhà ở cho hộ nghèo",
    "Ranh giới đất nương rẫy",
    "Điện chiếu sáng",
    "Chế độ chính sách người có công",
]


@transaction.atomic
def create_demo_petitions() -> int:
    commune = OrgUnit.objects.get(code=COMMUNE)
    if Petition.objects.filter(org_unit=commune, is_demo=True).exists():
        return 0
    users = {u.username: u for u in User.objects.filter(username__in=[RECEPTION, LEADER])}
    if len(users) < 2:
        raise LookupError("Chưa có tài khoản demo: chạy `xaso demo` (seed tạo tài khoản trước).")
    reception, leader = users[RECEPTION], users[LEADER]
    calendar = calendar_for(commune)
    days = [
        PERIOD_START + dt.timedelta(days=i)
        for i in range((PERIOD_END - PERIOD_START).days + 1)
        if calendar.is_working_day(PERIOD_START + dt.timedelta(days=i))
    ]
    villages = list(
        OrgUnit.objects.filter(parent=commune, kind=OrgUnit.Kind.VILLAGE).order_by("code")
    )
    rng = random.Random(SEED)
    kinds = KINDS[:]
    rng.shuffle(kinds)
    created = []
    for n, kind in enumerate(kinds, start=1):
        day = rng.choice(days)
        at = dt.datetime.combine(day, dt.time(8 + rng.randrange(8), 0), tzinfo=LOCAL_TZ)
        p = services.petition_receive(
            actor=reception,
            org_unit=commune,
            kind=kind,
            channel=rng.choice(["reception", "post", "reception"]),
            summary=f"{rng.choice(TOPICS)} (demo {n:03d})",
            village=rng.choice(villages) if villages else None,
            petitioner=services.Petitioner(name=f"Công dân demo {n:03d}"),
            decider=leader,
            received_at=at,
        )
        step = at + dt.timedelta(days=2)
        for action in ("accept", "verify"):
            p = services.petition_transition(actor=reception, petition=p, action=action, at=step)
        p = services.petition_transition(
            actor=leader,
            petition=p,
            action="conclude",
            answer="Đã xem xét, trả lời công dân (demo).",
            at=step + dt.timedelta(days=10),
        )
        for action in ("notify", "close"):
            p = services.petition_transition(
                actor=reception, petition=p, action=action, at=step + dt.timedelta(days=12)
            )
        created.append(p.pk)
    Petition.objects.filter(pk__in=created).update(is_demo=True)
    chosen = villages[:DIALOGUE_VILLAGES]
    for i in range(DIALOGUES):
        village = chosen[i % len(chosen)]
        d = services.dialogue_record(
            actor=reception,
            org_unit=commune,
            village=village,
            date=days[(i + 1) * len(days) // (DIALOGUES + 1)],
            topic=TOPICS[i % len(TOPICS)],
            record="Biên bản đối thoại (demo).",
            actions=[("Kiểm tra, trả lời kiến nghị của bản (demo)", leader, None)],
        )
        Dialogue.objects.filter(pk=d.pk).update(is_demo=True)
    return len(created)


def load() -> str:
    """The manifest's demo loader (see ``core.plugins.Manifest.demo``)."""
    created = create_demo_petitions()
    if not created:
        return ""
    return f"Đã tạo {created} đơn thư demo và {DIALOGUES} cuộc đối thoại (đánh dấu demo)"
