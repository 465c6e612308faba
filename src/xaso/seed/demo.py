"""Demo accounts: one per role, over xã Long Hẹ. Marked ``is_demo`` and "(demo)" in
their names so nobody mistakes them for real officials. And the one date the demo
states for the report: ``REPORT_DATE``."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from xaso.core import services
from xaso.core.models import Field, OrgUnit, Role, User

DEMO_PASSWORD = "xaso-demo-2026"

#: The last day of the report's own period, which starts when xã Long Hẹ (03763) began
#: on 01/7/2025. The report gives no date ("Đến nay Trung tâm đã … giải quyết được 99 hồ
#: sơ", Phần thứ hai, II); the demo states this one, here only, and every loader receives
#: it (``xaso demo`` passes it to each manifest's ``demo``): its figures — 99 dossiers from
#: 01/7/2025, 81 kiến nghị, phản ánh over the 2020–2025 term — are exact up to this day,
#: and the live demo stream runs after it.
REPORT_DATE = dt.date(2025, 9, 30)

# (username, full name, job title, role, unit code, field)
DEMO_ACCOUNTS = [
    ("quantri", "Quản trị (demo)", "Quản trị hệ thống", Role.ADMINISTRATOR, "03763", ""),
    ("lanhdao", "Lãnh đạo xã (demo)", "Chủ tịch UBND xã", Role.LEADER, "03763", ""),
    (
        "motcua",
        "Cán bộ một cửa (demo)",
        "Công chức tiếp nhận",
        Role.ONESTOP_OFFICER,
        "03763-TTPVHCC",
        "",
    ),
    (
        "tuphap",
        "Công chức tư pháp – hộ tịch (demo)",
        "Công chức Tư pháp – Hộ tịch",
        Role.SPECIALIST,
        "03763",
        Field.JUSTICE_CIVIL_STATUS,
    ),
    (
        "vanphongdang",
        "Văn phòng Đảng ủy (demo)",
        "Chuyên viên Văn phòng Đảng ủy",
        Role.PARTY_OFFICE,
        "03763-DU",
        "",
    ),
    ("thongke", "Thống kê (demo)", "Công chức Văn phòng – Thống kê", Role.STATISTICS, "03763", ""),
    ("tiepdan", "Tiếp công dân (demo)", "Cán bộ tiếp công dân", Role.RECEPTION, "03763", ""),
]


@transaction.atomic
def create_demo_accounts() -> list[tuple[str, str]]:
    """Create the demo accounts that are missing; returns (username, role label) of all."""
    listed = []
    for username, full_name, title, role, unit_code, field in DEMO_ACCOUNTS:
        unit = OrgUnit.objects.get(code=unit_code)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.user_create(
                actor=None,
                username=username,
                full_name=full_name,
                password=DEMO_PASSWORD,
                org_unit=unit,
                job_title=title,
                is_demo=True,
            )
            services.role_grant(actor=None, user=user, role=role, org_unit=unit, field=field)
        listed.append((username, Role(role).label))
    return listed
