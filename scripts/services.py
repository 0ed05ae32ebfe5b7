#!/usr/bin/env python3
"""Start and stop a private PostgreSQL and Elasticsearch on loopback for tests and development.

    scripts/services.py start    # prints DATABASE_URL and ELASTICSEARCH_URL
    scripts/services.py start --only elasticsearch --es-nodes 2   # a 2-node cluster on loopback
    scripts/services.py stop [--node 2]
    scripts/services.py status [--json]
    scripts/services.py env      # the two variables as shell exports (every node of the cluster)

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


def es_node_count(requested=None):
    """The cluster size: as asked, else as last started (recorded in the state folder), else 1."""
    if requested:
        return requested
    recorded = STATE_DIR / "elasticsearch-nodes"
    if recorded.exists():
        try:
            return max(1, int(recorded.read_text().strip()))
        except ValueError:
            pass
    return 1


def es_nodes(count=None):
    """Node i (1-based): HTTP on ES_PORT + 10·(i-1), transport 100 above; node 1 keeps the old paths."""
    nodes = []
    for i in range(1, es_node_count(count) + 1):
        http = ES_PORT + 10 * (i - 1)
        nodes.append({
            "index": i,
            "name": f"tthc-local-{i}",
            "http": http,
            "transport": http + 100,
            "dir": STATE_DIR / ("elasticsearch" if i == 1 else f"elasticsearch-{i}"),
        })
    return nodes


def es_url(count=None):
    return ",".join(f"http://127.0.0.1:{node['http']}" for node in es_nodes(count))


def es_request(path, method="GET", timeout=2, port=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port or ES_PORT}{path}", method=method)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode())


def es_version(port=None):
    try:
        nodes = es_request("/_nodes?filter_path=nodes.*.version", port=port)["nodes"]
    except Exception:
        return None
    return ", ".join(sorted({node["version"] for node in nodes.values()}))


def es_pid(node):
    try:
        pid = int((node["dir"] / "es.pid").read_text().strip())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None


def es_heap(count):
    # Several nodes share the machine's memory: half a gigabyte each unless told otherwise.
    return os.environ.get("TTHC_ES_HEAP") or ("1g" if count == 1 else "512m")


def es_write_config(node, nodes, home):
    base = node["dir"]
    shutil.rmtree(base, ignore_errors=True)
    conf = base / "config"
    shutil.copytree(home / "config", conf)
    (conf / "jvm.options.d").mkdir(exist_ok=True)
    heap = es_heap(len(nodes))
    (conf / "jvm.options.d" / "heap.options").write_text(f"-Xms{heap}\n-Xmx{heap}\n")
    if len(nodes) == 1:
        discovery = ["discovery.type: single-node"]
    else:
        seeds = ", ".join(f'"127.0.0.1:{other["transport"]}"' for other in nodes)
        names = ", ".join(f'"{other["name"]}"' for other in nodes)
        discovery = [f"discovery.seed_hosts: [{seeds}]", f"cluster.initial_master_nodes: [{names}]"]
    (conf / "elasticsearch.yml").write_text(
        "\n".join(
            [
                "cluster.name: tthc-local",
                f"node.name: {node['name']}",
                *discovery,
                "network.host: 127.0.0.1",
                f"http.port: {node['http']}",
                f"transport.port: {node['transport']}",
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


def es_launch(node, home):
    base = node["dir"]
    env = dict(
        os.environ,
        ES_JAVA_HOME=java_home(),
        ES_PATH_CONF=str(base / "config"),
        ES_TMPDIR=str(base / "tmp"),
    )
    env.pop("JAVA_HOME", None)
    command = [str(home / "bin" / "elasticsearch"), "-d", "-p", str(base / "es.pid")]
    if IS_ROOT:
        command = ["runuser", "-u", ES_USER, "--", "env", *(f"{k}={env[k]}" for k in
                   ("ES_JAVA_HOME", "ES_PATH_CONF", "ES_TMPDIR")), *command]
    # Launched side by side: a node of a new cluster waits for the others before it is started.
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, cwd=str(base))


def es_start(count=None):
    """Start the missing nodes. With none running, a new cluster with empty data (as the tests
    expect); a node brought back into a running cluster keeps its data, so it rejoins as itself."""
    nodes = es_nodes(count)
    (STATE_DIR / "elasticsearch-nodes").write_text(f"{len(nodes)}\n")
    missing = [node for node in nodes if not es_pid(node) and not es_version(node["http"])]
    if not missing:
        say(f"Elasticsearch already running at {es_url(len(nodes))}")
        return
    home = es_home()
    ensure_user(ES_USER)
    fresh = len(missing) == len(nodes)
    for node in missing:
        if fresh or not (node["dir"] / "config" / "elasticsearch.yml").exists():
            es_write_config(node, nodes, home)
    launches = [es_launch(node, home) for node in missing]
    for launch in launches:
        if launch.wait() != 0:
            fail(f"Elasticsearch did not start (exit {launch.returncode}); logs under {STATE_DIR}")
    es_wait(nodes, "yellow" if fresh else None)
    say(f"Elasticsearch {es_version()} at {es_url(len(nodes))} ({len(nodes)} node(s); modules: "
        f"{', '.join(sorted(p.name for p in (home / 'modules').iterdir()))})")


def es_wait(nodes, status="yellow", timeout=180):
    """Wait until every node answers and the cluster has them all (and the given health status)."""
    deadline = time.monotonic() + timeout
    wanted = f"wait_for_nodes={len(nodes)}" + (f"&wait_for_status={status}" if status else "")
    while time.monotonic() < deadline:
        try:
            health = es_request(f"/_cluster/health?{wanted}&timeout=5s", timeout=10, port=nodes[0]["http"])
            if not health.get("timed_out") and health.get("number_of_nodes") == len(nodes):
                return health
        except Exception:
            pass
        time.sleep(1)
    tails = []
    for node in nodes:
        log = node["dir"] / "logs" / "tthc-local.log"
        tails.append(f"--- {node['name']}\n" + (log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"))
    fail(f"Elasticsearch did not become healthy in {timeout} s. Log tails:\n" + "\n".join(tails))


def es_stop(only=None):
    """Stop every node (or node number `only`), politely then by force."""
    for node in es_nodes(max(es_node_count(), only or 0)):
        if only and node["index"] != only:
            continue
        pid = es_pid(node)
        if pid is None:
            (node["dir"] / "es.pid").unlink(missing_ok=True)
            continue
        try:
            os.kill(pid, signal.SIGTERM)
            for _ in range(60):
                os.kill(pid, 0)
                time.sleep(0.5)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        (node["dir"] / "es.pid").unlink(missing_ok=True)
        say(f"Elasticsearch {node['name']} stopped")


def es_status():
    nodes = []
    for node in es_nodes():
        pid = es_pid(node)
        nodes.append({
            "name": node["name"],
            "url": f"http://127.0.0.1:{node['http']}",
            "pid": pid,
            "version": es_version(node["http"]) if pid else None,
        })
    return nodes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("action", choices=["start", "stop", "status", "env"])
    parser.add_argument("--only", choices=["postgres", "elasticsearch"])
    parser.add_argument("--es-nodes", type=int, default=None,
                        help="start an Elasticsearch cluster of N nodes (HTTP ports TTHC_ES_PORT, +10, +20…)")
    parser.add_argument("--node", type=int, default=None, help="stop: only this Elasticsearch node (1, 2…)")
    parser.add_argument("--json", action="store_true", help="status: as JSON (node names, URLs, process ids)")
    args = parser.parse_args()
    if args.es_nodes is not None and args.es_nodes < 1:
        fail("--es-nodes must be 1 or more")
    want_pg = args.only in (None, "postgres")
    want_es = args.only in (None, "elasticsearch")
    if args.action == "start":
        STATE_DIR.mkdir(parents=True, exist_ok=True)
        os.chmod(STATE_DIR, 0o755)
        if want_pg:
            pg_start()
        if want_es:
            es_start(args.es_nodes)
        if want_pg:
            print(f"DATABASE_URL={pg_url()}")
        if want_es:
            print(f"ELASTICSEARCH_URL={es_url()}")
    elif args.action == "stop":
        if want_es:
            es_stop(args.node)
        if want_pg and not args.node:
            pg_stop()
    elif args.action == "status":
        nodes = es_status()
        if args.json:
            print(json.dumps({"postgres": pg_running(), "elasticsearch": nodes}))
            return
        print(f"PostgreSQL: {'running ' + pg_version() if pg_running() else 'stopped'}")
        for node in nodes:
            state = f"running {node['version']} (pid {node['pid']})" if node["version"] else "stopped"
            print(f"Elasticsearch {node['name']} {node['url']}: {state}")
    elif args.action == "env":
        print(f"export DATABASE_URL={pg_url()}")
        print(f"export ELASTICSEARCH_URL={es_url()}")


if __name__ == "__main__":
    main()
