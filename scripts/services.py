#!/usr/bin/env python3
"""Start and stop a private PostgreSQL and Elasticsearch on loopback for tests and development.

    scripts/services.py start    # prints DATABASE_URL and ELASTICSEARCH_URL
    scripts/services.py stop
    scripts/services.py status
    scripts/services.py env      # the two variables as shell exports

Standard library only: it runs before the virtualenv exists. PostgreSQL comes from Debian's
packages; Elasticsearch is the integration-test distribution zip from Maven Central, cached
outside the clone. Both refuse to run as root, so as root they run as dedicated users.
"""

import argparse
import glob
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

ES_VERSION = os.environ.get("TTHC_ES_VERSION", "8.19.21")
ES_ARTIFACT = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{ES_VERSION}:zip"
CACHE_DIR = Path(os.environ.get("TTHC_CACHE_DIR", "/var/cache/tthc-portal"))
STATE_DIR = Path(os.environ.get("TTHC_STATE_DIR", "/tmp/tthc-services"))
PG_PORT = int(os.environ.get("TTHC_PG_PORT", "54329"))
ES_PORT = int(os.environ.get("TTHC_ES_PORT", "9299"))
ES_HEAP = os.environ.get("TTHC_ES_HEAP", "1g")
ES_USER = "tthc-es"
PG_USER = "postgres"
DB_NAME = "tthc"
IS_ROOT = os.geteuid() == 0


def say(message):
    print(f"[services] {message}", flush=True)


def fail(message):
    print(f"[services] ERROR: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def run_as(user, args, **kwargs):
    """Run a command as `user` when we are root, else as ourselves."""
    if IS_ROOT and user:
        args = ["runuser", "-u", user, "--", *args]
    return subprocess.run(args, check=True, **kwargs)


def chown_tree(path, user):
    if IS_ROOT:
        subprocess.run(["chown", "-R", f"{user}:", str(path)], check=True)


def ensure_user(name):
    if not IS_ROOT:
        return
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
            check=True,
        )


# PostgreSQL ------------------------------------------------------------------------------------


def pg_bin(name):
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if candidates:
        return candidates[0]
    found = shutil.which(name)
    if not found:
        fail(f"PostgreSQL's {name} not found: install it with `apt-get install postgresql`.")
    return found


def pg_dirs():
    base = STATE_DIR / "postgres"
    return base, base / "data", base / "run"


def pg_url():
    user = PG_USER if IS_ROOT else pwd.getpwuid(os.geteuid()).pw_name
    return f"postgres://{user}@127.0.0.1:{PG_PORT}/{DB_NAME}"


def pg_running():
    _, data, _ = pg_dirs()
    if not (data / "postmaster.pid").exists():
        return False
    result = subprocess.run(
        [pg_bin("pg_isready"), "-h", "127.0.0.1", "-p", str(PG_PORT)], capture_output=True
    )
    return result.returncode == 0


def pg_start():
    base, data, run = pg_dirs()
    if pg_running():
        say(f"PostgreSQL already running on 127.0.0.1:{PG_PORT}")
        return
    user = PG_USER if IS_ROOT else None
    if IS_ROOT:
        try:
            pwd.getpwnam(PG_USER)
        except KeyError:
            fail("user 'postgres' is missing: install PostgreSQL with `apt-get install postgresql`.")
    run.mkdir(parents=True, exist_ok=True)
    if not (data / "PG_VERSION").exists():
        shutil.rmtree(data, ignore_errors=True)
        base.mkdir(parents=True, exist_ok=True)
        chown_tree(base, PG_USER)
        run_as(
            user,
            [pg_bin("initdb"), "-D", str(data), "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"],
            stdout=subprocess.DEVNULL,
        )
    chown_tree(base, PG_USER)
    options = (
        f"-p {PG_PORT} -k {run} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    run_as(
        user,
        [pg_bin("pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-o", options, "-w",
         "-t", "60", "start"],
        stdout=subprocess.DEVNULL,
    )
    exists = run_as(
        user,
        [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-d", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname='{DB_NAME}'"],
        capture_output=True, text=True,
    ).stdout.strip()
    if exists != "1":
        run_as(user, [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT), DB_NAME])
    say(f"PostgreSQL {pg_version()} on 127.0.0.1:{PG_PORT}")


