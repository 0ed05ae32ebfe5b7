"""Search latency at the size of a real city portal: ~2,000 procedures and ~20,000 articles.

    DATABASE_URL=postgres://… ELASTICSEARCH_URL=http://127.0.0.1:9299 .venv/bin/python bench/search_latency.py

How it measures: a throw-away database (created and dropped like the test suite's) and throw-away
index get the demo site shell, the 591 real procedures as pages, generated variants of them up to
--procedures, and --articles generated articles written from the real procedures' vocabulary (title,
lead, four paragraphs, ~2,000 characters each), all inserted as live pages. Then:

  rebuild       `search_rebuild`'s code path, timed: database copy + new index + alias swap
  search page   GET /tim-kiem/?q=… through Django's test client in this process (middleware, view,
                engine round trips, template): every query of bench/queries*.json, several rounds
  JSON API      GET /tim-kiem/api/?q=… the same way
  autocomplete  GET /tim-kiem/goi-y/?q=… for every prefix (from 2 characters) of those queries
  fallback      the search page with the engine switched off (database only), for reference

Wall-clock times per request in milliseconds (p50/p95), after one warm-up round. The machine's load
average is printed: other processes on a shared machine inflate the figures. CPU time per request is
printed too, being less sensitive to that load: this process's (Django, our Python) and the
Elasticsearch node's (from its node stats: it includes whatever else the node served meanwhile).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TEST_RUN_ID", f"searchbench{os.getpid()}")

UNITS = ["phường Sao Đỏ", "phường Cộng Hòa", "phường Chí Minh", "xã Hưng Đạo", "phường Văn An", "xã Lê Lợi"]
OPENERS = [
    "Hướng dẫn thực hiện thủ tục {name}",
    "{unit} rút ngắn thời gian giải quyết thủ tục {name}",
    "Người dân {unit} hài lòng khi làm thủ tục {name} trực tuyến",
    "Những điều cần biết về thủ tục {name}",
    "Hỏi – đáp: {name} cần chuẩn bị giấy tờ gì?",
]


def percentile(samples, fraction):
    samples = sorted(samples)
    return samples[min(len(samples) - 1, round(fraction * (len(samples) - 1)))]


def load_average():
    try:
        return " / ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "?"


def bulk_pages(parent, items, content_type):
    """Create live child pages of `parent` in bulk: treebeard paths computed directly."""
    from wagtail.models import Page

    from core.tree import new_live_children

    pages = Page.objects.bulk_create(new_live_children(parent, items, content_type))
    Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
    parent.refresh_from_db()
    return pages


def add_procedure_variants(target, log):
    """Pad the catalogue to `target` procedures with variants of the real ones (bulk insert)."""
    from django.contrib.contenttypes.models import ContentType

    from procedures.models import ProcedureIndexPage, ProcedurePage

    real = list(ProcedurePage.objects.all())
    missing = target - len(real)
    if missing <= 0:
        return
    catalogue = ProcedureIndexPage.objects.get()
    rng = random.Random(11)
    from bench.search_corpus import VARIANT_SUFFIXES as suffixes

    sources = [rng.choice(real) for _ in range(missing)]
    names = [f"{p.official_name} {rng.choice(suffixes)}" for p in sources]
    items = [(name, f"bien-the-{i}") for i, name in enumerate(names)]
    content_type = ContentType.objects.get_for_model(ProcedurePage)
    for start in range(0, missing, 1000):
        pages = bulk_pages(catalogue, items[start : start + 1000], content_type)
        rows = []
        for offset, page in enumerate(pages):
            source = sources[start + offset]
            values = {
                f.attname: getattr(source, f.attname)
                for f in ProcedurePage._meta.local_concrete_fields
                if f.attname != "page_ptr_id"
            }
            values.update(code=f"9.{900000 + start + offset:06d}", official_name=names[start + offset])
            rows.append(ProcedurePage(page_ptr_id=page.pk, **values))
        ProcedurePage.objects._insert(rows, fields=ProcedurePage._meta.local_concrete_fields)
    log(f"  {missing} procedure variants added")


def add_articles(count, log):
    """`count` articles written from the catalogue's vocabulary, under the city news index."""
    from django.contrib.contenttypes.models import ContentType

    from bench.search_corpus import records
    from news.models import ArticlePage, NewsIndexPage

    index = NewsIndexPage.objects.filter(depth=3).first()
    data = records()
    rng = random.Random(5)
    sentences = [s for r in data for s in r.get("steps", []) + r.get("documents", []) if 40 < len(s) < 400]
    content_type = ContentType.objects.get_for_model(ArticlePage)
    today = __import__("datetime").date.today()
    for start in range(0, count, 1000):
        size = min(1000, count - start)
        specs = []
        for i in range(size):
            record = rng.choice(data)
            name = record["name"].removeprefix("Thủ tục ").strip()
            name = name[0].lower() + name[1:]
            title = rng.choice(OPENERS).format(name=name, unit=rng.choice(UNITS))
            title = title[0].upper() + title[1:]
            specs.append((title, f"bai-viet-{start + i}", record))
        pages = bulk_pages(index, [(t, s) for t, s, _ in specs], content_type)
        rows = []
        for page, (title, _slug, record) in zip(pages, specs, strict=True):
            paragraphs = [" ".join(rng.sample(sentences, 3)) for _ in range(4)]
            rows.append(
                ArticlePage(
                    page_ptr_id=page.pk,
                    date=today - __import__("datetime").timedelta(days=rng.randint(0, 3650)),
                    lead=f"{title}. " + (record.get("result") or [""])[0][:300],
                    body=[("paragraph", f"<p>{p}</p>") for p in paragraphs],
                    publishing_unit="Ủy ban nhân dân thành phố Chí Linh",
                    featured=False,
                    lead_image_alt="",
                    lead_image_caption="",
                )
            )
        ArticlePage.objects._insert(rows, fields=ArticlePage._meta.local_concrete_fields)
        log(f"  {start + size} articles")


