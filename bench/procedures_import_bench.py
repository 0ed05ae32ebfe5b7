"""Import speed of full procedure records into an empty catalogue (target: 2,000 records ≤ 60 s).

    .venv/bin/python bench/procedures_import_bench.py [--procedures 2000] [--database postgres|sqlite]
        [--profile]

Method: a fresh database (on PostgreSQL a separate database `tthc_bench_import_<pid>` on the server of
DATABASE_URL, dropped afterwards; or a temporary SQLite file) is migrated and given a city home page.
The records are the 591 real ones of procedures/demo_data/procedures.json plus generated variants (the
same text under new codes 9.xxxxxx and a name suffix), serialized as one JSON file and imported through
`procedures.importing.apply.import_file` — the code behind `manage.py import_procedures` and the admin
upload — in this process: plan (the dry run), then one transaction that creates every page as a
published revision with its status-history entry and log entry, sends page_published (the portal's
search queue and change alerts listen), and, after the commit, the task that brings Wagtail's admin
search index and reference index up to date for the new pages and reference rows (inline: the
immediate task backend). Reported: wall time of the dry run, of the import, and of a second import of
the same file (nothing to change), each with the CPU time of this process and of its PostgreSQL
backend (read from /proc; the sum hardly depends on the load of a shared machine, the wall time
does); SQL queries per page; and where the time went (wall and CPU time of each part, queries by
statement and table). Elasticsearch is not contacted (ELASTICSEARCH_URL is unset), as in the embedded
run; the search queue still writes its database copy.
"""

import argparse
import collections
import copy
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
DATA = BASE_DIR / "procedures" / "demo_data" / "procedures.json"
TARGET_SECONDS = 60.0
NESTED = "  of which: "


def setup_django(database):
    sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["ELASTICSEARCH_URL"] = ""
    var_dir = tempfile.mkdtemp(prefix="bench-import-var-")
    os.environ["VAR_DIR"] = var_dir
    if database == "postgres":
        from bench.throwaway_db import create_postgres

        drop = create_postgres("tthc_bench_import")
    else:
        path = tempfile.mktemp(prefix="bench-import-", suffix=".sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def drop():
            Path(path).unlink(missing_ok=True)

    def cleanup():
        try:
            drop()
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)

    import django

    django.setup()
    return cleanup


def make_records(total):
    real = json.loads(DATA.read_text(encoding="utf-8"))
    records = list(real)
    n = 0
    while len(records) < total:
        source = real[n % len(real)]
        variant = copy.deepcopy(source)
        variant["code"] = f"9.{n + 1:06d}"
        variant.pop("code_local", None)
        variant["name"] = f"{source['name']} (biến thể {n + 1})"
        records.append(variant)
        n += 1
    return records[:total]


