"""Writes of the citizens' portal. Each delegates to the module's own services (the
same checks as the desk) and adds what only the portal knows: the citizen's consent,
recorded with the dossier or petition in one transaction, and the form's one-time token
that makes a form sent twice make nothing twice."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from xaso.core import audit
from xaso.core.models import OrgUnit
from xaso.onestop import services as onestop
from xaso.onestop.models import Dossier, Procedure
from xaso.petitions import services as petitions
from xaso.petitions.models import Petition
from xaso.portal.models import Consent
from xaso.portal.selectors import idempotency_key


def _record_consent(*, record, given_by: str, consent: tuple[str, str], token: str) -> None:
    version, text = consent
    field = "dossier" if isinstance(record, Dossier) else "petition"
    Consent.objects.create(
        **{field: record},
        given_by=given_by[:150],
        text_version=version,
        text=text,
        given_at=timezone.now(),
        token=token,
    )
    audit.record(
        actor=None,
        action=f"{field}_consent",
        obj=record,
        org_unit=record.org_unit,
        changes={"consent": [None, version]},
    )


def online_submit(
    *,
    procedure: Procedure,
    center: OrgUnit,
    applicant: onestop.Applicant,
    uploads: list[onestop.Upload],
    token: str,
    consent: tuple[str, str],
    exemption: str = "",
) -> Dossier:
    """Take in an online dossier ("Mới đăng ký") with the applicant's consent
    (``consent`` = (version, text shown)). The form's ``token`` makes a repeated
    submission return the dossier already made instead of a second one."""
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
        if not Consent.objects.filter(dossier=dossier).exists():
            _record_consent(record=dossier, given_by=applicant.name, consent=consent, token=token)
    return dossier


def petition_for_token(token: str) -> Petition | None:
    """The petition a form with this one-time token already sent, if any."""
    found = Consent.objects.filter(token=token, petition__isnull=False).first()
    return found.petition if found is not None else None


def petition_send(
    *,
    commune: OrgUnit,
    kind: str,
    summary: str,
    content: str,
    village: OrgUnit | None,
    petitioner: petitions.Petitioner,
    token: str,
    consent: tuple[str, str],
) -> Petition:
    """A citizen's recommendation or feedback sent online (Decree 20/2008/NĐ-CP), with
    the sender's consent. Sent twice with the same token, the first one counts."""
    already = petition_for_token(token)
    if already is not None:
        return already
    try:
        with transaction.atomic():
            petition = petitions.petition_receive(
                actor=None,
                org_unit=commune,
                kind=kind,
                channel="online",
                summary=summary,
                content=content,
                village=village,
                petitioner=petitioner,
            )
            # The token is unique: of two identical forms sent at the same moment, the
            # second fails here and rolls its petition back.
            _record_consent(record=petition, given_by=petitioner.name, consent=consent, token=token)
    except IntegrityError:
        already = petition_for_token(token)
        if already is None:
            raise
        return already
    return petition
