"""The ``xaso`` command: Django's management commands under one name.

xaso demo [--host H --port P]   set up SQLite, load Long Hẹ, demo accounts, serve
xaso serve [--host H --port P]  production server (gunicorn), DEBUG off
xaso calendar --year 2026 [--org-unit CODE] [--json]
xaso deadline --from "2026-02-13 16:00" --days 3 [--cutoff 15:00] [--org-unit CODE] [--json]
xaso migrate | createsuperuser | ...    any Django management command
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path


def _ensure_secret_key() -> None:
    """Outside production, keep a generated key in the data folder so sessions survive
    restarts; production sets XASO_SECRET_KEY itself (docs/operations.md)."""
    if os.environ.get("XASO_SECRET_KEY"):
        return
    data_dir = Path(os.environ.get("XASO_DATA_DIR", "var")).resolve()
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="ascii")
        key_file.chmod(0o600)
    os.environ["XASO_SECRET_KEY"] = key_file.read_text(encoding="ascii").strip()


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
    _ensure_secret_key()
    from django.core.management import execute_from_command_line

    from xaso.core.middleware import RequestOrigin, set_origin

    # Writes made by commands (seeding, demo accounts) are audited as coming from the CLI.
    set_origin(RequestOrigin(source="cli", user_agent=" ".join(argv[1:3])[:300]))
    execute_from_command_line(["xaso", *argv[1:]])


if __name__ == "__main__":
    main()
