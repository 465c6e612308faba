from xaso.petitions import demo, selectors
from xaso.petitions.models import Dialogue, Petition


def test_demo_data_81_received_81_answered_6_dialogues_in_5_villages(longhe, admin):
    assert demo.create_demo_petitions() == 81
    assert demo.create_demo_petitions() == 0  # idempotent
    stats = selectors.statistics(admin, year=2025)
    assert stats["total"] == 81 and stats["answered"] == 81
    assert Petition.objects.filter(is_demo=True).count() == 81
    dialogues = Dialogue.objects.filter(is_demo=True)
    assert dialogues.count() == 6
    assert len({d.village_id for d in dialogues}) == 5
    assert not Petition.objects.filter(is_demo=True, petitioner_name__contains="Lò").exists()
