vcl 4.1;
# The portal's HTTP cache. scripts/serve fills in the double-braced placeholders (scripts/serve.py, render_vcl);
# on other machines fill them in the same way. What is cached, for how long and what a purge means
# is explained in docs/deployment.md; the lifetimes themselves come from the application
# (Surrogate-Control, core/httpcache.py).

import std;
import cookie;

backend app {
    .host = "{{APP_HOST}}";
    .port = "{{APP_PORT}}";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
    .probe = {
        .request = "GET {{PROBE_PATH}} HTTP/1.1"
                   "Host: {{PROBE_HOST}}"
                   "User-Agent: varnish-probe"
                   "Connection: close";
        .timeout = 2s;
        .interval = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge: the application servers.
acl purgers {
    "127.0.0.1";
    {{PURGE_ACL}}
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # "/path*" drops everything under /path; "/path" drops that path with every query string.
        # Bans test only obj.* headers, so the ban lurker clears them in the background.
        if (req.url ~ "\*$") {
            ban("obj.http.x-path ~ ^" + regsub(req.url, "\*$", ""));
        } else {
            ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, the login steps and Wagtail's password form for restricted pages.
    if (req.url ~ "^/(quan-tri|django-admin|tai-khoan|_util)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        # A session (an editor, or a citizen just after a form) or a pending message: personal pages.
        if (cookie.isset("{{SESSION_COOKIE}}") || cookie.isset("messages")) {
            return (pass);
        }
        # Nothing else changes a page. The CSRF cookie stays for the form pages, which are never cached.
        cookie.keep("{{CSRF_COOKIE}}");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # While the application answers, a page past its lifetime is served at most 10 s longer while it
    # is fetched again; while it is down, cached pages are served for the whole grace period.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # An http request is redirected to https by the application: the two must not share an object.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);  # keep serving the cached copy
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Never store what belongs to one visitor, nor what the application did not say may be kept.
    if (beresp.http.Set-Cookie || !beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)" || beresp.http.Vary == "*") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;  # hit-for-miss: later requests go to the application
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, ".*max-age=([0-9]+).*", "\1") + "s", 0s);
    }
    unset beresp.http.Surrogate-Control;
    set beresp.grace = {{GRACE}};
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
    # The application is down and nothing is cached for this address: a page in Vietnamese.
    set beresp.status = 503;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    synthetic({"{{UNAVAILABLE_HTML}}"});
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-path;
    unset resp.http.Via;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
