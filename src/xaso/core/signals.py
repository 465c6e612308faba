"""Logins and logouts enter the audit log too: who reached the system, when, from where."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from xaso.core import audit
from xaso.core.models import User


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit.record(actor=user, action="login", obj=user, org_unit=user.org_unit, changes={})


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(actor=user, action="logout", obj=user, org_unit=user.org_unit, changes={})


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # The attempted name is kept (never the password) so an administrator sees guessing.
    username = str(credentials.get("username", ""))[:150]
    target = User.objects.filter(username=username).select_related("org_unit").first()
    audit.record(
        actor=None,
        action="login_failed",
        obj=target,
        org_unit=target.org_unit if target else None,
        object_type="core.user",
        object_repr=username,
        changes={},
    )