def engine_cpu_ms():
    """Total CPU time of the Elasticsearch node(s) so far, in ms (None when not available)."""
    from search import engine

    client = engine.get_client()
    if client is None:
        return None
    try:
        nodes = client.nodes.stats(metric="process", filter_path="nodes.*.process.cpu")["nodes"]
    except Exception:
        return None
    return sum(node["process"]["cpu"]["total_in_millis"] for node in nodes.values())


def timed_requests(client, urls, rounds):
    """Wall-clock ms per request, and (our CPU ms, engine CPU ms) per request over the timed rounds."""
    for url in urls:  # warm-up round: templates, site root paths, engine caches
        client.get(url)
    samples = []
    cpu_started, engine_started = time.process_time(), engine_cpu_ms()
    for _ in range(rounds):
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    ours = (time.process_time() - cpu_started) * 1000 / len(samples)
    engine_now = engine_cpu_ms()
    theirs = (
        (engine_now - engine_started) / len(samples) if None not in (engine_now, engine_started) else None
    )
    return samples, (ours, theirs)


def report(label, measured, target=None):
    samples, (ours, theirs) = measured
    p50, p95 = statistics.median(samples), percentile(samples, 0.95)
    goal = f"   (target p95 ≤ {target} ms)" if target else ""
    engine_cpu = f", engine {theirs:.1f}" if theirs is not None else ""
    print(
        f"  {label:<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   max {max(samples):7.1f} ms   n={len(samples)}"
        f"   CPU/request: ours {ours:.1f}{engine_cpu} ms{goal}"
    )
    return p50, p95


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--use-current-db",
        action="store_true",
        help="use the configured database and index prefix as they are; load the corpus only if missing",
    )
    parser.add_argument("--no-rebuild", action="store_true", help="with --use-current-db: keep the index")
    parser.add_argument(
        "--cold-counts",
        action="store_true",
        help="never reuse a request's facet counts and total (search.query.FACET_SECONDS = 0): every "
        "request is counted by the engine, as the first of its kind is",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases
    from django.urls import reverse
    from django.utils.http import urlencode

    from search import engine, index, indexing

    if args.use_current_db:
        # The test settings name the index after the process (TEST_RUN_ID): the current index is the
        # one the environment's prefix names, or every --no-rebuild run would measure the fallback.
        from config.settings import base

        settings.ELASTICSEARCH_INDEX_PREFIX = base.ELASTICSEARCH_INDEX_PREFIX
    else:
        settings.ELASTICSEARCH_INDEX_PREFIX = f"bench_{os.getpid()}"
    if not engine.server_version():
        sys.exit("Elasticsearch does not answer: set ELASTICSEARCH_URL (see README, scripts/services.py).")
    if args.cold_counts:
        from search import query as search_query

        search_query.FACET_SECONDS = 0
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    print(f"CPUs: {os.cpu_count()}; load average at start: {load_average()}")
    old_config = None if args.use_current_db else setup_databases(verbosity=0, interactive=False)
    try:
        print(f"database: {connection.vendor}; elasticsearch: {engine.server_version()}")
        started = time.perf_counter()
        from django.core.management import call_command

        from bench.search_corpus import load_procedures
        from news.models import ArticlePage

        if not ArticlePage.objects.filter(slug__startswith="bai-viet-").exists():
            call_command("load_demo", skip=["search", "procedures", "hotline"], stdout=open(os.devnull, "w"))
            load_procedures(log=lambda m: None)
            add_procedure_variants(args.procedures, print)
            add_articles(args.articles, print)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            print(f"corpus ready in {time.perf_counter() - started:.0f} s")

        if not args.no_rebuild:
            stats = indexing.rebuild()
            docs = engine.admin_client().count(index=index.alias_name())["count"]
            print(
                f"\nfull rebuild: {stats['indexed']} documents ({docs} in the index) in {stats['seconds']:.1f} s "
                f"(database copy + new index + alias swap; target ≤ 120 s)"
            )
        elif not index.indices_of(index.alias_name()):
            sys.exit(f"No index behind {index.alias_name()}: run once without --no-rebuild.")
        else:
            docs = engine.admin_client().count(index=index.alias_name())["count"]
            print(f"\nindex kept: {index.alias_name()} ({docs} documents)")

        queries = []
        for name in ("queries.json", "queries_holdout.json"):
            queries += [q["q"] for q in json.loads((ROOT / "bench" / name).read_text())["queries"]]
        queries += ["cải cách hành chính", "một cửa phường Sao Đỏ", "hướng dẫn thủ tục trực tuyến"]
        client = Client()
        page_urls = [reverse("search") + "?" + urlencode({"q": q}) for q in queries]
        api_urls = [reverse("search_api") + "?" + urlencode({"q": q}) for q in queries]
        prefixes = sorted({q[:n] for q in queries for n in range(2, len(q) + 1, 2)})
        suggest_urls = [reverse("search_autocomplete") + "?" + urlencode({"q": p}) for p in prefixes]

        counted = (
            "every request counted by the engine"
            if args.cold_counts
            else "counts reused after the warm-up round"
        )
        print(f"\nlatency, in-process ({counted}), load average {load_average()}:")
        results = {
            "page": report("search page", timed_requests(client, page_urls, args.rounds), 60),
            "api": report("JSON API", timed_requests(client, api_urls, args.rounds), 45),
            "suggest": report("autocomplete", timed_requests(client, suggest_urls, 1), 30),
        }
        live_url = settings.ELASTICSEARCH_URL
        settings.ELASTICSEARCH_URL = None
        cache.clear()
        report("search page, database only", timed_requests(client, page_urls[:40], 1))
        settings.ELASTICSEARCH_URL = live_url
        print(f"load average at end: {load_average()}")
        return results
    finally:
        if old_config is not None:
            client_ = engine.admin_client()
            client_.indices.delete(
                index=f"{index.alias_name()}_*", ignore_unavailable=True, allow_no_indices=True
            )
            teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
