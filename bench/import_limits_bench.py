"""Peak memory and time of the importer on pathological files (each refused with a Vietnamese error).

    .venv/bin/python bench/import_limits_bench.py [--bomb-mb 1024]

Method: the files of tests/hostile_files.py are written to a temporary folder at the sizes of the
probe that found the problem (100,000 nested brackets; a 5,000-digit number; an .xlsx whose sheet
inflates to --bomb-mb MB; an .xlsx of 30,000 rows; a CSV of one million junk rows), plus a real
10-record JSON file for comparison. Each is planned (the dry run behind `manage.py import_procedures`
and the admin preview: read, check, parse, compare with the catalogue) in a fresh child process on a
migrated temporary SQLite database; the child reports its peak resident memory (VmHWM from
/proc/self/status), the wall time of the dry run, and the first error. The figure that matters is the
peak against the small file's: the limits are checked before any parser builds the content.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def setup_django():
    sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DEBUG"] = "false"
    os.environ["ELASTICSEARCH_URL"] = ""
    import django

    django.setup()


def peak_rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(path):
    setup_django()
    from procedures.importing.apply import import_file

    began = time.perf_counter()
    report = import_file(path, dry_run=True)
    seconds = time.perf_counter() - began
    first = report.errors[0].text if report.errors else f"ok, {len(report.changes())} changes"
    print(json.dumps({"seconds": seconds, "peak_mb": peak_rss_mb(), "result": first}, ensure_ascii=False))


def build(folder, bomb_mb):
    from tests import hostile_files

    records = json.loads((BASE_DIR / "procedures" / "demo_data" / "procedures.json").read_text("utf-8"))[:10]
    files = {
        "10 real records (reference).json": json.dumps(records, ensure_ascii=False).encode(),
        "100,000 nested brackets.json": hostile_files.nested_json(100_000),
        "5,000-digit number.json": hostile_files.huge_number_json(5_000),
        f"zip bomb, sheet inflates to {bomb_mb} MB.xlsx": hostile_files.xlsx(rows=10, inflate_to=bomb_mb * 2**20),
        "30,000 rows.xlsx": hostile_files.xlsx(rows=30_000),
        "1,000,000 junk rows.csv": hostile_files.junk_csv(1_000_000),
    }
    paths = []
    for name, data in files.items():
        path = Path(folder) / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bomb-mb", type=int, default=1024)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")
    with tempfile.TemporaryDirectory(prefix="bench-import-limits-") as folder:
        os.environ["VAR_DIR"] = folder
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/db.sqlite3"
        setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        began = time.perf_counter()
        paths = build(folder, args.bomb_mb)
        print(f"files built in {time.perf_counter() - began:.1f} s\n")
        print(f"{'file':44} {'size':>10} {'peak RSS':>9} {'dry run':>8}  result")
        for path in paths:
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)], capture_output=True, text=True, env=os.environ
            )
            if out.returncode:
                print(f"{path.name:44} FAILED: {out.stderr.strip().splitlines()[-1]}")
                continue
            row = json.loads(out.stdout.strip().splitlines()[-1])
            size = path.stat().st_size
            print(
                f"{path.name:44} {size / 2**20:8.2f} MB {row['peak_mb']:6.0f} MB {row['seconds']:7.2f} s  "
                f"{row['result'][:90]}"
            )


if __name__ == "__main__":
    main()
