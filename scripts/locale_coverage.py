#!/usr/bin/env python
"""How much of the Wagtail admin that editors see is in Vietnamese.

Builds a throw-away test database with the demo site, signs in as a superuser whose language is
Vietnamese, opens the key admin screens and performs the everyday actions (save draft, publish,
submit for moderation, schedule, lock, unpublish, copy, move, delete, uploads, a form with errors).
Every gettext look-up made meanwhile is recorded, so the report counts the strings Wagtail really
rendered (templates, Python messages, JS configuration), not a guess from the templates.

    .venv/bin/python scripts/locale_coverage.py              # summary per screen
    .venv/bin/python scripts/locale_coverage.py --missing    # and the untranslated msgids
    .venv/bin/python scripts/locale_coverage.py --json out.json

A msgid counts when it belongs to one of Wagtail's or Django's catalogues; "translated" means the runtime
Vietnamese catalogue (ours in locale/, then Wagtail's and Django's) has a translation for it.
Uses DATABASE_URL like the tests do (empty: SQLite in memory).
"""

import argparse
import io
import json
import os
import re
import sys
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
OUR_PO = BASE_DIR / "locale" / "vi" / "LC_MESSAGES" / "django.po"


# --- a small .po reader (no third-party dependency) -------------------------------------------


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text):
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match.group(1), match.group(0)), text.strip()[1:-1])


def read_po(path):
    """Entries of a .po file as dicts: msgctxt, msgid, msgid_plural, msgstr (list), flags, refs."""
    entries = []

    def new_entry():
        return {
            "msgctxt": None,
            "msgid": None,
            "msgid_plural": None,
            "msgstr": [],
            "flags": set(),
            "refs": [],
        }

    entry, field = new_entry(), None
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            continue  # obsolete entries
        keyword = line.split(" ", 1)[0]
        starts_entry = not line or line.startswith("#") or keyword in ("msgctxt", "msgid")
        if starts_entry and entry["msgstr"]:
            entries.append(entry)
            entry, field = new_entry(), None
        if not line:
            continue
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            entry["refs"].extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field == "msgstr":
                entry["msgstr"][-1] += _unquote(line)
            else:
                entry[field] += _unquote(line)
        elif keyword.startswith("msgstr"):
            field = "msgstr"
            entry["msgstr"].append(_unquote(line[len(keyword) :]))
        else:
            field = keyword
            entry[keyword] = _unquote(line[len(keyword) :])
    if entry["msgstr"]:
        entries.append(entry)
    return entries


def entry_key(entry):
    return (entry["msgctxt"] or "", entry["msgid"])


def catalogue_keys(packages=("wagtail", "django")):
    """(context, msgid) → entry of every string in these packages' catalogues (English templates)."""
    import importlib

    keys = {}
    for name in packages:
        root = Path(importlib.import_module(name).__file__).parent
        for po in sorted(root.glob("**/locale/en/LC_MESSAGES/django.po")):
            # Django's references are relative to the package, Wagtail's to each app
            app = name if name == "django" else po.parents[3].relative_to(root.parent).as_posix()
            for entry in read_po(po):
                if entry["msgid"]:
                    keys.setdefault(entry_key(entry), {**entry, "package": name, "app": app})
    return keys


# --- recording gettext look-ups ----------------------------------------------------------------


SET_UP = "(set-up)"


class Recorder:
    """Wraps Django's translation functions; every look-up lands in the current screen's set."""

    def __init__(self):
        self.screen = SET_UP
        self.seen = defaultdict(set)

    def install(self):
        from django.utils import translation
        from django.utils.translation import trans_real

        trans = translation._trans

        def gettext(message):
            self.seen[self.screen].add(("", str(message), ""))
            return trans_real.gettext(message)

        def ngettext(singular, plural, number):
            self.seen[self.screen].add(("", str(singular), str(plural)))
            return trans_real.ngettext(singular, plural, number)

        def pgettext(context, message):
            self.seen[self.screen].add((str(context), str(message), ""))
            return trans_real.pgettext(context, message)

        def npgettext(context, singular, plural, number):
            self.seen[self.screen].add((str(context), str(singular), str(plural)))
            return trans_real.npgettext(context, singular, plural, number)

        trans.gettext, trans.ngettext, trans.pgettext, trans.npgettext = (
            gettext,
            ngettext,
            pgettext,
            npgettext,
        )

    def uninstall(self):
        """Back to Django's own functions (Trans resolves them again on next use)."""
        from django.utils import translation

        for name in ("gettext", "ngettext", "pgettext", "npgettext"):
            translation._trans.__dict__.pop(name, None)


