import datetime as dt

import pytest


@pytest.fixture
def cells(longhe):
    from xaso.party.models import Cell
    from xaso.seed import loader

    loader.load_party_cells()  # adds what is missing: the module's demo may hold them
    cells = {c.code: c for c in Cell.objects.select_related("org_unit", "village")}
    assert len(cells) == 32
    return cells


@pytest.fixture
def party_office(cells, make_user):
    from xaso.core.models import OrgUnit

    return make_user("vanphongdang_lh", "party_office", OrgUnit.objects.get(code="03763-DU"))


@pytest.fixture
def party_leader(cells, make_user):
    """A leader whose role is held over the Đảng ủy itself (the Bí thư's account)."""
    from xaso.core.models import OrgUnit

    return make_user("bithu_lh", "leader", OrgUnit.objects.get(code="03763-DU"))


@pytest.fixture
def other_leader(other_commune, make_user):
    return make_user("lanhdao_khac", "leader", other_commune)


@pytest.fixture
def new_member(cells, party_office):
    """``new_member(cell_code, name, ...)`` records one official member."""
    from xaso.party import services

    counter = {"n": 0}

    def make(code="03763-CB01", full_name="Lò Văn Đức", status="official", **kw):
        counter["n"] += 1
        kw.setdefault("birth_date", dt.date(1980, 5, 1))
        kw.setdefault("gender", "male")
        kw.setdefault("ethnicity", "Thái")
        kw.setdefault("admitted_on", dt.date(2005, 3, 2))
        kw.setdefault("official_on", None if status == "probationary" else dt.date(2006, 3, 2))
        kw.setdefault("general_education", "upper_secondary")
        kw.setdefault("card_number", f"T{counter['n']:07d}" if status == "official" else "")
        return services.member_create(
            actor=party_office,
            cell=cells[code].org_unit,
            status=status,
            full_name=full_name,
            **kw,
        )

    return make


@pytest.fixture
def demo_party(demo_accounts, cells):
    from xaso.party import demo
    from xaso.seed.demo import REPORT_DATE

    assert demo.create_demo_members(report_date=REPORT_DATE) == 554
