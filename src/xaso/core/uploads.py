"""Files people upload (dossier scans, petition attachments, later official documents):
checked by size and by their first bytes — never by the name or the type the browser
claims — and stored under a random name, so a file name can neither guess nor overwrite
another file."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

#: content type → (first bytes, file extension)
ALLOWED_TYPES = {
    "application/pdf": (b"%PDF-", "pdf"),
    "image/jpeg": (b"\xff\xd8\xff", "jpg"),
    "image/png": (b"\x89PNG\r\n\x1a\n", "png"),
}


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed ``check``: its real type and a name safe to show."""

    file: UploadedFile
    content_type: str
    original_name: str

    @property
    def size(self) -> int:
        return self.file.size

    @property
    def extension(self) -> str:
        return ALLOWED_TYPES[self.content_type][1]


def check(upload: UploadedFile, *, field: str = "documents") -> CheckedUpload:
    """Refuse a file too large or of another type (``ValidationError`` on ``field``)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                field: _("Tệp %(name)s quá lớn (%(size)s MB); tối đa 10 MB.")
                % {"name": upload.name, "size": round(upload.size / 1024 / 1024, 1)}
            }
        )
    head = upload.read(16)
    upload.seek(0)
    content_type = next(
        (t for t, (magic, _ext) in ALLOWED_TYPES.items() if head.startswith(magic)), None
    )
    if content_type is None:
        raise ValidationError(
            {field: _("Tệp %(name)s không phải PDF, JPEG hoặc PNG.") % {"name": upload.name}}
        )
    name = get_valid_filename(upload.name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:120]
    return CheckedUpload(file=upload, content_type=content_type, original_name=name or "tep")


def check_all(uploads, *, field: str = "documents") -> list[CheckedUpload]:
    """Check every file and report every refusal at once under ``field``."""
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check(upload, field=field))
        except ValidationError as exc:
            errors.extend(exc.message_dict[field])
    if errors:
        raise ValidationError({field: errors})
    return checked


def random_name(extension: str) -> str:
    return f"{secrets.token_hex(8)}.{extension}"


def store(target: FieldFile, checked: CheckedUpload) -> str:
    """Write ``checked`` into the (unsaved) file field under a random name; return it."""
    name = random_name(checked.extension)
    target.save(name, checked.file, save=False)
    return name
