"""``xaso serve``: the production server — gunicorn, DEBUG off, static files by WhiteNoise.

Before serving it applies pending migrations and collects static files, but only when
there is something to do: a restart after a crash starts serving at once instead of
re-compressing every static file (``--no-prepare`` skips even the check, for
deployments that run ``xaso migrate`` and ``xaso collectstatic`` as their own steps).
"""

from __future__ import annotations

import hashlib
import os
import sys

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

FINGERPRINT = ".xaso-static-fingerprint"


def pending_migrations() -> list:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def static_fingerprint() -> str:
    """A digest of every static source file's path, size and modification time."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in sorted(finder.list([]), key=lambda item: item[0]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Chạy máy chủ sản xuất (gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("XASO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("XASO_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("XASO_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("XASO_THREADS", "4")))
        parser.add_argument(
            "--no-prepare",
            action="store_true",
            help="Không kiểm tra migration và tệp tĩnh (đã làm ở bước triển khai).",
        )

    def prepare(self) -> None:
        if pending_migrations():
            self.stdout.write("Áp dụng migration còn thiếu…")
            call_command("migrate", interactive=False, verbosity=0)
        if settings.STATIC_ROOT is None:
            return
        marker = settings.STATIC_ROOT / FINGERPRINT
        fingerprint = static_fingerprint()
        if not marker.exists() or marker.read_text(encoding="ascii") != fingerprint:
            self.stdout.write("Thu thập tệp tĩnh…")
            call_command("collectstatic", interactive=False, verbosity=0)
            marker.write_text(fingerprint, encoding="ascii")

    def handle(self, *args, host, port, workers, threads, no_prepare, **options):
        if not no_prepare:
            self.prepare()
        if settings.DEBUG:
            self.stderr.write("Cảnh báo: XASO_DEBUG=1 — không dùng khi phục vụ thật.")
        # Replace this process with gunicorn so signals (Ctrl-C, systemd stop) reach it.
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "xaso.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("XASO_FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - fixed argv, no shell
