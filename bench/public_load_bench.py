"""The heaviest public page under eight parallel anonymous requests, and what it does to the home page.

    .venv/bin/python bench/public_load_bench.py [--database postgres|sqlite] [--seconds 20] [--workers 4]
        [--base-url http://127.0.0.1:8080]

Method: a fresh database (PostgreSQL `tthc_bench_load_<pid>` on the server of DATABASE_URL, dropped
afterwards, or a temporary SQLite file) gets the whole demo (`load_demo`). Every public URL pattern and
page type (found as the hostile-input fuzz finds them, tests/fuzzing.py) is timed in-process, three
times each, anonymous, DEBUG off; the slowest is "the heaviest public page". The desk's whole notice
board (all its sheets), which anyone could ask for before it moved behind the admin sign-in, is timed
too, as signed-in staff. Then the site runs under gunicorn (sync workers, as in production) on
loopback: the home page is requested one request at a time for a few seconds (unloaded latency), then
again while eight client processes request the heaviest anonymous page in a loop (loaded latency); the
same with eight on the whole board as staff (the case before the move). Reported: median and p95 of
each, the ratio loaded/unloaded (target: the home page within 2×), requests per second of the heavy
page, and the load average of the machine before and after (the figures are only comparable at a
similar load). With --base-url the two loaded runs go to a site already running there (the production
stack of scripts/serve, with its HTTP cache in front) instead of a bare gunicorn: the heaviest page is
still chosen in-process, and the board run is left out (its desk id belongs to this database); instead the
heavy page is also requested with a new query string each time, which the cache cannot answer.
"""

import argparse
import logging
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
TIMEOUT = 60.0  # a request slower than this counts as failed (gunicorn's own timeout is the same)
# Public pages whose cost depends on their parameters, timed with the walked ones.
WITH_PARAMETERS = ["/tim-kiem/?q=dang+ky+khai+sinh", "/api/thu-tuc/?q=giay+phep&so-muc=100",
                   "/thu-tuc-hanh-chinh/?tinh-trang=tat-ca&sap-xep=cap-nhat"]  # fmt: skip


def loadavg():
    return Path("/proc/loadavg").read_text().split()[:3]


