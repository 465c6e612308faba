"""``xaso backup [--to DIR]``: the database and the uploaded files in one archive
(``core.backup``). Safe while the server runs."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from xaso.core import backup


class Command(BaseCommand):
    help = "Sao lưu CSDL và tệp đính kèm vào một tệp lưu trữ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", default=None, help="Thư mục ghi bản sao lưu (mặc định: $XASO_DATA_DIR/backups)."
        )

    def handle(self, *args, to, **options):
        target = Path(to) if to else settings.DATA_DIR / "backups"
        try:
            path = backup.backup(target)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        manifest = backup.read_manifest(path)
        self.stdout.write(f"Đã sao lưu: {path}")
        for label, count in manifest["counts"].items():
            self.stdout.write(f"  {label}: {count}")
