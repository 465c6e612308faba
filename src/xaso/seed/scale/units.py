"""The province's 74 synthetic communes, each with its 23 bản, its service center, a leader
and a one-stop officer — bulk-created with what ``OrgUnit.save``/``User.save`` compute."""

from __future__ import annotations

from xaso.core.models import OrgUnit, Role, RoleAssignment, User
from xaso.core.vietnamese import nfc, search_key
from xaso.seed import demo
from xaso.seed.scale.common import (
    NOTE,
    PROVINCE_CODE,
    SOURCE,
    SYNTHETIC_COMMUNES,
    VALID_FROM,
    VILLAGES_PER_COMMUNE,
    by_code,
    commune_code,
    leader_username,
    officer_username,
    service_center_code,
    village_code,
)


def _unit(*, code: str, name: str, kind: str, parent: OrgUnit, **extra) -> OrgUnit:
    """An unsaved unit with what ``OrgUnit.save`` would have computed."""
    code = code.strip().upper()
    name = nfc(name)
    return OrgUnit(
        code=code,
        name=name,
        name_key=search_key(name),
        kind=kind,
        parent=parent,
        path=f"{parent.path}{code}/",
        source=SOURCE,
        note=NOTE,
        **extra,
    )


def _user(
    *, username: str, full_name: str, job_title: str, org_unit: OrgUnit, password_hash: str
) -> User:
    """An unsaved demo account with what ``User.save`` would have computed."""
    full_name = nfc(full_name)
    return User(
        username=username,
        full_name=full_name,
        name_key=search_key(full_name),
        job_title=job_title,
        org_unit=org_unit,
        is_demo=True,
        password=password_hash,
    )


def build_province() -> dict[str, int]:
    """Create the missing synthetic communes, bản, service centers, accounts, roles."""
    province = OrgUnit.objects.get(code=PROVINCE_CODE)
    numbers = range(1, SYNTHETIC_COMMUNES + 1)
    created = {"communes": 0, "villages": 0, "service_centers": 0, "users": 0, "roles": 0}

    # Communes first: children need their parent's pk and path.
    wanted = {commune_code(n): n for n in numbers}
    existing = set(OrgUnit.objects.filter(code__in=list(wanted)).values_list("code", flat=True))
    new_communes = [
        _unit(
            code=code,
            name=f"demo {n:03d}",
            kind=OrgUnit.Kind.COMMUNE,
            parent=province,
            valid_from=VALID_FROM,
        )
        for code, n in wanted.items()
        if code not in existing
    ]
    OrgUnit.objects.bulk_create(new_communes)
    created["communes"] = len(new_communes)
    # Re-read rather than rely on bulk_create returning primary keys on every backend.
    communes = by_code(wanted)

    children_codes = [
        village_code(n, v) for n in numbers for v in range(1, VILLAGES_PER_COMMUNE + 1)
    ]
    children_codes += [service_center_code(n) for n in numbers]
    existing = set(OrgUnit.objects.filter(code__in=children_codes).values_list("code", flat=True))
    children = []
    for n in numbers:
        commune = communes[commune_code(n)]
        for v in range(1, VILLAGES_PER_COMMUNE + 1):
            if village_code(n, v) not in existing:
                children.append(
                    _unit(
                        code=village_code(n, v),
                        name=f"demo {n:03d}-{v:02d}",
                        kind=OrgUnit.Kind.VILLAGE,
                        parent=commune,
                    )
                )
                created["villages"] += 1
        if service_center_code(n) not in existing:
            children.append(
                _unit(
                    code=service_center_code(n),
                    kind=OrgUnit.Kind.SERVICE_CENTER,
                    parent=commune,
                    name=f"Trung tâm phục vụ hành chính công xã demo {n:03d}",
                )
            )
            created["service_centers"] += 1
    OrgUnit.objects.bulk_create(children)
    centers = by_code(service_center_code(n) for n in numbers)

    # Accounts: one leader over the commune, one one-stop officer at its service center.
    plan = []  # (username, full name, title, role, unit)
    for n in numbers:
        commune, center = communes[commune_code(n)], centers[service_center_code(n)]
        plan.append(
            (
                leader_username(n),
                f"Lãnh đạo xã demo {n:03d} (demo)",
                "Chủ tịch UBND xã",
                Role.LEADER,
                commune,
            )
        )
        plan.append(
            (
                officer_username(n),
                f"Cán bộ một cửa xã demo {n:03d} (demo)",
                "Công chức tiếp nhận",
                Role.ONESTOP_OFFICER,
                center,
            )
        )
    usernames = [row[0] for row in plan]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    missing = [row for row in plan if row[0] not in existing]
    if missing:
        # Hashing is deliberately slow; one hash serves every synthetic account.
        hasher = User()
        hasher.set_password(demo.DEMO_PASSWORD)
        User.objects.bulk_create(
            [
                _user(
                    username=username,
                    full_name=full_name,
                    job_title=title,
                    org_unit=unit,
                    password_hash=hasher.password,
                )
                for username, full_name, title, _role, unit in missing
            ]
        )
        created["users"] = len(missing)
    users = {u.username: u for u in User.objects.filter(username__in=usernames)}

    have = set(
        RoleAssignment.objects.filter(user__in=users.values()).values_list(
            "user_id", "role", "org_unit_id"
        )
    )
    roles = [
        RoleAssignment(user=users[username], role=role, org_unit=unit)
        for username, _name, _title, role, unit in plan
        if (users[username].pk, role, unit.pk) not in have
    ]
    RoleAssignment.objects.bulk_create(roles)
    created["roles"] = len(roles)
    return created
