"""Benchmark: concurrent citizens submitting the feedback form to a real server on 127.0.0.1.

Starts `manage.py runserver --noreload` (threaded) on a free loopback port with a throw-away database
(SQLite in a temp folder, or a temporary PostgreSQL database with --database-url), lets N client threads
each fetch the form once for its CSRF token and then POST submissions (some with a PDF or PNG
attachment), and times every POST until the server's redirect. Afterwards it reads the database and the
private attachment folder and checks that every accepted submission is stored exactly once, with its
files. The rate limit is raised for the run through a settings overlay; nothing else is changed.

    .venv/bin/python bench/feedback_bench.py                      # 500 submissions, 20 clients, SQLite
    .venv/bin/python bench/feedback_bench.py --database-url postgres://postgres@127.0.0.1:54329/tthc
"""

import argparse
import concurrent.futures
import http.client
import io
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable

SETTINGS = """
from config.settings.dev import *  # noqa: F403
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
FEEDBACK_RATE_LIMIT = "1000000/hour"
FEEDBACK_PRIVATE_ROOT = {private!r}
# runserver starts a thread per request: persistent connections would pile up on the server.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
{extra}
LOGGING = {{
    "version": 1, "disable_existing_loggers": False,
    "handlers": {{"console": {{"class": "logging.StreamHandler"}}}},
    "loggers": {{"django.request": {{"handlers": ["console"], "level": "ERROR", "propagate": False}}}},
}}
"""

CHECK = r"""
import json, sys
from pathlib import Path
from hotline.models import FeedbackAttachment, FeedbackSubmission
from hotline.storage import private_root
rows = list(FeedbackSubmission.objects.values_list("tracking_code", "content"))
markers = {}
for code, content in rows:
    for word in content.split():
        if word.startswith("BENCH-"):
            markers[word] = markers.get(word, 0) + 1
files_on_disk = sum(1 for p in private_root().rglob("*") if p.is_file())
missing = sum(1 for a in FeedbackAttachment.objects.all() if not a.file.storage.exists(a.file.name))
json.dump({"rows": len(rows), "codes": len({c for c, _ in rows}), "markers": markers,
           "attachments": FeedbackAttachment.objects.count(), "files_on_disk": files_on_disk,
           "missing_files": missing, "vendor": __import__("django.db").db.connection.vendor}, sys.stdout)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tiny_pdf():
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n"
    return body + b"xref\n0 1\ntrailer<</Root 1 0 R>>\nstartxref\n" + str(len(body)).encode() + b"\n%%EOF\n"


def tiny_png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode() + b"\r\n")
    for name, (filename, content, ctype) in files.items():
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


class Client:
    """One citizen's browser: a CSRF cookie and token, fresh connections, no redirects followed."""

    def __init__(self, port, timeout):
        self.port = port
        self.timeout = timeout
        self.cookies = {}
        self.token = None

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, data

    def prepare(self):
        status, data = self.request("GET", "/phan-anh-kien-nghi/")
        if status != 200:
            raise RuntimeError(f"form page answered {status}")
        self.token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data).group(1).decode()
        self.topic = re.search(rb'<option value="(\d+)">', data).group(1).decode()


def submit(client, number, pdf, png):
    fields = {
        "csrfmiddlewaretoken": client.token,
        "name": f"Người dùng thử {number}",
        "phone": f"09{number:08d}",
        "email": f"bench{number}@example.invalid" if number % 3 == 0 else "",
        "address": "Địa chỉ thử nghiệm hiệu năng",
        "topic": client.topic,
        "content": f"Phản ánh thử nghiệm hiệu năng số {number} BENCH-{number} về thời hạn giải quyết hồ sơ.",
        "consent": "on",
        "website": "",
    }
    files = {}
    if number % 5 == 0:
        files["attachment_1"] = (f"bien-nhan-{number}.pdf", pdf, "application/pdf")
    if number % 7 == 0:
        files["attachment_2"] = (f"anh-{number}.png", png, "image/png")
    body, ctype = multipart(fields, files)
    started = time.perf_counter()
    status, _ = client.request("POST", "/phan-anh-kien-nghi/", body, {"Content-Type": ctype})
    return number, status, time.perf_counter() - started, len(files)


