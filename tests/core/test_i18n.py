"""Vietnamese first, English through the language switch (gettext catalogue in
src/xaso/locale)."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

CATALOG_DIR = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


@pytest.fixture(autouse=True)
def _back_to_default_language():
    yield
    translation.deactivate()


def switch_to_english(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_home_page_speaks_english_after_the_switch(login, leader):
    client = login(leader)
    switch_to_english(client)
    home = client.get("/").content.decode()
    assert '<html lang="en" ' in home
    assert "Hello, Người lanhdao_lh" in home
    assert "Your roles:" in home and "Leader" in home
    assert "Working calendar" in home and "Audit log" in home
    assert "Public holidays, make-up working days, processing deadlines" in home
    assert "Log out" in home
    assert "Xin chào" not in home and "Đăng xuất" not in home


def test_calendar_page_speaks_english_after_the_switch(login, leader):
    client = login(leader)
    switch_to_english(client)
    page = client.get("/lich/?year=2026")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Working calendar for 2026" in html
    assert "Days off (other than Saturdays and Sundays)" in html
    assert "Calculate the processing deadline" in html
    assert "Full-year calendar" in html and "Month 12" in html
    assert '<th scope="col" abbr="Monday">Mon</th>' in html
    assert "Lịch làm việc năm" not in html and "Tháng 12" not in html


def test_vietnamese_stays_the_default_for_a_new_client(login, leader):
    switch_to_english(login(leader))

    fresh = Client()
    fresh.force_login(leader)
    home = fresh.get("/").content.decode()
    assert '<html lang="vi" ' in home
    assert "Xin chào, Người lanhdao_lh" in home and "Lịch làm việc" in home
    assert "Hello" not in home
    calendar = fresh.get("/lich/?year=2026").content.decode()
    assert "Lịch làm việc năm 2026" in calendar and "Working calendar" not in calendar
    assert '<th scope="col" abbr="Thứ Hai">T2</th>' in calendar


def test_one_can_switch_back_to_vietnamese(login, leader):
    client = login(leader)
    switch_to_english(client)
    assert "Hello" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Xin chào" in client.get("/").content.decode()


# --- the catalogue ----------------------------------------------------------------------


def parse_po(path: Path) -> list[dict]:
    """A tiny .po reader: one dict per entry with ``flags``, ``msgctxt``, ``msgid``,
    ``msgid_plural`` and ``msgstr`` (a list, one per plural form). Obsolete ``#~``
    entries are skipped."""
    entries: list[dict] = []
    entry: dict | None = None
    key: str | None = None

    def close():
        nonlocal entry, key
        if entry is not None and "msgid" in entry:
            entries.append(entry)
        entry, key = None, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            close()
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": []}
        if line.startswith("#"):
            if "msgid" in entry:  # a comment starts the next entry
                close()
                entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": []}
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            continue
        match = re.fullmatch(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")', line)
        if match:
            key, text = match.group(1), ast.literal_eval(match.group(2))
            if key == "msgctxt" and "msgid" in entry:
                close()
                entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": []}
                key = "msgctxt"
            if key.startswith("msgstr"):
                entry["msgstr"].append(text)
                key = "msgstr"
            else:
                entry[key] = text
        elif line.startswith('"') and key is not None:
            text = ast.literal_eval(line)
            if key == "msgstr":
                entry["msgstr"][-1] += text
            else:
                entry[key] += text
        else:
            raise AssertionError(f"unreadable line in {path.name}: {raw!r}")
    close()
    return entries


@pytest.fixture(scope="module")
def catalog() -> list[dict]:
    entries = parse_po(CATALOG_DIR / "django.po")
    assert entries and entries[0]["msgid"] == ""
    return entries


def test_the_catalogue_header_is_final(catalog):
    header = catalog[0]
    assert "fuzzy" not in header["flags"]
    assert "Language: en" in header["msgstr"][0]
    assert "charset=UTF-8" in header["msgstr"][0]


def test_every_message_has_an_english_translation(catalog):
    messages = catalog[1:]
    assert len(messages) > 100
    untranslated = [e["msgid"] for e in messages if not all(s.strip() for s in e["msgstr"])]
    assert untranslated == []
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert fuzzy == []


def test_translations_keep_their_placeholders(catalog):
    for e in catalog[1:]:
        expected = sorted(PLACEHOLDER.findall(e["msgid"]))
        for text in e["msgstr"]:
            assert sorted(PLACEHOLDER.findall(text)) == expected, e["msgid"]


def test_the_compiled_catalogue_matches_the_po_file(catalog):
    with (CATALOG_DIR / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for e in catalog[1:]:
        if e["msgid_plural"] is not None:
            continue
        if e["msgctxt"] is None:
            assert compiled.gettext(e["msgid"]) == e["msgstr"][0], e["msgid"]
        else:
            assert compiled.pgettext(e["msgctxt"], e["msgid"]) == e["msgstr"][0], e["msgid"]
