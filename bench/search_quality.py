"""Search quality on realistic citizen queries: recall@5 and MRR per query kind.

    .venv/bin/python bench/search_quality.py bench/queries.json [--verbose] [--use-current-db] [--engines elasticsearch,fallback]

Runs in a throwaway database (created and dropped, like the test suite; PostgreSQL when
DATABASE_URL points at it, else SQLite) with all 591 real procedures loaded as live pages, and a
throwaway Elasticsearch index. Every query runs through three searches on the same corpus:

  elasticsearch  our search (site/search) on Elasticsearch
  fallback       our database fallback (same folding and synonyms, SQL scoring)
  wagtail-db     Wagtail's own database search backend (ProcedurePage.objects.live().search())

A query is found when one of its expected codes is in the top 5; MRR is the reciprocal rank of the
first expected code within the top 10 (0 when absent).
"""

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

TOP = 10


def setup_django(use_current_db):
    import django

    if not use_current_db:
        os.environ.setdefault("TEST_RUN_ID", f"bench{os.getpid()}")
    django.setup()
    from django.conf import settings

    if use_current_db:
        # The test settings name the index after the process (TEST_RUN_ID); the current index is the
        # one the configured prefix names.
        settings.ELASTICSEARCH_INDEX_PREFIX = configured_index_prefix()
        return None
    from django.test.utils import setup_databases

    settings.ELASTICSEARCH_INDEX_PREFIX = f"bench_{os.getpid()}"
    return setup_databases(verbosity=0, interactive=False)


def configured_index_prefix():
    """The index prefix of the environment (ELASTICSEARCH_INDEX_PREFIX), without the test settings' run id."""
    from config.settings import base

    return base.ELASTICSEARCH_INDEX_PREFIX


def teardown(old_config):
    from django.test.utils import teardown_databases

    from search import engine, index

    if old_config is None:
        return  # --use-current-db: leave the configured database and index alone
    if engine.is_configured():
        client = engine.admin_client()
        client.indices.delete(index=f"{index.alias_name()}_*", ignore_unavailable=True, allow_no_indices=True)
    teardown_databases(old_config, verbosity=0)


def load_corpus(log):
    from django.core.management import call_command

    from bench.search_corpus import load_procedures
    from procedures.models import ProcedurePage
    from search import indexing

    started = time.perf_counter()
    if not ProcedurePage.objects.exists():
        call_command("load_demo", skip=["search"], stdout=open(os.devnull, "w"))
        load_procedures(log=lambda m: None)
    stats = indexing.rebuild()
    index_for_wagtail()
    log(
        f"corpus: {ProcedurePage.objects.live().count()} live procedures, indexed {stats['indexed']} "
        f"in {stats['seconds']:.1f} s (setup {time.perf_counter() - started:.0f} s)"
    )


# The baseline: Wagtail's stock database backend (the site's own backend answers text searches with
# our search, search/admin_backend.py).
STOCK_BACKEND = "wagtail.search.backends.database"


def index_for_wagtail():
    """Fill Wagtail's own search index for the baseline: the test settings turn its automatic
    updates off, so without this the baseline would search an empty index."""
    from wagtail.search.backends import get_search_backend

    from procedures.models import ProcedurePage

    backend = get_search_backend(STOCK_BACKEND)
    pages = list(ProcedurePage.objects.live().select_related("field", "level", "implementing_agency"))
    for start in range(0, len(pages), 200):
        backend.add_bulk(ProcedurePage, pages[start : start + 200])


def ranks_ours(q, engine_name):
    from search import service
    from search.results import SearchParams

    result = service.search(SearchParams(q=q, per_page=TOP), facets=False, engine_name=engine_name)
    return [hit.code for hit in result.hits]


def ranks_wagtail(q):
    from procedures.models import ProcedurePage

    if not q.strip():
        return []
    return [page.code for page in ProcedurePage.objects.live().search(q, backend=STOCK_BACKEND)[:TOP]]


def evaluate(queries, engines, verbose, log):
    scores = {name: defaultdict(lambda: [0, 0.0, 0]) for name in engines}  # kind -> [found, rr, n]
    timings = defaultdict(list)
    for item in queries:
        expected = set(item["expected"])
        line = []
        for name, run in engines.items():
            started = time.perf_counter()
            codes = run(item["q"])
            timings[name].append(time.perf_counter() - started)
            rank = next((i + 1 for i, code in enumerate(codes) if code in expected), None)
            for kind in (item["kind"], "ALL"):
                entry = scores[name][kind]
                entry[0] += 1 if rank and rank <= 5 else 0
                entry[1] += 1 / rank if rank else 0.0
                entry[2] += 1
            line.append(f"{name}={rank or '-'}")
            if verbose and name != "wagtail-db" and (not rank or rank > 1):
                line.append(f"top3={codes[:3]}")
        if verbose:
            log(f"  {item['kind']:<10} {item['q']!r:<40} " + " ".join(line))
    return scores, timings


def report(scores, timings, kinds, log):
    names = list(scores)
    header = f"{'kind':<12}{'n':>4}  " + "".join(f"{n + ' R@5':>20}{n + ' MRR':>20}" for n in names)
    log(header)
    for kind in kinds + ["ALL"]:
        n = scores[names[0]][kind][2]
        cells = "".join(
            f"{scores[name][kind][0] / n:>20.3f}{scores[name][kind][1] / n:>20.3f}" for name in names
        )
        log(f"{kind:<12}{n:>4}  {cells}")
    for name in names:
        ms = sorted(t * 1000 for t in timings[name])
        log(
            f"{name}: median {ms[len(ms) // 2]:.1f} ms per query, max {ms[-1]:.1f} ms (in-process, cold caches included)"
        )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("queries", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true", help="print the rank of every query")
    parser.add_argument(
        "--use-current-db",
        action="store_true",
        help="use the configured database and index as they are (no throwaway copies, no loading)",
    )
    parser.add_argument(
        "--engines",
        default="elasticsearch,fallback,wagtail-db",
        help="comma-separated searches to run (default: all three)",
    )
    args = parser.parse_args()
    wanted = set(args.engines.split(","))
    queries = json.loads(args.queries.read_text(encoding="utf-8"))["queries"]
    kinds = list(dict.fromkeys(q["kind"] for q in queries))
    old_config = setup_django(args.use_current_db)
    try:
        from django.db import connection

        from search import engine

        print(f"database: {connection.vendor}; elasticsearch: {engine.server_version() or 'not available'}")
        if not args.use_current_db:
            load_corpus(print)
        available = {"fallback": lambda q: ranks_ours(q, "database"), "wagtail-db": ranks_wagtail}
        if engine.is_configured() and engine.server_version():
            available["elasticsearch"] = lambda q: ranks_ours(q, "elasticsearch")
        order = ["elasticsearch", "fallback", "wagtail-db"]
        engines = {name: available[name] for name in order if name in wanted and name in available}
        print(
            f"{len(queries)} queries from {args.queries} ({', '.join(kinds)}); Wagtail backend: {STOCK_BACKEND}"
        )
        scores, timings = evaluate(queries, engines, args.verbose, print)
        report(scores, timings, kinds, print)
    finally:
        teardown(old_config)


if __name__ == "__main__":
    main()
