"""Benchmark of the news pages with ~20,000 articles: server time and SQL queries per page.

Usage (PostgreSQL, as in production):
    DATABASE_URL=postgres://postgres@127.0.0.1:54329/tthc .venv/bin/python bench/news_bench.py [--articles 20000]

How it measures: a throw-away database (the test settings' name, dropped at the end) gets the demo
site shell and the news demo, then articles inserted in bulk under the city news index (a quarter of
them with a lead image, three topics each, a four-block body). Each page is requested in-process through
Django's test client (whole middleware stack, URL routing, Wagtail page serving and template rendering;
no network, no page cache: nothing in the stack caches pages; the header's menu and ward lookup
come from the local-memory cache, as in production). Listing pages are requested repeatedly;
article pages are each requested once, a different article every time, after a warm-up on other
articles, so no per-article data is warm. Queries are counted at 2,000 articles and again at the full
size: they must not change.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(BASE_DIR / "site"), str(BASE_DIR)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("TEST_RUN_ID", f"newsbench_{os.getpid()}")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

PARAGRAPH = (
    "Bộ phận một cửa tiếp nhận hồ sơ, hướng dẫn người dân hoàn thiện thành phần hồ sơ và trả kết quả "
    "đúng hẹn; các cơ quan chuyên môn giải quyết theo quy trình nội bộ đã được công bố, số hóa hồ sơ "
    "và kết quả để tái sử dụng, giúp người dân không phải nộp lại giấy tờ đã có trong hệ thống. "
)


def load_site():
    from home import demo as home_demo
    from home.management.commands.load_demo import DemoContext
    from news import demo as news_demo

    class Quiet:
        class stdout:  # noqa: N801
            @staticmethod
            def write(_text):
                pass

    ctx = DemoContext(Quiet())
    with transaction.atomic():
        home_demo.load(ctx)
        news_demo.load(ctx)
    return ctx


def add_articles(index, count, start, images, topics):
    """Insert `count` live articles under `index` in bulk (treebeard paths computed directly)."""
    from wagtail.models import Page

    from core.tree import new_live_children
    from news.models import ArticlePage

    content_type = ContentType.objects.get_for_model(ArticlePage)
    today = timezone.localdate()
    rng = random.Random(start)
    for batch_start in range(0, count, 1000):
        size = min(1000, count - batch_start)
        items = [
            (f"Tin mẫu số {start + i}: kết quả cải cách hành chính tại cơ sở", f"tin-mau-so-{start + i}")
            for i in range(batch_start, batch_start + size)
        ]
        pages = new_live_children(index, items, content_type)
        pages = Page.objects.bulk_create(pages)
        articles = []
        for offset, page in enumerate(pages):
            i = batch_start + offset
            image = images[i % len(images)] if i % 4 == 0 else None
            articles.append(
                ArticlePage(
                    page_ptr_id=page.pk,
                    date=today - datetime.timedelta(days=rng.randint(0, 3650)),
                    lead="Tóm tắt: " + PARAGRAPH[:220],
                    body=[
                        ("paragraph", f"<p>{PARAGRAPH * 2}</p>"),
                        ("quote", {"text": "Lấy sự hài lòng của người dân làm thước đo.", "source": ""}),
                        ("paragraph", f"<p>{PARAGRAPH * 3}</p>"),
                        ("paragraph", f"<p>{PARAGRAPH}</p>"),
                    ],
                    lead_image=image,
                    lead_image_alt="Hình minh họa" if image else "",
                    publishing_unit="Ủy ban nhân dân thành phố Chí Linh",
                    featured=False,
                )
            )
        ArticlePage.objects._insert(articles, fields=ArticlePage._meta.local_concrete_fields)
        through = ArticlePage.topics.through
        through.objects.bulk_create(
            [
                through(articlepage_id=page.pk, topic_id=topic.pk)
                for page in pages
                for topic in rng.sample(topics, 3)
            ]
        )
    Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    index.refresh_from_db()


def count_queries(client, url):
    connection.queries_log.clear()  # the log keeps 9,000 entries; counting needs it short
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def timed(client, url, queries=None):
    """(wall ms, queries, CPU ms) of one request; timed without query logging, which costs time."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    cpu = (time.process_time() - cpu) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, queries, cpu


def percentile(samples, fraction):
    samples = sorted(samples)
    return samples[min(len(samples) - 1, round(fraction * (len(samples) - 1)))]


