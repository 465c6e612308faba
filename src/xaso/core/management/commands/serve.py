"""``xaso serve``: the production server — gunicorn, DEBUG off, static files by WhiteNoise."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ sản xuất (gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("XASO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("XASO_PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("XASO_WORKERS", "2")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("XASO_THREADS", "4")))

    def handle(self, *args, host, port, workers, threads, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
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