def instrument():
    """Wall time of the parts of an import, by wrapping the functions that do them (bench only)."""
    import functools

    from modelsearch.backends import get_search_backends

    from procedures.importing import apply, bulk, reference_rows, tasks
    from procedures.models import ProcedurePage
    from search import indexing

    timings = collections.Counter()
    timings.cpu = collections.Counter()  # CPU time of this process in each part

    def timed(name, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            began, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                timings[name] += time.perf_counter() - began
                timings.cpu[name] += time.process_time() - cpu

        return wrapper

    apply.plan_file = timed("plan: parse the file, compare with the catalogue", apply.plan_file)
    reference_rows.ReferenceRows.create_pending = timed(
        "write: new fields, agencies, decisions (snippets)", reference_rows.ReferenceRows.create_pending
    )
    bulk._insert_pages = timed("write: page rows (multi-row INSERT)", bulk._insert_pages)
    bulk._insert_children = timed("write: status history, levels", bulk._insert_children)
    bulk._log = timed("write: log entries", bulk._log)
    bulk._insert_revisions = timed("write: revisions (full page JSON)", bulk._insert_revisions)
    bulk._announce = timed("page_published/published to every listener", bulk._announce)
    if hasattr(indexing, "_handle_batch"):  # indexing.batched(): the events of a batch together
        indexing._handle_batch = timed("the portal search queue, by batch", indexing._handle_batch)
    else:
        indexing.object_changed = timed(
            NESTED + "the portal search queue, page by page", indexing.object_changed
        )
    tasks.update_reference_index = timed(
        "after commit: Wagtail reference index", tasks.update_reference_index
    )
    backend = type(next(iter(get_search_backends())).get_index_for_model(ProcedurePage))
    backend.add_items = timed("after commit: Wagtail admin search index", backend.add_items)
    return timings


def cpu_seconds():
    """CPU time used so far by this process and by its PostgreSQL backend (read from /proc when the
    server runs on this machine; None otherwise). Unlike wall time, the sum hardly depends on what
    else the machine is doing, so it compares runs on a busy machine."""
    from django.db import connection

    mine = time.process_time()
    if connection.vendor != "postgresql":
        return mine, None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return mine, None
    return mine, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_since(before):
    now = cpu_seconds()
    mine = now[0] - before[0]
    if now[1] is None or before[1] is None:
        return f"CPU {mine:.1f} s in this process"
    server = now[1] - before[1]
    return (
        f"CPU {mine + server:.1f} s = {mine:.1f} s in this process + {server:.1f} s in its PostgreSQL backend"
    )


def table_of(sql):
    """'INSERT wagtailcore_revision', 'SELECT procedures_agency'…: the statement and its first table."""
    m = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql)
    if sql.startswith(("SAVEPOINT", "RELEASE")):
        return "(savepoints)"
    verb = sql.strip().lstrip("(").split(None, 1)[0].upper()
    return f"{verb} {m.group(1)}" if m else verb


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--profile", action="store_true", help="cProfile the import, print the top entries")
    args = parser.parse_args()

    cleanup = setup_django(args.database)
    try:
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        from wagtail.models import Revision

        from home.factories import city_home
        from procedures.importing.apply import import_file
        from procedures.models import ProcedurePage, StatusChange

        city_home()

        records = make_records(args.procedures)
        data = json.dumps(records, ensure_ascii=False).encode("utf-8")
        print(
            f"Database: {connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}"
        )
        print(
            f"Records: {len(records)} ({min(len(records), 591)} real + {max(0, len(records) - 591)} variants)"
        )
        print(f"Load average before: {os.getloadavg()[0]:.2f} (cores: {os.cpu_count()})")

        timings = instrument()
        cpu = cpu_seconds()
        started = time.perf_counter()
        report = import_file(io.BytesIO(data), "bench.json", dry_run=True)
        dry = time.perf_counter() - started
        assert report.ok, report.errors[:3]
        print(f"Dry run (plan, nothing written): {dry:.1f} s ({cpu_since(cpu)})")

        timings.clear()
        timings.cpu.clear()
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        counts, seconds = collections.Counter(), collections.Counter()

        def count_queries(execute, sql, params, many, context):
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                table = table_of(sql)
                counts[table] += 1
                seconds[table] += time.perf_counter() - began

        cpu = cpu_seconds()
        with connection.execute_wrapper(count_queries):
            started = time.perf_counter()
            report = import_file(
                io.BytesIO(data),
                "bench.json",
                dry_run=False,
                progress=None,
            )
            elapsed = time.perf_counter() - started
        import_cpu = cpu_since(cpu)
        if profiler:
            profiler.disable()
        assert report.applied, report.errors[:3]
        pages = ProcedurePage.objects.count()
        assert pages == len(records)
        assert StatusChange.objects.count() == sum(1 for r in records if r.get("decision"))
        assert Revision.objects.filter(content_type__model="procedurepage").count() == len(records)
        scaled = elapsed * 2000 / pages
        print(
            f"Import: {elapsed:.1f} s for {pages} pages = {elapsed / pages * 1000:.1f} ms per procedure "
            f"(target ≤ {TARGET_SECONDS:.0f} s for 2,000: {'met' if scaled <= TARGET_SECONDS else 'NOT met'})"
        )
        print(f"  {import_cpu}")
        print("  where the time went (wall time of each part, and CPU time of this process in it):")
        for name, value in timings.most_common():
            cpu_part = f"CPU {timings.cpu[name]:5.1f} s"
            print(f"    {name:52s} {value:6.1f} s  {value / elapsed * 100:4.0f} %  {cpu_part}")
        rest = elapsed - sum(v for k, v in timings.items() if not k.startswith(NESTED))
        other = "other: transaction, bookkeeping"
        print(f"    {other:52s} {rest:6.1f} s  {rest / elapsed * 100:4.0f} %")
        total_queries = sum(counts.values())
        print(
            f"  SQL: {total_queries} queries = {total_queries / pages:.1f} per procedure, "
            f"{sum(seconds.values()):.1f} s waiting on the database"
        )
        for table, spent in seconds.most_common(14):
            print(f"    {table:46s} {counts[table] / pages:6.2f} per procedure  {spent:6.2f} s")

        cpu = cpu_seconds()
        started = time.perf_counter()
        again = import_file(io.BytesIO(data), "bench.json", dry_run=False)
        repeat = time.perf_counter() - started
        assert again.counts()["unchanged"] == len(records), again.counts()
        print(f"Second import of the same file: {repeat:.1f} s ({cpu_since(cpu)}), nothing changed")
        print(f"  {again.counts()}")
        print(f"Load average after: {os.getloadavg()[0]:.2f}")
        if profiler:
            import pstats

            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    finally:
        cleanup()


if __name__ == "__main__":
    main()
