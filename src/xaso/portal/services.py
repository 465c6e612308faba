"""Writes of the citizens' portal. Each delegates to the one-stop services (the same
checks as the desk) and adds what only the portal knows: the citizen's consent."""

from __future__ import annotations

from django.db import transaction

from xaso.core import audit
from xaso.core.models import AuditEntry, OrgUnit
from xaso.onestop import services as onestop
from xaso.onestop.models import Dossier, Procedure
from xaso.portal.selectors import idempotency_key


def online_submit(
    *,
    procedure: Procedure,
    center: OrgUnit,
    applicant: onestop.Applicant,
    uploads: list[onestop.Upload],
    token: str,
    consent_version: str,
    exemption: str = "",
) -> Dossier:
    """Take in an online dossier ("Mới đăng ký") and record the applicant's consent to
    the processing of their personal data (Law 91/2025/QH15) with it, in one
    transaction. The form's ``token`` makes a repeated submission return the dossier
    already made instead of a second one."""
    with transaction.atomic():
        dossier = onestop.dossier_intake(
            actor=None,
            org_unit=center,
            procedure=procedure,
            channel=Dossier.Channel.ONLINE,
            applicant=applicant,
            uploads=uploads,
            exemption=exemption,
            idempotency_key=idempotency_key(token),
        )
        already = AuditEntry.objects.filter(
            action="dossier_consent",
            object_type=Dossier._meta.label_lower,
            object_id=str(dossier.pk),
        ).exists()
        if not already:
            audit.record(
                actor=None,
                action="dossier_consent",
                obj=dossier,
                org_unit=dossier.org_unit,
                changes={"consent": [None, consent_version]},
            )
    return dossier
