from xaso.petitions import demo, selectors
from xaso.petitions.models import Dialogue, Petition


def test_demo_data_81_received_81_answered_6_dialogues_in_5_villages(demo_accounts, admin):
    assert demo.create_demo_petitions() == 81
    assert demo.create_demo_petitions() == 0  # idempotent
    stats = selectors.statistics(admin, year=2025)
    assert stats["total"] == 81 and stats["answered"] == 81
    assert Petition.objects.filter(is_demo=True).count() == 81
    dialogues = Dialogue.objects.filter(is_demo=True)
    assert dialogues.count() == 6
    assert len({d.village_id for d in dialogues}) == 5
    assert not Petition.objects.filter(is_demo=True, petitioner_name__contains="Lò").exists()


def test_the_demo_figures_are_reproduced_by_the_period_statistics(demo_accounts, leader):
    import datetime as dt

    from xaso.petitions.demo import create_demo_petitions
    from xaso.petitions.selectors import period_statistics

    create_demo_petitions()
    stats = period_statistics(leader, dt.date(2020, 1, 1), dt.date(2025, 12, 31))
    assert stats["received"] == 81
    assert stats["resolved_on_time"] + stats["resolved_late"] == 81
    assert stats["dialogues"] == 6