def is_translated(context, msgid, plural, language="vi"):
    from django.utils.translation import trans_real

    catalog = trans_real.translation(language)._catalog
    lookup = f"{context}\x04{msgid}" if context else msgid
    if plural:
        return catalog.get((lookup, 0)) is not None
    return catalog.get(lookup) is not None


# --- the editors' tour -------------------------------------------------------------------------


def run_tour():
    """Set up Django and a test database, take the tour, tear down. Returns (recorder, statuses)."""
    sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "site"), str(BASE_DIR / "scripts")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    recorder = Recorder()
    recorder.install()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo", procedures_limit=12, stdout=io.StringIO())
        from home.models import HomePage

        user = get_user_model().objects.create_superuser(
            "bien-tap-thu", "bientap@example.invalid", "mat-khau-dai-12345"
        )
        client = Client()
        client.tour_user = user
        from admin_tour import tour

        statuses = tour(client, recorder, HomePage.objects.get())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return recorder, statuses


def coverage(recorder):
    """Per screen and overall: Wagtail and Django msgids seen, how many translated, which are missing."""
    known = catalogue_keys()
    per_screen = {}
    overall_seen, overall_missing = set(), set()
    for screen, seen in recorder.seen.items():
        if screen == SET_UP:
            continue
        ours = {item for item in seen if (item[0], item[1]) in known}
        missing = {item for item in ours if not is_translated(*item)}
        per_screen[screen] = (len(ours), len(ours) - len(missing))
        overall_seen |= ours
        overall_missing |= missing
    return per_screen, overall_seen, overall_missing


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="list the untranslated msgids")
    parser.add_argument("--json", type=Path, help="write the seen and missing msgids to this file")
    parser.add_argument(
        "--stub", type=Path, help="write the missing msgids as .po entries to translate and append to our .po"
    )
    args = parser.parse_args(argv)

    recorder, statuses = run_tour()
    per_screen, seen, missing = coverage(recorder)
    width = max(len(screen) for screen in per_screen)
    print(f"{'screen':<{width}}  status        msgids  translated")
    for screen, (total, done) in per_screen.items():
        status = statuses.get(screen, "")
        share = f"{100 * done / total:5.1f}%" if total else "   – "
        print(f"{screen:<{width}}  {status!s:>6}  {total:>13}  {done:>5} {share}")
    done = len(seen) - len(missing)
    print(
        f"\nall screens: {len(seen)} distinct Wagtail/Django msgids rendered, {done} translated "
        f"({100 * done / max(len(seen), 1):.1f}%), {len(missing)} missing"
    )
    if args.missing:
        for context, msgid, plural in sorted(missing):
            print(
                f"  missing: {context + ' | ' if context else ''}{msgid!r}{' / ' + repr(plural) if plural else ''}"
            )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "seen": sorted(seen),
                    "missing": sorted(missing),
                    "per_screen": {screen: sorted(items) for screen, items in recorder.seen.items()},
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    if args.stub:
        args.stub.write_text(po_stub(missing), encoding="utf-8")
        print(f"{len(missing)} entries to translate written to {args.stub}")
    return 0


def _quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po_stub(missing):
    """Untranslated entries with Wagtail's flags and plural forms, msgstr left for the translator."""
    known = catalogue_keys()
    chunks = []
    for context, msgid, _plural in sorted(missing):
        entry = known[(context, msgid)]
        lines = (
            ["#: " + " ".join(f"{entry['app']}/{ref}" for ref in entry["refs"][:2])] if entry["refs"] else []
        )
        flags = sorted(flag for flag in entry["flags"] if flag != "fuzzy")
        if flags:
            lines.append("#, " + ", ".join(flags))
        if context:
            lines.append(f"msgctxt {_quote(context)}")
        lines.append(f"msgid {_quote(msgid)}")
        if entry["msgid_plural"]:
            lines += [f"msgid_plural {_quote(entry['msgid_plural'])}", 'msgstr[0] ""']
        else:
            lines.append('msgstr ""')
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"


if __name__ == "__main__":
    sys.exit(main())
