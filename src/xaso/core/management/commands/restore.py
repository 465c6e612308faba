"""``xaso restore ARCHIVE [--force]``: put a backup (``xaso backup``) back into an empty
data folder (SQLite) or an empty database (PostgreSQL), then check every count of the
manifest and the audit chain."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from xaso.core import audit, backup


class Command(BaseCommand):
    help = "Khôi phục CSDL và tệp đính kèm từ bản sao lưu, rồi kiểm tra."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force", action="store_true", help="Ghi đè CSDL và tệp đang có (cẩn thận)."
        )

    def handle(self, *args, archive, force, **options):
        try:
            manifest = backup.restore(Path(archive), force=force)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        connection.close()
        problems = backup.check(manifest)
        broken = [r for r in audit.verify() if r.problems]
        problems += [f"chuỗi nhật ký {r.key or '(ngoài xã)'} bị hỏng" for r in broken]
        for label, count in manifest["counts"].items():
            self.stdout.write(f"  {label}: {count}")
        if problems:
            raise CommandError("Khôi phục chưa khớp bản sao lưu: " + "; ".join(problems))
        self.stdout.write(self.style.SUCCESS("Đã khôi phục và kiểm tra: khớp bản sao lưu."))