def percentile(values, pct):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a temporary database on")
    parser.add_argument(
        "--sqlite-wal", action="store_true",
        help="SQLite in WAL mode with BEGIN IMMEDIATE transactions (what a busy embedded site should use)",
    )
    parser.add_argument("--timeout", type=float, default=900, help="overall limit in seconds for the load phase")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="feedback-bench-"))
    extra = ""
    if args.sqlite_wal and not args.database_url:
        extra = (
            'DATABASES["default"]["OPTIONS"].update({"init_command": "PRAGMA journal_mode=WAL;", '
            '"transaction_mode": "IMMEDIATE"})  # noqa: F405'
        )
    (work / "bench_settings.py").write_text(
        SETTINGS.format(private=str(work / "private"), extra=extra), encoding="utf-8"
    )
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench_settings",
        PYTHONPATH=os.pathsep.join([str(work), str(ROOT / "site"), str(ROOT)]),
        VAR_DIR=str(work),
        ELASTICSEARCH_URL="",
        TASKS_BACKEND="immediate",
    )
    env.pop("REDIS_URL", None)
    pg_admin = None
    if args.database_url:
        parts = urlsplit(args.database_url)
        db_name = f"tthc_bench_{os.getpid()}"
        pg_admin = args.database_url
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{db_name}"))
        subprocess.run([PYTHON, "-c", (
            "import psycopg,sys; c=psycopg.connect(sys.argv[1], autocommit=True); "
            f"c.execute('CREATE DATABASE {db_name}')"), pg_admin], check=True)
    else:
        env["DATABASE_URL"] = ""
    server = None
    try:
        t0 = time.perf_counter()
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        migrate_seconds = time.perf_counter() - t0
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(work / "server.log", "wb"),
            start_new_session=True,
        )
        deadline = time.time() + 120
        while True:
            try:
                if Client(port, 5).request("GET", "/phan-anh-kien-nghi/")[0] == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                raise RuntimeError("server did not start: see " + str(work / "server.log"))
            time.sleep(0.5)

        pdf, png = tiny_pdf(), tiny_png()
        clients = [Client(port, 60) for _ in range(args.clients)]
        for client in clients:
            client.prepare()
        numbers = list(range(1, args.submissions + 1))
        lock = threading.Lock()
        results = []

        def worker(index):
            client = clients[index]
            mine = numbers[index :: args.clients]
            for number in mine:
                try:
                    outcome = submit(client, number, pdf, png)
                except OSError as exc:
                    outcome = (number, f"error {type(exc).__name__}", None, 0)
                with lock:
                    results.append(outcome)

        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
            futures = [pool.submit(worker, i) for i in range(args.clients)]
            concurrent.futures.wait(futures, timeout=args.timeout)
        wall = time.perf_counter() - started

        check = subprocess.run(
            [PYTHON, "manage.py", "shell", "--no-imports", "-c", CHECK], cwd=ROOT, env=env, check=True, capture_output=True,
            text=True,
        )
        stored = json.loads(check.stdout.strip().splitlines()[-1])
        errors = re.findall(r"^\S*(?:Error|Exception)\b.*$", (work / "server.log").read_text(errors="replace"), re.M)
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        if pg_admin:
            subprocess.run([PYTHON, "-c", (
                "import psycopg,sys; c=psycopg.connect(sys.argv[1], autocommit=True); "
                f"c.execute('DROP DATABASE IF EXISTS {db_name} WITH (FORCE)')"), pg_admin])
        shutil.rmtree(work, ignore_errors=True)

    accepted = [r for r in results if r[1] == 302]
    refused = [r for r in results if r[1] != 302]
    times = [r[2] for r in accepted]
    markers = stored["markers"]
    lost = [n for n, *_ in accepted if markers.get(f"BENCH-{n}", 0) == 0]
    duplicated = [m for m, count in markers.items() if count > 1]
    unexpected = [m for m in markers if int(m.split("-")[1]) not in {n for n, *_ in accepted}]
    expected_files = sum(r[3] for r in accepted)

    print("Feedback submission benchmark")
    mode = " (WAL, BEGIN IMMEDIATE)" if extra else ""
    print(f"  server: manage.py runserver --noreload (threaded) on 127.0.0.1, database {stored['vendor']}{mode}, "
          f"migrate took {migrate_seconds:.1f} s")
    print(f"  load: {args.submissions} submissions from {args.clients} concurrent clients (one thread each, "
          "one CSRF token per client, new connection per request); every 5th with a PDF, every 7th with a PNG")
    print("  timed: each POST from request to the server's 302 redirect (validation, file checks, storing, session)")
    print(f"  accepted {len(accepted)}, refused or failed {len(refused)} "
          f"{sorted({str(r[1]) for r in refused}) if refused else ''}")
    if times:
        print(f"  POST time: p50 {statistics.median(times) * 1000:.0f} ms, p95 {percentile(times, 95) * 1000:.0f} ms, "
              f"p99 {percentile(times, 99) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    print(f"  wall time {wall:.1f} s, throughput {len(accepted) / wall:.1f} submissions/s")
    print(f"  stored rows {stored['rows']}, distinct tracking codes {stored['codes']}, "
          f"lost {len(lost)}, duplicated {len(duplicated)}, unexpected {len(unexpected)}")
    print(f"  attachments: expected {expected_files}, rows {stored['attachments']}, files on disk "
          f"{stored['files_on_disk']}, rows without file {stored['missing_files']}")
    if errors:
        print(f"  server errors ({len(errors)}), most frequent: {max(set(errors), key=errors.count)[:200]}")
    ok = (len(accepted) == args.submissions and not lost and not duplicated and not unexpected and stored["rows"] == len(accepted)
          and stored["codes"] == stored["rows"] and stored["attachments"] == expected_files
          == stored["files_on_disk"] and not stored["missing_files"] and len(results) == args.submissions)
    print("  result: " + ("OK – every submission accepted and stored once" if ok else "PROBLEM – see figures above"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