def summary(label, runs):
    wall, queries, cpu = [r[0] for r in runs], [r[1] for r in runs], [r[2] for r in runs]
    q = f"{min(queries)}" if min(queries) == max(queries) else f"{min(queries)}–{max(queries)}"
    print(
        f"  {label:<40} wall median {statistics.median(wall):6.1f} ms  p95 {percentile(wall, .95):6.1f} ms"
        f"  | CPU median {statistics.median(cpu):5.1f} ms  p95 {percentile(cpu, .95):5.1f} ms"
        f"  | queries {q:>5}  (n={len(runs)})"
    )
    return statistics.median(wall), percentile(wall, 0.95), (min(queries), max(queries)), statistics.median(cpu)


def measure(client, index, listing_runs, article_samples, label):
    from news.models import ArticlePage

    total = ArticlePage.objects.child_of(index).count()
    pages = -(-total // 12)
    print(f"\n{label}: {total} articles under {index.url_path} ({pages} listing pages)")
    results = {}
    listings = [
        ("listing, page 1", "/tin-tuc/"),
        ("listing, page 50", "/tin-tuc/?trang=50"),
        ("listing, last page", f"/tin-tuc/?trang={pages}"),
        ("listing, topic filter, page 1", "/tin-tuc/?chu-de=co-che-mot-cua"),
        ("home page (latest + featured section)", "/"),
        ("baseline: a plain ContentPage (site shell)", "/gioi-thieu/"),
    ]
    for name, url in listings:
        queries = count_queries(client, url)  # also warms the process (templates, site root paths)
        runs = [timed(client, url, queries) for _ in range(listing_runs)]
        results[name] = summary(name, runs)

    ids = list(ArticlePage.objects.child_of(index).values_list("url_path", flat=True))
    rng = random.Random(7)
    chosen = rng.sample(ids, min(len(ids), article_samples + 10))
    root_len = len(index.get_parent().url_path) - 1
    for url_path in chosen[:10]:
        timed(client, url_path[root_len:])  # warm-up on other articles
    # Every article is requested once, so its query count comes from other articles of the same kind.
    with_image = ArticlePage.objects.child_of(index).exclude(lead_image=None).first().url_path[root_len:]
    without = ArticlePage.objects.child_of(index).filter(lead_image=None).first().url_path[root_len:]
    counts = [count_queries(client, with_image), count_queries(client, without)]
    runs = [timed(client, url_path[root_len:], max(counts)) for url_path in chosen[10:]]
    runs[0] = (runs[0][0], min(counts), runs[0][2])
    results["article"] = summary("article page (a different one each time)", runs)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--listing-runs", type=int, default=40)
    parser.add_argument("--article-samples", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (to inspect plans)")
    args = parser.parse_args()

    from news.models import NewsIndexPage, Topic

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    print(f"Database: {connection.vendor}; creating throw-away database …")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        started = time.perf_counter()
        ctx = load_site()
        index = NewsIndexPage.objects.child_of(ctx.home).get()
        from wagtail.images import get_image_model

        images = list(get_image_model().objects.all())
        topics = list(Topic.objects.all())
        client = Client()
        # Renditions are made on first view and then stored: make them now, outside the timings.
        client.get("/tin-tuc/")
        for article in index.get_children()[:8]:
            client.get(article.url)

        first = min(2_000, args.articles)
        add_articles(index, first, 0, images, topics)
        print(f"Setup: demo + {first} articles in {time.perf_counter() - started:.0f} s")
        small = measure(client, index, max(10, args.listing_runs // 4), 60, "Stage 1")

        if args.articles > first:
            started = time.perf_counter()
            add_articles(index, args.articles - first, first, images, topics)
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("ANALYZE")
            print(f"\nAdded {args.articles - first} more articles in {time.perf_counter() - started:.0f} s")
        large = measure(client, index, args.listing_runs, args.article_samples, "Stage 2")

        print("\nQueries per page, stage 1 → stage 2 (must be equal):")
        for name in large:
            print(f"  {name:<44} {small[name][2]} → {large[name][2]}")
        print(
            f"\nTargets (median, uncached): article ≤ 30 ms → wall {large['article'][0]:.1f} ms, "
            f"CPU {large['article'][3]:.1f} ms; listing ≤ 50 ms → wall {large['listing, page 1'][0]:.1f} ms, "
            f"CPU {large['listing, page 1'][3]:.1f} ms"
        )
        print(f"Machine load average while measuring: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} CPUs)")
    finally:
        if args.keep:
            print(f"Kept database {connection.settings_dict['NAME']}")
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
