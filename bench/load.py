"""Load on the production stack of scripts/serve, measured with wrk: cache, application, static floor.

    .venv/bin/python bench/load.py [--duration 15] [--connections 8] [--threads 2] [--var-dir DIR]
    DATABASE_URL=postgres://… .venv/bin/python bench/load.py      # the same on PostgreSQL

Starts the stack (`scripts/serve --demo`) on free ports, then measures, each for --duration seconds:
the floor (the procedure page's own bytes as a static file, through Varnish), the same pages through
the cache (city home, procedure 1.001193, catalogue plain and filtered, a news article, the news
listing, the RSS feed), the same pages straight from gunicorn (no cache), and a mixed run through the
cache (80 % pages, 15 % searches, 5 % feedback posts). Prints one table and how it was measured;
figures go to the README, never into assertions.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import serve  # noqa: E402 - scripts/serve.py starts the stack

PROCEDURE_CODE = "1.001193"
GZIP = "Accept-Encoding: gzip"

MIXED_LUA = r"""
local pages = {PAGES}
local searches = {SEARCHES}
local form = "{FORM}"
statuses = {}  -- globals: done() reads them from each thread
hits = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  local r = math.random(100)
  if r <= 80 then
    return wrk.format("GET", pages[math.random(#pages)], {["Accept-Encoding"] = "gzip"})
  elseif r <= 95 then
    return wrk.format("GET", "/tim-kiem/?q=" .. searches[math.random(#searches)], {["Accept-Encoding"] = "gzip"})
  end
  return wrk.format("POST", "/phan-anh-kien-nghi/", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken={COOKIE}",
    ["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254),
  }, form)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if headers["X-Cache"] == "HIT" then hits = hits + 1 end
end

done = function(summary, latency, requests)
  local total = {}
  local all_hits = 0
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do
      total[code] = (total[code] or 0) + count
    end
    all_hits = all_hits + thread:get("hits")
  end
  local parts = {}
  for code, count in pairs(total) do table.insert(parts, '"' .. code .. '": ' .. count) end
  io.write("STATUSES {" .. table.concat(parts, ", ") .. "}\n")
  io.write("HITS " .. all_hits .. "\n")
end
"""


def ensure_wrk():
    if shutil.which("wrk"):
        return
    subprocess.run(["bash", "-c", f"source {ROOT}/scripts/lib.sh && ensure_debian_packages wrk"], check=True)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=180) as response:  # a first render on a busy machine
        return response.status, dict(response.headers), response.read()


def wrk(url, args, *, script=None, extra=()):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency",
               "--timeout", "10s", "-H", GZIP, *extra]
    if script:
        command += ["-s", script]
    result = subprocess.run([*command, url], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"wrk failed: {result.stderr.strip() or result.stdout[-500:]}")
    return parse_wrk(result.stdout)


def _ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def parse_wrk(text):
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))}
    for label, key in (("50%", "p50"), ("99%", "p99")):
        figures[key] = _ms(re.search(rf"^\s+{label}\s+(\S+)", text, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    figures["non_2xx"] = int(non_2xx.group(1)) if non_2xx else 0
    figures["socket_errors"] = sum(int(x) for x in sockets.groups()) if sockets else 0
    figures["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    statuses = re.search(r"^STATUSES (.*)$", text, re.M)
    figures["statuses"] = json.loads(statuses.group(1)) if statuses else {}
    hits = re.search(r"^HITS (\d+)$", text, re.M)
    figures["hits"] = int(hits.group(1)) if hits else None
    return figures


def find_pages(stack):
    """The benchmark's addresses, read from the demo site as a visitor would find them."""
    base = stack.url
    request = urllib.request.Request(f"{base}/thu-tuc/{PROCEDURE_CODE}/")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(request, timeout=30)
        raise SystemExit(f"/thu-tuc/{PROCEDURE_CODE}/ did not redirect to the procedure page")
    except urllib.error.HTTPError as redirect:
        procedure = redirect.headers["Location"]
    catalogue = procedure.rstrip("/").rsplit("/", 1)[0] + "/"
    catalogue_html = fetch(base + catalogue)[2].decode()
    field = re.search(r'name="linh-vuc"[^>]*>.*?<option value="([^"]+)"', catalogue_html, re.S).group(1)
    filtered = f"{catalogue}?linh-vuc={field}"
    home_html = fetch(base + "/")[2].decode()
    news_index = re.search(r'href="(/tin-tuc[^"]*/)"', home_html).group(1)
    news_html = fetch(base + news_index)[2].decode()
    article = re.search(rf'href="({re.escape(news_index)}[^"?#]+/)"', news_html).group(1)
    return {
        "city home": "/", "procedure 1.001193": procedure, "catalogue": catalogue, "catalogue, one filter": filtered,
        "news article": article, "news listing": news_index, "RSS feed": "/rss/",
    }


def warm(url, patience=300):
    """Into the cache; while gunicorn's workers restart, Varnish may answer 503 for a moment."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return fetch(url, {"Accept-Encoding": "gzip"})
        except (urllib.error.URLError, TimeoutError):
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def place_floor(stack, var_dir, procedure):
    """The procedure page's bytes as a static file; gunicorn reloads its workers so WhiteNoise sees it."""
    body = fetch(f"http://127.0.0.1:{stack.app_port}{procedure}")[2]
    target = Path(var_dir) / "static" / "bench" / "procedure.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    master = int((stack.state / "gunicorn.pid").read_text())
    os.kill(master, 1)  # SIGHUP: new workers, which scan the static files again
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if fetch(f"{stack.url}/static/bench/procedure.html")[0] == 200:
                break
        except (urllib.error.URLError, TimeoutError):
            pass
        time.sleep(0.5)
    else:
        raise SystemExit("the floor file never became available")
    # Every new worker up: each answers the health view before the measurements start.
    for _ in range(4 * int(stack.env.get("WEB_CONCURRENCY") or os.cpu_count() * 2 + 1)):
        fetch(f"http://127.0.0.1:{stack.app_port}/suc-khoe/")
    return len(body)


def mixed_script(stack, pages, folder):
    import http.cookiejar

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form_html = opener.open(f"{stack.url}/phan-anh-kien-nghi/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_html).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    topic = re.search(r'<option value="(\d+)"', form_html[form_html.index('name="topic"'):]).group(1)
    form = urllib.parse.urlencode({
        "name": "Nguyễn Văn Thử", "phone": "0912345678", "address": "Tổ 1", "topic": topic, "consent": "on",
        "website": "", "csrfmiddlewaretoken": token,
        "content": "Phản ánh thử nghiệm tải: hồ sơ nộp trực tuyến chưa nhận được thông báo tiếp nhận.",
    })
    queries = [q["q"] for name in ("queries.json", "queries_holdout.json")
               for q in json.loads((ROOT / "bench" / name).read_text())["queries"]]
    lua = (MIXED_LUA.replace("{PAGES}", "{" + ", ".join(json.dumps(p) for p in pages) + "}")
           .replace("{SEARCHES}", "{" + ", ".join(json.dumps(urllib.parse.quote_plus(q)) for q in queries) + "}")
           .replace("{FORM}", form).replace("{COOKIE}", cookie))
    path = Path(folder) / "mixed.lua"
    path.write_text(lua)
    return str(path)


def row(name, figures, floor=None):
    ratio = ""
    if floor:
        share = figures["rps"] / floor["rps"]
        p99 = figures["p99"] / floor["p99"] if floor["p99"] else 0
        ok = share >= 0.5 and p99 <= 2
        ratio = f"{share:5.0%} of floor, p99 ×{p99:.1f} {'ok' if ok else 'BELOW TARGET'}"
    errors = figures["non_2xx"] + figures["socket_errors"]
    return f"  {name:<28} {figures['rps']:>9.0f} {figures['p50']:>8.1f} {figures['p99']:>8.1f} {errors:>7}  {ratio}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--var-dir", help="folder for the stack's database, media and static files "
                        "(default var/bench-<database>; kept, so the demo loads once)")
    args = parser.parse_args()
    ensure_wrk()
    database = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    var_dir = Path(args.var_dir or ROOT / "var" / f"bench-{database}").resolve()
    var_dir.mkdir(parents=True, exist_ok=True)
    folder = tempfile.mkdtemp(prefix="tthc-bench-")
    Path(folder).chmod(0o755)
    extra = {"DATABASE_URL": os.environ["DATABASE_URL"]} if database == "postgresql" else {}
    # Feedback posts come from many addresses (the Lua script sets X-Forwarded-For): Varnish is the
    # second proxy, as behind a TLS terminator.
    stack = serve.Background(Path(folder) / "state", var_dir, args=["--demo"], TRUSTED_PROXY_COUNT=2, **extra)
    print(f"Starting the stack on {database} (scripts/serve --demo; the first run loads the demo)…", flush=True)
    started = time.monotonic()
    stack.start()
    try:
        print(f"Ready after {time.monotonic() - started:.0f} s", flush=True)
        pages = find_pages(stack)
        floor_size = place_floor(stack, var_dir, pages["procedure 1.001193"])
        workers = next((re.search(r"(\d+) application workers", line).group(1)
                        for line in stack.output if "application workers" in line), "?")
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        when = time.strftime("%Y-%m-%d %H:%M")
        results = {}
        for path in ["/static/bench/procedure.html", *pages.values()]:
            warm(stack.url + path)
        results["floor"] = wrk(f"{stack.url}/static/bench/procedure.html", args)
        for name, path in pages.items():
            results[f"cache: {name}"] = wrk(stack.url + path, args)
        for name, path in pages.items():
            results[f"app: {name}"] = wrk(f"http://127.0.0.1:{stack.app_port}{path}", args)
        script = mixed_script(stack, list(pages.values()), folder)
        results["mixed"] = wrk(stack.url, args, script=script)
        load_after = Path("/proc/loadavg").read_text().split()[:3]
    finally:
        stack.stop()
        shutil.rmtree(folder, ignore_errors=True)

    print()
    print(f"bench/load.py — {when}, {os.cpu_count()} CPUs, load average before {' '.join(load_before)}, "
          f"after {' '.join(load_after)} (a shared machine: other work ran meanwhile)")
    print(f"Stack: scripts/serve on {database}, Varnish → gunicorn ({workers} sync workers, production settings),"
          f" Redis; wrk -t{args.threads} -c{args.connections} -d{args.duration}s --timeout 10s on loopback, "
          f"'{GZIP}' on every request")
    print(f"Floor: the procedure page's {floor_size:,} bytes as a static file (WhiteNoise) through Varnish")
    print()
    print(f"  {'':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    floor = results["floor"]
    print(row("floor (static file)", floor))
    for name in pages:
        print(row(f"cache: {name}", results[f"cache: {name}"], floor))
    for name in pages:
        figures = results[f"app: {name}"]
        mark = ""
        if name == "city home":
            mark = "  ok (target ≥ 150)" if figures["rps"] >= 150 else "  BELOW TARGET (≥ 150)"
        print(row(f"app: {name}", figures) + mark)
    mixed = results["mixed"]
    print()
    server_errors = sum(n for code, n in mixed["statuses"].items() if int(code) >= 500)
    print(f"Mixed through the cache (80 % pages, 15 % searches of bench/queries*.json, 5 % feedback posts from "
          f"random addresses): {mixed['rps']:.0f} req/s, p50 {mixed['p50']:.1f} ms, p99 {mixed['p99']:.1f} ms, "
          f"{mixed['requests']} requests, cache hits {mixed['hits']}")
    print(f"  status codes {dict(sorted(mixed['statuses'].items()))}; errors (5xx and socket errors): "
          f"{server_errors + mixed['socket_errors']}")


if __name__ == "__main__":
    main()
