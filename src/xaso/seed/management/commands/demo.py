"""``xaso demo``: everything a newcomer needs, then the server. Safe to run again.

Loads what the report says of Long Hẹ (units, the resolution, the procedure catalogue),
creates the demo accounts, then asks every app's manifest for its demo data in the order
of ``INSTALLED_APPS`` (``core.plugins``), seen from today (``timezone.localdate()``) with
the report's date ``seed.demo.REPORT_DATE``: the report's figures up to that date, a live
stream after it up to today. Run again later, it tops the stream up to the new day."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from xaso.core import plugins
from xaso.seed import demo, loader
from xaso.targets.models import Resolution, Target


class Command(BaseCommand):
    help = "Tạo CSDL, nạp dữ liệu xã Long Hẹ, tạo tài khoản demo và chạy máy chủ."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("XASO_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("XASO_PORT", "8000")))
        parser.add_argument(
            "--no-serve", action="store_true", help="Chỉ chuẩn bị dữ liệu, không chạy máy chủ."
        )

    def handle(self, *args, host, port, no_serve, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        created = loader.load_org_units()
        if loader.load_resolution():
            resolution = Resolution.objects.order_by("-pk").first()
            targets = Target.objects.filter(group__resolution=resolution).count()
            self.stdout.write(f"Đã nạp {targets} chỉ tiêu {resolution.name}.")
        cells = loader.load_party_cells()
        if cells:
            self.stdout.write(f"Đã nạp {cells} chi bộ của Đảng bộ xã.")
        procedures = loader.load_procedures()
        if procedures:
            self.stdout.write(f"Đã nạp {procedures} thủ tục hành chính vào danh mục.")
        accounts = demo.create_demo_accounts()
        today = timezone.localdate()
        for manifest in plugins.manifests():
            if manifest.demo:
                said = plugins.resolve(manifest.demo)(today=today, report_date=demo.REPORT_DATE)
                if said:
                    self.stdout.write(said)
        self.stdout.write(f"Dữ liệu: {settings.DATABASES['default']['NAME']}")
        self.stdout.write(f"Đơn vị mới nạp: {created} (chạy lại không nạp trùng).")
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {demo.DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<14} {role}")
        self.stdout.write("")
        if not no_serve:
            self.stdout.write(self.style.SUCCESS(f"xaso đang chạy tại http://{host}:{port}/\n"))
            call_command("serve", host=host, port=port)
