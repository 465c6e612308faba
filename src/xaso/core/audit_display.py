"""The audit log as people read it: who (full name and username), what (the action in
words, ``plugins.audit_label``), which record (the model's verbose name and the record
as it was named), what changed (each field by its verbose name, values in words: choices
by their labels, dates dd/mm/yyyy, linked records by name) and when (dd/mm/yyyy HH:MM).

The log stores codes (``dossier_intake``, ``core.orgunit``, ``status: entered``) so that
it can be verified and filtered; nothing here changes an entry, it only reads it out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xaso.core.localized import format_exact
from xaso.core.models import AuditEntry
from xaso.core.plugins import audit_label
from xaso.core.vietnamese import LOCAL_TZ

#: record types that are not models (an entry about a login lock has no row of its own)
_OTHER_TYPES = {"core.throttle": gettext_lazy("khóa đăng nhập")}
#: what services record under a name that is not one of the model's fields
_OTHER_FIELDS = {
    "role": gettext_lazy("vai trò"),
    "password": gettext_lazy("mật khẩu"),
    "locked_until": gettext_lazy("tạm khóa đến"),
    "reason": gettext_lazy("lý do"),
    "attachment": gettext_lazy("tệp đính kèm"),
    "purpose": gettext_lazy("mục đích"),
    "consent": gettext_lazy("đồng ý xử lý dữ liệu cá nhân"),
    "rating": gettext_lazy("đánh giá"),
}
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Change:
    label: str
    before: str = ""
    after: str = ""
    #: a value recorded alone (what was looked at, the file attached), not a before/after
    single: bool = False


@dataclass
class AuditRow:
    at: str
    actor: str
    action: str
    record_type: str
    record: str
    changes: list[Change] = field(default_factory=list)
    source: str = ""
    ip: str = ""


def capital(text: Any) -> str:
    """The text with its first letter upper-cased (labels are stored lower-case)."""
    text = str(text)
    return text[:1].upper() + text[1:]


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def record_type_label(object_type: str) -> str:
    """ "core.orgunit" → "Đơn vị"; a type that is no model reads by its own word, or
    not at all ("") rather than as a code."""
    model = _model(object_type)
    if model is not None:
        return capital(model._meta.verbose_name)
    other = _OTHER_TYPES.get(object_type)
    return capital(other) if other else ""


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)  # also finds "parent_id" (an attname)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def field_label(model: type[models.Model] | None, name: str) -> str:
    found = _field(model, name)
    if found is not None:
        return capital(found.verbose_name)
    return capital(_OTHER_FIELDS.get(name, name.replace("_", " ")))


def _moment(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TZ)
    return f"{moment:%d/%m/%Y %H:%M}"


def _day(text: str) -> str:
    try:
        return f"{dt.date.fromisoformat(text):%d/%m/%Y}"
    except ValueError:
        return text


class _Reader:
    """Reads values out. The records the entries link to are looked up before the page
    is read, one query per kind of record, not one per record."""

    def __init__(self, entries=()):
        wanted: dict[type[models.Model], set] = defaultdict(set)
        for entry in entries:
            model = _model(entry.object_type)
            for name, value in (entry.changes or {}).items():
                found = _field(model, name)
                if found is not None and (found.many_to_one or found.one_to_one):
                    wanted[found.related_model].update(_keys(found.related_model, value))
        self._names = {
            (model, str(obj.pk)): str(obj)
            for model, keys in wanted.items()
            for obj in model._default_manager.filter(pk__in=keys)
        }

    def _name_of(self, model: type[models.Model], pk: Any) -> str:
        return self._names.get((model, str(pk)), f"#{pk}")

    def value(self, found: models.Field | None, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, list):
            return ", ".join(self.value(found, v) for v in value)
        if isinstance(value, bool):
            return _("có") if value else _("không")
        if found is not None:
            if found.choices:
                labels = {str(k): v for k, v in found.flatchoices}
                if str(value) in labels:
                    return str(labels[str(value)])
            if found.many_to_one or found.one_to_one:
                return self._name_of(found.related_model, value)
            if isinstance(found, models.DateTimeField):
                return _moment(str(value))
            if isinstance(found, models.DateField):
                return _day(str(value))
            if isinstance(found, models.DecimalField | models.IntegerField | models.FloatField):
                try:
                    return format_exact(value)
                except (ValueError, TypeError, ArithmeticError):
                    return str(value)
        if isinstance(value, str):
            if _ISO_DATETIME.match(value):
                return _moment(value)
            if _ISO_DATE.match(value):
                return _day(value)
        return str(value)


def _keys(model: type[models.Model], value: Any) -> set:
    """The primary keys in a recorded value (one, a [before, after] pair, a list)."""
    if isinstance(value, list):
        return {key for v in value for key in _keys(model, v)}
    if value is None or value == "":
        return set()
    try:
        return {model._meta.pk.to_python(value)}
    except ValidationError:
        return set()


def person_words(user) -> str:
    """ "Nguyễn Văn A (nguyenvana)"; the username alone when it is the only name."""
    name, username = user.full_name, user.username
    return f"{name} ({username})" if name and name != username else username


def actor_words(entry: AuditEntry) -> str:
    """ "Nguyễn Văn A (nguyenvana)"; an entry of the system itself says so."""
    if entry.actor_id and entry.actor is not None:
        return person_words(entry.actor)
    return entry.actor_name or _("(hệ thống)")


def audit_rows(entries) -> list[AuditRow]:
    entries = list(entries)
    reader = _Reader(entries)
    rows = []
    for entry in entries:
        model = _model(entry.object_type)
        changes = []
        for name, pair in (entry.changes or {}).items():
            found = _field(model, name)
            label = field_label(model, name)
            if isinstance(pair, list) and len(pair) == 2:
                changes.append(
                    Change(label, reader.value(found, pair[0]), reader.value(found, pair[1]))
                )
            else:
                changes.append(Change(label, after=reader.value(found, pair), single=True))
        local = entry.at.astimezone(LOCAL_TZ)
        rows.append(
            AuditRow(
                at=f"{local:%d/%m/%Y %H:%M}",
                actor=actor_words(entry),
                action=capital(audit_label(entry.action)),
                record_type=record_type_label(entry.object_type),
                record=entry.object_repr,
                changes=changes,
                source=entry.get_source_display(),
                ip=entry.ip or "",
            )
        )
    return rows
