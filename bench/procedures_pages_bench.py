"""Server time of the catalogue page (filters, counts, sort, pagination) and of procedure pages.

    .venv/bin/python bench/procedures_pages_bench.py [--procedures 2000] [--requests 200]
        [--database sqlite|postgres] [--keep PATH | --keep-postgres NAME] [--seed-only]

Method: a fresh database (a temporary SQLite file, or on PostgreSQL a separate database
`tthc_bench_pages_<pid>` on the server of DATABASE_URL, dropped afterwards) is migrated and filled
with the site shell (city, 19 wards) and ~2,000 live procedure pages: the 591 real records of
procedures.json plus generated variants (same text, local code and a name suffix), with documents
split into cases, channels, legal basis, related procedures, other levels and a status history
(new / amended / replaced / abolished over ~30 announcing decisions). Requests go through Django's
test Client in this process (middleware, URL routing, Wagtail page serving and template rendering;
no network, no page or fragment cache; the header's menu and ward lookup come from the
local-memory cache, as in production, see site/core/cache.py; DEBUG off, cached template
loader as in production), round-robin over the kinds so that load from other processes falls on every kind alike. Two stock Wagtail pages
are measured in the same rounds as references: a ContentPage with a real procedure's text and one
listing 50 procedures. The first requests of each kind warm up and are not counted. Reported: median
and p95 wall time, median CPU time, ratio to the stock page, and SQL queries per request (also at 300
procedures on a fresh database, to show the count does not grow with the catalogue).
"""

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
DATA = BASE_DIR / "procedures" / "demo_data" / "procedures.json"
TARGETS = {"procedure": 30.0, "catalogue": 60.0}


def setup_django(database, keep_postgres=None):
    sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("ELASTICSEARCH_URL", "")
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-pages-var-")
    cleanup = None
    if database == "postgres":
        from bench.throwaway_db import create_postgres

        cleanup = create_postgres("tthc_bench_pages", keep=keep_postgres)
    else:
        path = os.environ.get("BENCH_SQLITE_PATH") or tempfile.mktemp(
            prefix="bench-pages-", suffix=".sqlite3"
        )
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def cleanup():
            if not os.environ.get("BENCH_SQLITE_PATH"):
                Path(path).unlink(missing_ok=True)

    import django

    django.setup()
    return cleanup


# Seeding ------------------------------------------------------------------------------------------


def _method(label):
    label = (label or "").lower()
    return "truc_tuyen" if "tuyến" in label else "buu_chinh" if "bưu" in label else "truc_tiep"


def _cases(documents, rng):
    """Documents grouped by case as the import does it, with originals/copies counts."""
    from procedures.importing.mapping import dossier_blocks

    blocks = dossier_blocks(documents)
    for block in blocks:
        for item in block["value"]["items"]:
            item.update(originals=1, copies=rng.choice([0, 1, 2]))
    return [(block["type"], block["value"]) for block in blocks]


class _Ctx:
    def __init__(self, log):
        self.log, self.home, self.wards, self.options = log, None, {}, {}


