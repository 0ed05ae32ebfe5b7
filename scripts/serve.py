#!/usr/bin/env python3
"""The production stack on one machine, started and supervised by one command (scripts/serve).

    scripts/serve [--demo]          migrate, collect static files, start Redis, gunicorn, the task workers,
                                    the periodic jobs and Varnish in front; Ctrl+C / SIGTERM stops all
    scripts/serve --check           start it, check the home page through the cache, stop
    scripts/serve manage <command>  a management command with the stack's configuration

Standard library only (it runs under the project's virtualenv but imports no Django itself). Ports,
folders and sizes come from SERVE_* variables (docs/deployment.md); everything Django reads comes from
the usual variables, with production defaults filled in here (settings, secret key, SITE_URL, Redis,
the database task backend, one trusted proxy).
"""

import argparse
import http.client
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
IS_ROOT = os.geteuid() == 0


def say(message):
    print(f"[serve] {message}", flush=True)


class Failure(Exception):
    """The stack cannot start or a check failed; the message says why."""


# --- configuration ---------------------------------------------------------------------------------


class Config:
    def __init__(self, environ=os.environ):
        get = environ.get
        self.var_dir = Path(get("VAR_DIR") or ROOT / "var").resolve()
        self.state = Path(get("SERVE_STATE_DIR") or self.var_dir / "serve").resolve()
        self.bind = get("SERVE_BIND", "127.0.0.1")
        self.port = int(get("SERVE_PORT", "6180"))
        self.app_port = int(get("SERVE_APP_PORT", "6181"))
        self.redis_port = int(get("SERVE_REDIS_PORT", "6179"))
        self.admin_port = int(get("SERVE_VARNISH_ADMIN_PORT", "6182"))
        self.cache_size = get("SERVE_CACHE_SIZE", "256m")
        self.grace = get("SERVE_GRACE", "24h")
        self.probe_path = get("SERVE_PROBE_PATH", "/suc-khoe/")
        self.purgers = [a.strip() for a in get("SERVE_PURGE_FROM", "").split(",") if a.strip()]
        self.workers = int(get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1) + 1)
        self.public_host = "127.0.0.1" if self.bind in ("0.0.0.0", "::") else self.bind
        self.environ = environ

    def django_env(self):
        """The environment of every Django process of the stack."""
        env = {k: v for k, v in self.environ.items() if v.strip()}  # an empty variable counts as unset
        env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
        env["VAR_DIR"] = str(self.var_dir)
        env.setdefault("SECRET_KEY", self._secret_key())
        env.setdefault("SITE_URL", f"http://{self.public_host}:{self.port}")
        env.setdefault("REDIS_URL", f"redis://127.0.0.1:{self.redis_port}/0")
        env.setdefault("TASKS_BACKEND", "database")
        env.setdefault("TRUSTED_PROXY_COUNT", "1")  # Varnish appends the client to X-Forwarded-For
        env.setdefault("FRONTEND_CACHE_URLS", f"http://127.0.0.1:{self.port}")
        env.setdefault("SERVE_MEDIA", "true")
        env["WEB_CONCURRENCY"] = str(self.workers)
        env["PYTHONUNBUFFERED"] = "1"
        return env

    @property
    def own_redis(self):
        return not self.environ.get("REDIS_URL")

    def _secret_key(self):
        path = self.var_dir / "secret-key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(50) + "\n")
            path.chmod(0o600)
        return path.read_text().strip()


def manage(config, *args, check=True, capture=False):
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=config.django_env(), text=True,
        capture_output=capture,
    )
    if check and result.returncode != 0:
        detail = (result.stderr or "").strip().splitlines()[-1:] if capture else []
        raise Failure(f"manage.py {' '.join(args)} failed (exit {result.returncode}) {' '.join(detail)}")
    return result


INSPECT = (
    "from config.bootstrap import prepare; prepare(); import django; django.setup(); "
    "from django.conf import settings as s; import json; "
    "print(json.dumps({'queues': s.TASK_QUEUES, 'session_cookie': s.SESSION_COOKIE_NAME, "
    "'csrf_cookie': s.CSRF_COOKIE_NAME, 'site_url': s.SITE_URL, 'allowed_hosts': s.ALLOWED_HOSTS}))"
)


