"""`xaso demo` and `xaso serve` as a newcomer and an operator run them: a real gunicorn
with DEBUG off, static files from WhiteNoise, data in XASO_DATA_DIR."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "XASO_TESTING", "XASO_DEBUG", "XASO_SECRET_KEY"}
    }
    env["XASO_DATA_DIR"] = str(tmp_path / "data")
    return env


def _xaso(*args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "xaso.cli", *args],
        env=env,
        timeout=timeout,
        capture_output=True,
        text=True,
        check=False,
    )


def _counts(database) -> dict[str, int]:
    """What the demo made, read straight from the data folder's SQLite file."""
    import sqlite3

    queries = {
        "dossiers": "SELECT count(*) FROM onestop_dossier WHERE is_demo",
        "open_dossiers": "SELECT count(*) FROM onestop_dossier WHERE status IN (1, 2, 4, 5, 6)",
        "events": "SELECT count(*) FROM onestop_dossierevent",
        "petitions": "SELECT count(*) FROM petitions_petition WHERE is_demo",
        "open_petitions": "SELECT count(*) FROM petitions_petition"
        " WHERE status IN ('received', 'accepted', 'verifying')",
        "dialogues": "SELECT count(*) FROM petitions_dialogue WHERE is_demo",
        "values": "SELECT count(*) FROM targets_datavalue WHERE is_demo",
        "audit": "SELECT count(*) FROM core_auditentry",
    }
    with sqlite3.connect(database) as db:
        return {name: db.execute(sql).fetchone()[0] for name, sql in queries.items()}


def test_demo_prepares_the_data_folder_and_runs_again_without_duplicates(tmp_path):
    env = _env(tmp_path)
    first = _xaso("demo", "--no-serve", env=env)
    assert first.returncode == 0, first.stderr
    assert "Đơn vị mới nạp: 42" in first.stdout and "lanhdao" in first.stdout
    assert "Đã tạo 99 hồ sơ demo" in first.stdout and "Đã tạo 81 đơn thư demo" in first.stdout
    assert "Đã nạp 25 chỉ tiêu Nghị quyết" in first.stdout  # counted, not written in
    assert "đang chạy" not in first.stdout  # --no-serve: no server, so it says none runs
    database = tmp_path / "data" / "xaso.sqlite3"
    assert database.exists()
    made = _counts(database)
    # The report's figures, a live stream up to today, demo values of the targets.
    assert made["dossiers"] > 99 and made["open_dossiers"] >= 5
    assert made["petitions"] > 81 and made["open_petitions"] >= 1 and made["dialogues"] == 6
    assert made["values"] > 40
    second = _xaso("demo", "--no-serve", env=env)
    assert second.returncode == 0, second.stderr
    assert "Đơn vị mới nạp: 0" in second.stdout
    assert "Đã tạo" not in second.stdout and "Đã nhập" not in second.stdout
    assert _counts(database) == made  # nothing done twice, not even an audit entry


def test_serve_runs_gunicorn_in_production_mode(tmp_path):
    env = _env(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "xaso.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(360):  # up to 90 s: migrations and collectstatic on a busy machine
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the server did not start")
        with urllib.request.urlopen(f"{base}/dang-nhap/", timeout=5) as r:
            page = r.read().decode()
            assert r.headers["X-Frame-Options"] == "DENY"
            assert "gunicorn" in r.headers.get("Server", "")
        css = re.search(r'href="(/static/core/xaso\.[0-9a-f]{12}\.css)"', page)
        assert css, "static files must have hashed names in production"
        with urllib.request.urlopen(base + css.group(1), timeout=5) as r:
            assert "max-age=315360000" in r.headers["Cache-Control"]
        # DEBUG is off: an unknown page is the plain 404, not Django's debug page.
        try:
            urllib.request.urlopen(f"{base}/khong-co/", timeout=5)
        except urllib.error.HTTPError as err:
            assert err.code == 404
            assert "Không tìm thấy trang" in err.read().decode()
        assert (tmp_path / "data" / "secret_key").exists()
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.django_db
def test_a_restart_skips_migrations_and_static_files_when_nothing_changed(settings, tmp_path):
    import io

    from xaso.core.management.commands.serve import FINGERPRINT, Command

    settings.STATIC_ROOT = tmp_path / "static"
    first, second = io.StringIO(), io.StringIO()
    Command(stdout=first).prepare()
    assert "Thu thập tệp tĩnh" in first.getvalue()
    assert (tmp_path / "static" / FINGERPRINT).exists()
    assert (tmp_path / "static" / "core" / "xaso.css").exists()
    Command(stdout=second).prepare()
    assert second.getvalue() == ""  # nothing to migrate, static files unchanged