def seed(total=2000, log=print, rng_seed=7):
    """Site shell plus `total` live procedure pages with history; returns the catalogue page."""
    from django.core.management import call_command
    from django.db import transaction

    from home import demo as home_demo
    from procedures.factories import ProcedureIndexPageFactory, ProcedurePageFactory
    from procedures.models import (
        Agency,
        AnnouncingDecision,
        OnlineServiceKind,
        ProcedureField,
        ProcedureIndexPage,
        ProcedureLevel,
        ProcedurePage,
        StatusChange,
    )
    from procedures.models.pages import derive_title, procedure_slug

    call_command("migrate", verbosity=0)
    rng = random.Random(rng_seed)
    records = json.loads(DATA.read_text(encoding="utf-8"))
    with transaction.atomic():
        ctx = _Ctx(log)
        home_demo.load(ctx)
        catalogue = ProcedureIndexPage.objects.first()
        if catalogue is None:
            catalogue = ProcedureIndexPageFactory(parent=ctx.home)
            catalogue.save_revision().publish()
    if ProcedurePage.objects.count() >= total:
        return catalogue

    refs = {}

    def ref(model, name):
        key = (model, name)
        if key not in refs:
            refs[key] = model.objects.get_or_create(name=name)[0]
        return refs[key]

    kinds = [OnlineServiceKind.objects.get(slug="toan-trinh"), OnlineServiceKind.objects.get(slug="mot-phan")]
    levels_by_name = {lv.name: lv for lv in ProcedureLevel.objects.all()}
    today = datetime.date.today()
    decisions = [
        AnnouncingDecision.objects.get_or_create(
            number=f"{1000 + i}/QĐ-UBND",
            defaults={
                "date": today - datetime.timedelta(days=7 + i * 23),
                "issuer": "Ủy ban nhân dân tỉnh Hải Dương",
                "summary": "Công bố danh mục thủ tục hành chính mới ban hành, sửa đổi, bổ sung, bãi bỏ",
            },
        )[0]
        for i in range(30)
    ]
    suffixes = [
        "(thực hiện tại Bộ phận một cửa)",
        "(áp dụng tại Trung tâm phục vụ hành chính công)",
        "(trường hợp nộp hồ sơ qua dịch vụ bưu chính)",
        "(thực hiện liên thông)",
    ]
    start = time.perf_counter()
    pages = []
    existing = ProcedurePage.objects.count()
    with transaction.atomic():
        for i in range(existing, total):
            rec = records[i % len(records)]
            variant = i // len(records)
            code = rec["code"] if not variant else f"{rec['code']}.{variant:03d}.00.00.H{30 + variant}"
            name = rec["name"] if not variant else f"{rec['name']} {suffixes[i % len(suffixes)]}"
            online = any(_method(s.get("method")) == "truc_tuyen" for s in rec.get("submission", []))
            page = ProcedurePageFactory.build(
                title=derive_title(name),
                slug=procedure_slug(code, name),
                code=code,
                official_name=name,
                procedure_type=rec.get("procedure_type", "")[:255],
                field=ref(ProcedureField, rec.get("field") or "Khác"),
                level=levels_by_name.get(rec.get("level"))
                or ref(ProcedureLevel, rec.get("level") or "Cấp xã"),
                implementing_agency=ref(Agency, rec["agency"][:255]) if rec.get("agency") else None,
                steps=[("step", {"title": "", "description": s}) for s in rec.get("steps", [])],
                channels=[
                    (
                        "channel",
                        {
                            "method": _method(s.get("method")),
                            "deadline": s.get("time") or "",
                            "fee": s.get("fee") or "",
                        },
                    )
                    for s in rec.get("submission", [])
                ],
                dossier=_cases(rec.get("documents", []), rng),
                deadline=rec.get("deadline", ""),
                fee=rec.get("fee", ""),
                fee_note=rec.get("fee_note", ""),
                subjects=rec.get("subjects", ""),
                result="\n".join(rec.get("result", [])),
                conditions=rec.get("conditions", ""),
                legal_basis=[("document", {"title": t}) for t in rec.get("legal_basis", [])],
                forms=[("form", {"title": f[:500]}) for f in rec.get("forms", [])],
                online_service_url=(rec.get("url") or "https://dichvucong.gov.vn/")[:500] if online else "",
                online_service_kind=kinds[i % 2] if online else None,
                source_url=(rec.get("url") or "")[:1000],
                live=True,
            )
            catalogue.add_child(instance=page)
            page.rec_levels = rec.get("levels", [])
            pages.append(page)
            if len(pages) % 250 == 0:
                log(f"  {existing + len(pages)} thủ tục ({time.perf_counter() - start:.0f} s)")

        # History: every page new under an old decision; some amended, replaced or abolished lately.
        changes, statuses = [], {}
        level_links, related_links = [], []
        level_through = ProcedurePage.other_levels.through
        related_through = ProcedurePage.related_procedures.through
        for n, page in enumerate(pages):
            first = decisions[-1 - n % 5]
            changes.append(
                StatusChange(page=page, decision=first, kind="new", effective_date=first.date, sort_order=0)
            )
            roll = rng.random()
            kind = (
                "amended"
                if roll < 0.2
                else "abolished"
                if roll < 0.25
                else "replaced"
                if roll < 0.28
                else None
            )
            if kind:
                decision = decisions[n % 8]
                replacement = pages[(n + 1) % len(pages)] if kind == "replaced" else None
                changes.append(
                    StatusChange(
                        page=page,
                        decision=decision,
                        kind=kind,
                        effective_date=decision.date,
                        sort_order=1,
                        replacement=replacement,
                        changed_parts="Thời hạn giải quyết; phí, lệ phí" if kind == "amended" else "",
                    )  # fmt: skip
                )
                statuses[page.pk] = (kind, decision.date)
            else:
                statuses[page.pk] = ("new", first.date)
            for name in page.rec_levels:
                other = levels_by_name.get(name)
                if other and other.pk != page.level_id:
                    level_links.append(level_through(procedurepage_id=page.pk, procedurelevel_id=other.pk))
            if n % 5 == 0:
                for k in (1, 2, 3):
                    related_links.append(
                        related_through(
                            from_procedurepage_id=page.pk,
                            to_procedurepage_id=pages[(n + k * 7) % len(pages)].pk,
                        )
                    )
        StatusChange.objects.bulk_create(changes, batch_size=500)
        level_through.objects.bulk_create(level_links, batch_size=500, ignore_conflicts=True)
        related_through.objects.bulk_create(related_links, batch_size=500, ignore_conflicts=True)
        for (kind, when), pks in _group(statuses).items():
            ProcedurePage.objects.filter(pk__in=pks).update(status=kind, status_date=when)
    log(f"  {ProcedurePage.objects.count()} thủ tục, {StatusChange.objects.count()} lần công bố "
        f"({time.perf_counter() - start:.0f} s)")  # fmt: skip
    return catalogue