def inspect_settings(config):
    env = config.django_env()
    env["PYTHONPATH"] = f"{ROOT / 'site'}:{ROOT}"
    result = subprocess.run([PY, "-c", INSPECT], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure((result.stderr.strip().splitlines() or ["settings could not be read"])[-1])
    return json.loads(result.stdout.strip().splitlines()[-1])


def render_vcl(config, settings):
    """deploy/varnish/portal.vcl with this machine's values in its {{NAME}} places; the error page inlined."""
    vcl = (ROOT / "deploy/varnish/portal.vcl").read_text(encoding="utf-8")
    page = (ROOT / "deploy/varnish/unavailable.html").read_text(encoding="utf-8")
    if '"}' in page:
        raise Failure('deploy/varnish/unavailable.html must not contain "} (it ends a VCL string)')
    probe_host = next((h for h in settings["allowed_hosts"] if h not in ("*", "") and not h.startswith(".")),
                      "127.0.0.1")
    values = {
        "APP_HOST": "127.0.0.1", "APP_PORT": config.app_port, "PROBE_PATH": config.probe_path,
        "PROBE_HOST": probe_host, "PURGE_ACL": "".join(f'"{a}";\n    ' for a in config.purgers),
        "GRACE": config.grace, "SESSION_COOKIE": settings["session_cookie"],
        "CSRF_COOKIE": settings["csrf_cookie"], "UNAVAILABLE_HTML": page,
    }
    for name, value in values.items():
        vcl = vcl.replace("{{" + name + "}}", str(value))
    left = re.findall(r"\{\{[A-Z_]+\}\}", vcl)
    if left:
        raise Failure(f"deploy/varnish/portal.vcl has places this script does not fill: {', '.join(left)}")
    return vcl


# --- processes ------------------------------------------------------------------------------------------


class Child:
    """One supervised process; its output goes to the terminal with a prefix and to a log file."""

    def __init__(self, name, args, *, env=None, user=None, quiet=False, stop_signal=signal.SIGTERM):
        self.name, self.args, self.env, self.user = name, args, env, user
        self.quiet, self.stop_signal = quiet, stop_signal
        self.process = None
        self.starts = []

    def start(self, log_dir):
        self.log_dir = log_dir
        kwargs = {}
        if self.user and IS_ROOT:
            entry = pwd.getpwnam(self.user)
            kwargs.update(user=entry.pw_uid, group=entry.pw_gid, extra_groups=[])
        self.process = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            start_new_session=True, **kwargs,  # Ctrl+C reaches the supervisor only: it stops in order
        )
        self.starts.append(time.monotonic())
        log = open(log_dir / f"{self.name}.log", "a", encoding="utf-8", errors="replace")
        threading.Thread(target=self._pump, args=(self.process, log), daemon=True).start()

    def _pump(self, process, log):
        for raw in iter(process.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip()
            log.write(line + "\n")
            log.flush()
            if not self.quiet:
                print(f"[{self.name}] {line}", flush=True)
        log.close()

    def running(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines=5):
        time.sleep(0.2)  # let the reader thread write what the process said last
        path = self.log_dir / f"{self.name}.log"
        text = path.read_text(errors="replace").splitlines()[-lines:] if path.exists() else []
        return " | ".join(text) or f"nothing in {path}"

    def stop(self, timeout=30, signalled=False):
        if not self.running():
            return
        if not signalled:  # a second SIGTERM makes a task worker abandon its task
            self.process.send_signal(self.stop_signal)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def wait_http(port, path, *, host="127.0.0.1", timeout=60.0, child=None):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if child is not None and not child.running():
            raise Failure(f"{child.name} stopped while starting: {child.log_tail()}")
        try:
            status, _headers, _body = fetch(port, path, host=host)
            if status < 500:
                return status
            last = status
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    tail = f": {child.log_tail()}" if child is not None else ""
    raise Failure(f"nothing answers on 127.0.0.1:{port}{path} ({last}){tail}")


def fetch(port, path, *, host="127.0.0.1", method="GET", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


class Stack:
    def __init__(self, config):
        self.config = config
        self.children = []
        self.stopping = False
        self.log_dir = config.state / "logs"
        self.paused_file = config.state / "app.paused"

    def prepare(self, demo):
        config = self.config
        config.state.mkdir(parents=True, exist_ok=True)
        config.state.chmod(0o755)  # Varnish's own user reads its working folder below
        self.log_dir.mkdir(exist_ok=True)
        self.paused_file.unlink(missing_ok=True)
        settings = inspect_settings(config)
        if config.own_redis:  # first: migrations and every command below already use the cache
            redis_dir = config.state / "redis"
            redis_dir.mkdir(exist_ok=True)
            if IS_ROOT:
                shutil.chown(redis_dir, "redis", "redis")
            self.add(Child("redis", [
                "redis-server", "--port", str(config.redis_port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(redis_dir), "--protected-mode", "yes",
            ], user="redis" if IS_ROOT else None, quiet=True))
            try:
                wait_redis(config.redis_port)
            except Failure as exc:
                raise Failure(f"{exc}: {self.children[-1].log_tail()}") from None
        step = time.monotonic()
        manage(config, "migrate", "--noinput", "-v", "0")
        say(f"Database migrated ({time.monotonic() - step:.1f} s)")
        step = time.monotonic()
        manage(config, "collectstatic", "--noinput", "-v", "0")
        say(f"Static files collected, compressed, with hashed names ({time.monotonic() - step:.1f} s)")
        if demo:
            say("Loading demo content (idempotent)")
            manage(config, "load_demo")
        if settings["site_url"]:
            manage(config, "set_site_url", check=False)
        return settings

    def start(self, settings):
        config, env = self.config, self.config.django_env()
        self.app = self.add(Child("app", [
            PY, "-m", "gunicorn", "config.wsgi:application", "--pythonpath", f"{ROOT / 'site'},{ROOT}",
            "--bind", f"127.0.0.1:{config.app_port}", "--workers", str(config.workers),
            "--timeout", "30", "--graceful-timeout", "20", "--max-requests", "5000",
            "--max-requests-jitter", "500", "--forwarded-allow-ips", "127.0.0.1", "--no-control-socket",
            "--pid", str(config.state / "gunicorn.pid"), "--log-level", "warning",
        ], env=env, stop_signal=signal.SIGINT))  # quick: Varnish, stopped first, sends nothing more
        for queue in settings["queues"]:
            self.add(Child(f"tasks-{queue}", [PY, "manage.py", "db_worker", "--queue-name", queue],
                           env=env, quiet=True))
        self.add(Child("periodic", [PY, "manage.py", "run_periodic"], env=env, quiet=True))
        wait_http(config.app_port, config.probe_path, child=self.app, timeout=300)
        work = config.state / "varnish"
        vcl = config.state / "portal.vcl"
        vcl.write_text(render_vcl(config, settings), encoding="utf-8")
        vcl.chmod(0o644)
        self.varnish = self.add(Child("varnish", [
            "varnishd", "-F", "-n", str(work), "-a", f"{config.bind}:{config.port}",
            "-T", f"127.0.0.1:{config.admin_port}", "-f", str(vcl), "-s", f"malloc,{config.cache_size}",
        ]))
        wait_http(config.port, config.probe_path, child=self.varnish)

    def add(self, child):
        child.start(self.log_dir)
        self.children.append(child)
        return child

    def supervise(self, until=None):
        """Restart what stops (not the application while app.paused exists); give up on a crash loop."""
        while not self.stopping and (until is None or not until()):
            for child in self.children:
                if child.running() or self.stopping:
                    continue
                if child is self.app and self.paused_file.exists():
                    continue
                recent = [t for t in child.starts if time.monotonic() - t < 60]
                if len(recent) >= 5:
                    raise Failure(f"{child.name} keeps stopping (5 times in a minute; see {child.name}.log)")
                say(f"{child.name} stopped (exit {child.process.returncode}); starting it again")
                child.start(self.log_dir)
            time.sleep(0.5)

    def stop(self):
        """The front first, so nothing new reaches the application; then the rest; the cache last."""
        self.stopping = True
        first = [c for c in self.children if c.name == "varnish"]
        last = [c for c in self.children if c.name == "redis"]
        middle = [c for c in self.children if c not in first and c not in last]
        for group in (first, middle, last):
            for child in group:
                if child.running():
                    child.process.send_signal(child.stop_signal)
            for child in group:
                started = time.monotonic()
                child.stop(signalled=True)
                if time.monotonic() - started > 3:
                    say(f"{child.name} took {time.monotonic() - started:.1f} s to stop")


def wait_redis(port, timeout=20.0):
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise Failure(f"Redis does not answer on 127.0.0.1:{port}")


# --- the check ------------------------------------------------------------------------------------------


def check(stack, settings):
    """The home page through the cache (a miss, then a hit), a static file, the health view."""
    config = stack.config
    host = f"{config.public_host}:{config.port}"
    first = fetch(config.port, "/", host=host)
    second = fetch(config.port, "/", host=host)
    if first[0] != 200 or second[0] != 200:
        raise Failure(f"home page through Varnish answered {first[0]} then {second[0]}")
    if second[1].get("x-cache") != "HIT":
        raise Failure(f"home page not served from the cache (X-Cache: {second[1].get('x-cache')}, "
                      f"Cache-Control: {first[1].get('cache-control')})")
    manifest = json.loads((config.var_dir / "static" / "staticfiles.json").read_text())
    css = next(v for k, v in manifest["paths"].items() if k.endswith(".css"))
    status, headers, _ = fetch(config.port, f"/static/{css}", host=host, headers={"Accept-Encoding": "gzip"})
    if status != 200 or "immutable" not in headers.get("cache-control", ""):
        raise Failure(f"static file /static/{css}: {status} {headers.get('cache-control')}")
    status, headers, body = fetch(config.port, config.probe_path, host=host)
    if status != 200:
        raise Failure(f"{config.probe_path} answered {status}: {body[:200]!r}")
    say(f"Check passed: home page {len(second[2])} bytes served from the cache, static files and "
        f"{config.probe_path} answer through Varnish")


# --- the stack in the background (tests, benchmarks) ------------------------------------------------------


def free_ports(count):
    """Ports nothing listens on now, for a stack beside others on the same machine."""
    import socket

    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


class Background:
    """This script in a child process on free ports: `start()` returns once it is ready, `stop()` stops it,
    `manage()` runs a management command with its configuration."""

    def __init__(self, state, var_dir, *, args=(), **env):
        port, app_port, redis_port, admin_port = free_ports(4)
        self.port, self.app_port, self.redis_port = port, app_port, redis_port
        self.url = f"http://127.0.0.1:{port}"
        self.state = Path(state)
        cleared = {"DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SITE_URL",
                   "FRONTEND_CACHE_URLS", "TEST_RUN_ID", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        self.env = {k: v for k, v in os.environ.items() if k not in cleared and not k.startswith("SERVE_")}
        self.env.update(
            VAR_DIR=str(var_dir), SERVE_STATE_DIR=str(self.state), SERVE_PORT=str(port),
            SERVE_APP_PORT=str(app_port), SERVE_REDIS_PORT=str(redis_port),
            SERVE_VARNISH_ADMIN_PORT=str(admin_port),
        )
        self.env.update({k: str(v) for k, v in env.items()})
        self.args = list(args)
        self.process = None
        self.output = []

    def start(self, timeout=900):
        self.process = subprocess.Popen(
            [PY, str(ROOT / "scripts/serve.py"), *self.args], cwd=ROOT, env=self.env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        ready = threading.Event()

        def read():
            for line in self.process.stdout:
                self.output.append(line.rstrip())
                if "Ready in" in line:
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not ready.wait(1):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise Failure("the stack did not start:\n" + "\n".join(self.output[-40:]))
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(120)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def manage(self, *args):
        return subprocess.run(
            [PY, str(ROOT / "scripts/serve.py"), "manage", *args], cwd=ROOT, env=self.env,
            capture_output=True, text=True, timeout=1800,
        )


# --- entry point -----------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="start, check through the cache, stop")
    parser.add_argument("--demo", action="store_true", help="load the demo content before starting")
    parser.add_argument("manage", nargs=argparse.REMAINDER, help="manage <command> [args]: run it with the stack's configuration")
    options = parser.parse_args(argv)
    config = Config()
    if options.manage:
        if options.manage[0] != "manage":
            parser.error(f"unknown command {options.manage[0]!r} (only: manage)")
        return manage(config, *options.manage[1:], check=False).returncode

    stack = Stack(config)
    stop_requested = threading.Event()

    def on_signal(signum, frame):
        stop_requested.set()
        stack.stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    started = time.monotonic()
    try:
        settings = stack.prepare(options.demo)
        say(f"Starting: {config.workers} application workers, {len(settings['queues'])} task workers, "
            f"periodic jobs, {'Redis, ' if config.own_redis else ''}Varnish")
        stack.start(settings)
        say(f"Ready in {time.monotonic() - started:.1f} s: {config.django_env()['SITE_URL']}/ "
            f"(admin /quan-tri/; application directly on 127.0.0.1:{config.app_port}; logs in {stack.log_dir})")
        if options.check:
            check(stack, settings)
        else:
            stack.supervise(until=stop_requested.is_set)
    except Failure as exc:
        say(f"ERROR: {exc}")
        return 1
    finally:
        if stack.children:
            say("Stopping")
            stack.stop()
    say(f"Stopped ({time.monotonic() - started:.1f} s after start)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