def setup(database):
    sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ["ELASTICSEARCH_URL"] = ""
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    var_dir = tempfile.mkdtemp(prefix="bench-load-var-")
    os.environ["VAR_DIR"] = var_dir
    if database == "postgres":
        from bench.throwaway_db import create_postgres

        drop = create_postgres("tthc_bench_load")
    else:
        path = tempfile.mktemp(prefix="bench-load-", suffix=".sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"

        def drop():
            Path(path).unlink(missing_ok=True)

    import django

    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the walk meets many 404s
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    call_command("load_demo", stdout=open(os.devnull, "w"))
    print(f"demo loaded in {time.perf_counter() - began:.0f} s")

    def cleanup():
        try:
            from django.db import connections

            connections.close_all()
            drop()
        finally:
            shutil.rmtree(var_dir, ignore_errors=True)

    return cleanup


def staff_session():
    """A session cookie of a superuser past both factors (as tests/signin.py), and the biggest desk."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from procedures.desk.models import Desk
    from tests.signin import login_with_second_factor

    user = get_user_model().objects.create_superuser("bench.staff", "b@example.invalid", "Bench-mat-khau-2026")
    client = login_with_second_factor(Client(), user)
    desk = max(Desk.objects.all(), key=lambda d: d.procedures().count())
    return client.cookies["sessionid"].value, desk


def time_in_process(client, path, rounds=3, **extra):
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        response = client.get(path, **extra)
        times.append(time.perf_counter() - began)
    return statistics.median(times), response.status_code, len(response.content)


def heaviest_public_pages():
    from django.test import Client

    from tests import fuzzing

    client = Client()
    skipped = []
    targets = fuzzing.url_targets(client, skipped) + fuzzing.page_targets()[0]
    targets += [fuzzing.Target(path.split("?")[0] + " (+query)", path) for path in WITH_PARAMETERS]
    rows = []
    for target in targets:
        seconds, status, size = time_in_process(client, target.path)
        rows.append((seconds, status, size, target))
    rows.sort(key=lambda row: -row[0])
    print("\nPublic pages, anonymous, in-process, median of 3 (slowest first):")
    for seconds, status, size, target in rows[:12]:
        print(f"  {seconds * 1000:8.1f} ms  {status}  {size / 1024:8.0f} KiB  {target.label:40} {target.path[:70]}")
    heaviest = next(row for row in rows if row[1] == 200)
    return heaviest[3].path


class Running:
    """A site already served at `base` (scripts/serve)."""

    def __init__(self, base):
        self.base = base.rstrip("/")

    def url(self, path):
        return self.base + path

    def stop(self):
        pass


class Server:
    def __init__(self, workers):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [
            str(BASE_DIR / ".venv" / "bin" / "gunicorn"), "config.wsgi:application", "--workers", str(workers),
            "--bind", f"127.0.0.1:{self.port}", "--pythonpath", f"{BASE_DIR / 'site'},{BASE_DIR}",
            "--timeout", str(int(TIMEOUT)), "--log-level", "critical",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=BASE_DIR, env=os.environ.copy())
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url("/suc-khoe/"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start (is it installed? pip install gunicorn)")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.process.terminate()
        self.process.wait(30)


def fetch(url, cookie=None):
    """Seconds taken, or None when the request failed or took longer than TIMEOUT."""
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {})
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read()
    except OSError:
        return None
    return time.perf_counter() - began


def home_latency(server, seconds):
    times, end = [], time.perf_counter() + seconds
    while time.perf_counter() < end or (len(times) < 10 and time.perf_counter() < end + 3 * seconds):
        times.append(fetch(server.url("/")))
    return times


def _hammer(url, cookie, stop, results, bust):
    times, sep = [], "&" if "?" in url else "?"
    while not stop.is_set():
        # With bust, every request is a new address, as a visitor would send to get past the cache.
        times.append(fetch(f"{url}{sep}v={os.getpid()}-{len(times)}" if bust else url, cookie))
    results.put(times)


def under_load(server, path, seconds, cookie=None, threads=8, bust=False):
    """The home page timed while `threads` clients request `path` in a loop. Each client is its own
    process: as threads of this one they held the GIL the home page's client needed, which added
    milliseconds to every home request served from the cache."""
    context = multiprocessing.get_context("fork")
    stop, results = context.Event(), context.Queue()
    workers = [
        context.Process(target=_hammer, args=(server.url(path), cookie, stop, results, bust), daemon=True)
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    time.sleep(1.0)  # every worker busy before the home page is measured
    began = time.perf_counter()
    home = home_latency(server, seconds)
    elapsed = time.perf_counter() - began
    stop.set()
    heavy = []
    for _ in workers:
        heavy += results.get(timeout=TIMEOUT + 5)
    for worker in workers:
        worker.join(5)
    return home, heavy, elapsed


def summary(times):
    """(median, p95) in seconds, a failed request counting as TIMEOUT; and the number failed."""
    ordered = sorted(TIMEOUT if t is None else t for t in times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return statistics.median(ordered), p95, sum(1 for t in times if t is None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--base-url", help="measure a site already running there instead of a bare gunicorn")
    args = parser.parse_args()
    print(f"load average before: {' '.join(loadavg())}  ({os.cpu_count()} CPUs)")
    cleanup = setup(args.database)
    server = None
    try:
        cookie, desk = staff_session()
        heaviest = heaviest_public_pages()
        board = f"/quan-tri/kiem-tra-thu-tuc/niem-yet/{desk.pk}/in/"
        from django.test import Client

        staff = Client()
        staff.cookies["sessionid"] = cookie
        seconds, status, size = time_in_process(staff, board)
        print(f"\nWhole board of «{desk.name}» ({desk.procedures().count()} sheets), staff: "
              f"{seconds * 1000:.0f} ms, {status}, {size / 1024 / 1024:.1f} MiB; anonymous now gets "
              f"{Client().get(f'/thu-tuc/niem-yet/bo-phan/{desk.pk}/').status_code} (to the sign-in)")  # fmt: skip

        server = Running(args.base_url) if args.base_url else Server(args.workers)
        fetch(server.url("/"))
        fetch(server.url(heaviest))
        base = summary(home_latency(server, args.seconds / 2))
        print(f"\n{args.base_url or f'gunicorn, {args.workers} sync workers'}, {args.database}.")
        print(f"Home page unloaded: median {base[0] * 1000:.1f} ms, p95 {base[1] * 1000:.1f} ms")
        runs = [(f"heaviest anonymous page {heaviest}", heaviest, None, False)]
        if args.base_url:  # the cache answers the heavy page: also a new address each time, past it
            runs.append((f"heaviest anonymous page {heaviest}, a new query string each time", heaviest, None, True))
        else:
            runs.append(("whole board as staff (anonymous before the move)", board, cookie, False))
        for label, path, session, bust in runs:
            home, heavy, elapsed = under_load(server, path, args.seconds, session, bust=bust)
            loaded = summary(home)
            heavy_median, heavy_p95, heavy_failed = summary(heavy)
            print(
                f"8 parallel requests on the {label}:\n"
                f"  home page median {loaded[0] * 1000:.1f} ms ({loaded[0] / base[0]:.2f}× unloaded), "
                f"p95 {loaded[1] * 1000:.1f} ms ({loaded[1] / base[1]:.2f}×), {loaded[2]} of {len(home)} "
                f"failed or over {TIMEOUT:.0f} s; heavy page median {heavy_median * 1000:.0f} ms, "
                f"p95 {heavy_p95 * 1000:.0f} ms, {len(heavy) / (elapsed + 1):.1f} req/s, {heavy_failed} failed"
            )
    finally:
        if server:
            server.stop()
        cleanup()
    print(f"load average after: {' '.join(loadavg())}")


if __name__ == "__main__":
    main()
