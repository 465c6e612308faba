"""The Party module's records, one module per subject; every model is importable from
``xaso.party.models`` as before. A new subject adds its module and one line here."""

from xaso.party.models.admissions import *  # noqa: F403
from xaso.party.models.dues import *  # noqa: F403
from xaso.party.models.inspections import *  # noqa: F403
from xaso.party.models.meetings import *  # noqa: F403
from xaso.party.models.members import *  # noqa: F403
from xaso.party.models.ratings import *  # noqa: F403
from xaso.party.models.trainings import *  # noqa: F403