def _has_tables():
    from django.db import connection

    return "procedures_procedurepage" in connection.introspection.table_names()


def _group(statuses):
    out = {}
    for pk, value in statuses.items():
        out.setdefault(value, []).append(pk)
    return out


# Measuring ----------------------------------------------------------------------------------------


def measure(client, urls_by_kind, rounds, warmup=3):
    """Round-robin over the kinds (one request of each per round), so that load on a shared machine
    falls on every kind alike. Returns {kind: (median ms, p95 ms, median CPU ms, sorted query counts)}."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for urls in urls_by_kind.values():
        for url in urls[:warmup]:
            assert client.get(url).status_code == 200, url
    wall = {kind: [] for kind in urls_by_kind}
    cpu = {kind: [] for kind in urls_by_kind}
    queries = {kind: set() for kind in urls_by_kind}
    for n in range(rounds):
        for kind, urls in urls_by_kind.items():
            url = urls[n % len(urls)]
            with CaptureQueriesContext(connection) as ctx:
                c0, t0 = time.process_time(), time.perf_counter()
                response = client.get(url)
                elapsed, used = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
            assert response.status_code == 200, (url, response.status_code)
            wall[kind].append(elapsed)
            cpu[kind].append(used)
            queries[kind].add(len(ctx.captured_queries))
    out = {}
    for kind in urls_by_kind:
        times = sorted(wall[kind])
        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
        out[kind] = (statistics.median(times), p95, statistics.median(cpu[kind]), sorted(queries[kind]))
    return out


def baseline_pages(home, log=print):
    """Stock Wagtail pages for comparison: a ContentPage with the text of a real procedure (steps,
    documents, legal basis as plain paragraphs) and one with a plain list of 50 procedure links."""
    from django.utils.html import escape

    from home.factories import ContentPageFactory
    from home.models import ContentPage
    from procedures.models import ProcedurePage

    urls = {}
    sample = ProcedurePage.objects.filter(code="1.001193").first() or ProcedurePage.objects.first()
    for slug, title in (
        ("doi-chung-trang", "Trang đối chứng"),
        ("doi-chung-danh-sach", "Danh sách đối chứng"),
    ):
        page = ContentPage.objects.filter(slug=slug).first()
        if page is None:
            if slug == "doi-chung-trang":
                texts = [b.value["description"] for b in sample.steps]
                texts += [i["name"] for b in sample.dossier for i in b.value["items"]]
                texts += [b.value["title"] for b in sample.legal_basis]
                texts += [sample.deadline, sample.fee, sample.subjects, sample.result]
                body = [("paragraph", f"<p>{escape(t)}</p>") for t in texts if t]
            else:
                rows = ProcedurePage.objects.order_by("title")[:50]
                body = [
                    ("paragraph", f'<p><a href="{p.url_path}">{escape(p.title)}</a> – {p.code}</p>')
                    for p in rows
                ]
            page = ContentPageFactory(parent=home, title=title, slug=slug, body=body)
            page.save_revision().publish()
            log(f"  trang đối chứng: {page.url}")
        urls[slug] = page.url
    return urls


def catalogue_urls(catalogue):
    from procedures.models import ProcedureField

    base = catalogue.url
    fields = list(ProcedureField.objects.order_by("name").values_list("slug", flat=True)[:6])
    urls = [base, f"{base}?cap=cap-xa&phuong-xa=phuong-sao-do"]
    for slug in fields:
        urls.append(f"{base}?linh-vuc={slug}&cap=cap-xa&dvc=co")
        urls.append(f"{base}?linh-vuc={slug}&tinh-trang=tat-ca&sap-xep=cap-nhat")
    urls += [f"{base}?sap-xep=ma&trang=7", f"{base}?tinh-trang=bai-bo", f"{base}?trang=40"]
    return urls


def procedure_urls(rng, n=60):
    from procedures.models import ProcedurePage

    pages = list(ProcedurePage.objects.live().only("id", "url_path", "path", "depth", "dossier"))
    chosen = rng.sample(pages, min(n, len(pages)))
    urls = []
    for i, page in enumerate(chosen):
        url = page.url
        named = sum(1 for b in page.dossier if b.value.get("case_name"))
        if named >= 2 and i % 2:
            url += f"?truong-hop={1 + i % named}&phuong-xa=phuong-sao-do"
        urls.append(url)
    return urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default=None)
    parser.add_argument("--keep", help="SQLite file to keep (and reuse) instead of a temporary one")
    parser.add_argument(
        "--keep-postgres", metavar="NAME", help="PostgreSQL database to keep (and reuse) on DATABASE_URL's server"
    )
    parser.add_argument("--seed-only", action="store_true", help="only build the database (with --keep)")
    args = parser.parse_args()
    database = args.database or (
        "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    if args.keep:
        database = "sqlite"
        os.environ["BENCH_SQLITE_PATH"] = str(Path(args.keep).resolve())
    if args.keep_postgres:
        database = "postgres"
    cleanup = setup_django(database, args.keep_postgres)
    try:
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from procedures.models import ProcedurePage, StatusChange

        print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        t0 = time.perf_counter()
        fresh = not ProcedurePage.objects.exists() if _has_tables() else True
        small_catalogue = seed(total=min(300, args.procedures), log=print)
        client = Client(HTTP_HOST="localhost")  # the demo site's hostname
        rng = random.Random(11)
        small_queries = {}
        if fresh and not args.seed_only:
            small = measure(
                client,
                {"catalogue": catalogue_urls(small_catalogue), "procedure": procedure_urls(rng, 20)},
                20,
            )
            small_queries = {kind: value[3] for kind, value in small.items()}
        catalogue = seed(total=args.procedures, log=print)
        print(f"seeded in {time.perf_counter() - t0:.0f} s: {ProcedurePage.objects.count()} procedures, "
              f"{StatusChange.objects.count()} status changes")  # fmt: skip
        baselines = baseline_pages(catalogue.get_parent().specific, log=print)
        if args.seed_only:
            return
        assert not settings.DEBUG
        results = measure(
            client,
            {
                "catalogue": catalogue_urls(catalogue),
                "procedure": procedure_urls(rng),
                "stock page": [baselines["doi-chung-trang"]],
                "stock list": [baselines["doi-chung-danh-sach"]],
            },
            args.requests,
        )
        print(
            f"\n{args.requests} rounds (one request of each kind per round), in-process Django test Client,"
        )
        print("uncached, DEBUG off. 'stock page' is a ContentPage with a real procedure's text, 'stock list'")
        print("a ContentPage listing 50 procedures: the like-for-like references of the targets.")
        print(
            f"{'page':<12}{'median ms':>10}{'p95 ms':>9}{'CPU ms':>8}{'× stock':>9}{'target':>8}  queries/request"
        )
        stock = results["stock page"][0]
        for kind, (median, p95, cpu_ms, queries) in results.items():
            target = f"{TARGETS[kind]:.0f} ms" if kind in TARGETS else ""
            grew = f"  (300 procedures: {small_queries[kind]})" if kind in small_queries else ""
            print(
                f"{kind:<12}{median:>10.1f}{p95:>9.1f}{cpu_ms:>8.1f}{median / stock:>9.2f}{target:>8}  "
                f"{queries}{grew}"
            )
        print(f"(load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    finally:
        if cleanup and not args.keep:
            cleanup()


if __name__ == "__main__":
    main()