def pg_version():
    user = PG_USER if IS_ROOT else None
    return run_as(
        user,
        [pg_bin("psql"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-d", "postgres", "-tAc",
         "SHOW server_version"],
        capture_output=True, text=True,
    ).stdout.strip()


def pg_stop():
    _, data, _ = pg_dirs()
    if not (data / "postmaster.pid").exists():
        return
    user = PG_USER if IS_ROOT else None
    subprocess.run(
        (["runuser", "-u", user, "--"] if user else [])
        + [pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    say("PostgreSQL stopped")


# Elasticsearch ---------------------------------------------------------------------------------


def java_home():
    explicit = os.environ.get("ES_JAVA_HOME")
    if explicit:
        return explicit
    for candidate in sorted(glob.glob("/usr/lib/jvm/java-17-openjdk*")) + sorted(
        glob.glob("/usr/lib/jvm/*")
    ):
        if Path(candidate, "bin", "java").exists():
            return candidate
    java = shutil.which("java")
    if not java:
        fail("no Java found: install a JDK 17 (apt-get install openjdk-17-jre-headless).")
    return str(Path(os.path.realpath(java)).parents[1])


def es_home():
    """The unpacked distribution in the cache, downloading it from Maven Central if needed."""
    home = CACHE_DIR / f"elasticsearch-{ES_VERSION}"
    if (home / "bin" / "elasticsearch").exists():
        return home
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    archive = CACHE_DIR / f"elasticsearch-{ES_VERSION}.zip"
    if not archive.exists():
        if not shutil.which("mvn"):
            fail("Maven (mvn) is needed to fetch Elasticsearch: apt-get install maven.")
        say(f"downloading {ES_ARTIFACT} from Maven Central")
        subprocess.run(
            ["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={ES_ARTIFACT}",
             f"-DoutputDirectory={CACHE_DIR}"],
            check=True, cwd=CACHE_DIR,
        )
    staging = CACHE_DIR / f".unpack-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            extracted = zf.extract(member, staging)
            mode = member.external_attr >> 16
            if mode:
                os.chmod(extracted, mode)
    (staging / f"elasticsearch-{ES_VERSION}").rename(home)
    shutil.rmtree(staging, ignore_errors=True)
    # The distribution is read by the service user; only its own state dir is writable.
    for path in [CACHE_DIR, *home.rglob("*"), home]:
        path.chmod(path.stat().st_mode | 0o044 | (0o011 if path.is_dir() else 0))
    return home


def es_url():
    return f"http://127.0.0.1:{ES_PORT}"


def es_request(path, method="GET", timeout=2):
    request = urllib.request.Request(es_url() + path, method=method)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode())


def es_version():
    try:
        nodes = es_request("/_nodes?filter_path=nodes.*.version")["nodes"]
    except Exception:
        return None
    return ", ".join(sorted({node["version"] for node in nodes.values()}))


def es_start():
    base = STATE_DIR / "elasticsearch"
    if es_version():
        say(f"Elasticsearch already running at {es_url()}")
        return
    home = es_home()
    ensure_user(ES_USER)
    shutil.rmtree(base, ignore_errors=True)
    conf = base / "config"
    shutil.copytree(home / "config", conf)
    (conf / "jvm.options.d").mkdir(exist_ok=True)
    (conf / "jvm.options.d" / "heap.options").write_text(f"-Xms{ES_HEAP}\n-Xmx{ES_HEAP}\n")
    (conf / "elasticsearch.yml").write_text(
        "\n".join(
            [
                "cluster.name: tthc-local",
                "node.name: tthc-local-1",
                "discovery.type: single-node",
                "network.host: 127.0.0.1",
                f"http.port: {ES_PORT}",
                f"transport.port: {ES_PORT + 100}",
                f"path.data: {base / 'data'}",
                f"path.logs: {base / 'logs'}",
                "xpack.security.enabled: false",
                "xpack.ml.enabled: false",
                "action.destructive_requires_name: false",
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "",
            ]
        )
    )
    (base / "tmp").mkdir(parents=True)
    chown_tree(base, ES_USER)
    env = dict(
        os.environ,
        ES_JAVA_HOME=java_home(),
        ES_PATH_CONF=str(conf),
        ES_TMPDIR=str(base / "tmp"),
    )
    env.pop("JAVA_HOME", None)
    command = [str(home / "bin" / "elasticsearch"), "-d", "-p", str(base / "es.pid")]
    if IS_ROOT:
        command = ["runuser", "-u", ES_USER, "--", "env", *(f"{k}={env[k]}" for k in
                   ("ES_JAVA_HOME", "ES_PATH_CONF", "ES_TMPDIR")), *command]
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, cwd=str(base))
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            health = es_request("/_cluster/health?wait_for_status=yellow&timeout=5s", timeout=10)
            if health.get("status") in {"yellow", "green"}:
                say(f"Elasticsearch {es_version()} at {es_url()} (modules: "
                    f"{', '.join(sorted(p.name for p in (home / 'modules').iterdir()))})")
                return
        except Exception:
            pass
        time.sleep(1)
    log = base / "logs" / "tthc-local.log"
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
    fail(f"Elasticsearch did not become healthy in 180 s. Log tail:\n{tail}")


def es_stop():
    pid_file = STATE_DIR / "elasticsearch" / "es.pid"
    if not pid_file.exists():
        return
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, signal.SIGTERM)
        for _ in range(60):
            os.kill(pid, 0)
            time.sleep(0.5)
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, ValueError):
        pass
    pid_file.unlink(missing_ok=True)
    say("Elasticsearch stopped")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("action", choices=["start", "stop", "status", "env"])
    parser.add_argument("--only", choices=["postgres", "elasticsearch"])
    args = parser.parse_args()
    want_pg = args.only in (None, "postgres")
    want_es = args.only in (None, "elasticsearch")
    if args.action == "start":
        STATE_DIR.mkdir(parents=True, exist_ok=True)
        os.chmod(STATE_DIR, 0o755)
        if want_pg:
            pg_start()
        if want_es:
            es_start()
        if want_pg:
            print(f"DATABASE_URL={pg_url()}")
        if want_es:
            print(f"ELASTICSEARCH_URL={es_url()}")
    elif args.action == "stop":
        if want_es:
            es_stop()
        if want_pg:
            pg_stop()
    elif args.action == "status":
        print(f"PostgreSQL: {'running ' + pg_version() if pg_running() else 'stopped'}")
        version = es_version()
        print(f"Elasticsearch: {'running ' + version if version else 'stopped'}")
    elif args.action == "env":
        print(f"export DATABASE_URL={pg_url()}")
        print(f"export ELASTICSEARCH_URL={es_url()}")


if __name__ == "__main__":
    main()
