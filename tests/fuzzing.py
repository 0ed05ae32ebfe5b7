"""Finds what to fuzz without a hand-written list: the public URL patterns of the resolver, one live
page of every page type, and the parameters each view reads (recorded while it answers)."""

import dataclasses
import itertools
from urllib.parse import quote

from django.apps import apps
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Prefixes that are not public: the two admins (a login wall) and the two-factor step.
PRIVATE_PREFIXES = ("quan-tri/", "django-admin/", "tai-khoan/")
PROJECT_APPS = ("home", "units", "procedures", "procedure_desk", "procedure_alerts", "news", "hotline")

# One value of each hostile class; hypothesis adds random ones (tests/test_hostile_input.py).
HOSTILE = [
    "²",  # str.isdigit() is true, int() fails
    "٣",  # int() reads it as 3
    "9" * 30,  # beyond every database integer
    "-1",
    "a\x00b",  # PostgreSQL refuses NUL in text
    "\x01\x1b[31m\x7f\u202e",
    "x" * 10_000,
    "khong-co-gia-tri",
    "2026-13-45",
]
# The long form (-m slow) adds these.
HOSTILE_EXTRA = [
    "１２", "-" + "9" * 25, "0", "-0", "1e9", " 7 ", "1_000", "\x00", "a\r\nb", "9" * 5_000, "0000-00-00",
    "99999-99", "2026-02-30", "<script>alert(1)</script>", "' OR 1=1 --", "%", "../..", "\ufeff", "ﬁ",
]
# Values for a path segment (a converter refuses most: that is the point).
HOSTILE_SEGMENTS = ["9" * 20, "0", "²", "\x00", "a\x01b", "x" * 300, "..%2F"]


class RecordingQueryDict(QueryDict):
    """A QueryDict that remembers which names were asked for."""

    def __init__(self, source, reads, mutable=False):
        super().__init__(mutable=True)
        for key, values in source.lists():
            self.setlist(key, values)
        self._mutable = mutable
        self.reads = reads

    def _note(self, key):
        if isinstance(key, str):
            self.reads.add(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def pop(self, key, *args):
        self._note(key)
        return super().pop(key, *args)

    def __deepcopy__(self, memo):
        return RecordingQueryDict(self, self.reads, mutable=True)  # as QueryDict.copy() gives


class RecordingMiddleware:
    """First in the chain: the request's GET and POST record the names read; the response carries them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        get_reads, post_reads = set(), set()
        request.GET = RecordingQueryDict(request.GET, get_reads)
        if request.method == "POST":
            request.POST = RecordingQueryDict(request.POST, post_reads)
        response = self.get_response(request)
        response.param_reads = {"GET": get_reads, "POST": post_reads}
        return response


@dataclasses.dataclass
class Target:
    label: str
    path: str
    kwargs: dict = dataclasses.field(default_factory=dict)  # path values that can be made hostile


def walk_patterns(patterns=None, prefix="", namespace=""):
    """(route prefix, "namespace:name", pattern) for every named URL pattern."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = ":".join(part for part in (namespace, ns) if part)
            yield from walk_patterns(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name, entry


def _kwarg_names(pattern):
    """Names of the pattern's path values; positions ("0", "1"…) for a regex with unnamed groups."""
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return list(converters)
    regex = pattern.pattern.regex
    if regex.groupindex:
        return list(regex.groupindex)
    return [str(position) for position in range(regex.groups)]


def _reverse(name, kwargs):
    if kwargs and all(key.isdigit() for key in kwargs):
        return reverse(name, args=list(kwargs.values()))
    return reverse(name, kwargs=kwargs)


def candidate_values():
    """Values that name something in the database: ids, slugs, codes and tokens of project rows."""
    ids, strings = [], []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        rows = model._default_manager.order_by("pk")[:3]
        text_fields = [f.attname for f in model._meta.concrete_fields if f.name in ("slug", "code", "token")]
        for row in rows.values("pk", *text_fields):
            if isinstance(row["pk"], int):
                ids.append(row["pk"])
            strings += [str(row[name]) for name in text_fields if row[name]]
    # File suffixes of downloads (xuat.<fmt>).
    strings += ["csv", "json", "xlsx"]
    return list(dict.fromkeys(ids)), list(dict.fromkeys(strings))


def url_targets(client, skipped):
    """One working URL per public named pattern (its path values filled with real ones)."""
    ids, strings = candidate_values()
    targets = []
    for route, name, pattern in walk_patterns():
        if route.startswith(PRIVATE_PREFIXES) or name is None or name == "wagtail_serve":
            if name is None and not route.startswith(PRIVATE_PREFIXES):
                skipped.append(route)
            continue
        names = _kwarg_names(pattern)
        if not names:
            targets.append(Target(name, reverse(name)))
            continue
        found = None
        kinds = [_is_numeric(pattern, n) for n in names]
        pools = [ids if kind else strings if kind is False else [*ids, *strings] for kind in kinds]
        for values in itertools.islice(itertools.product(*pools), 60):
            kwargs = dict(zip(names, map(str, values), strict=True))
            try:
                path = _reverse(name, kwargs)
            except Exception:  # the value does not fit the pattern
                continue
            if client.get(path).status_code != 404:
                found = Target(name, path, kwargs)
                break
        if found is None:  # nothing in the demo fits: fuzz the path values only
            kwargs = {n: "1" if kind is not False else "x" for n, kind in zip(names, kinds, strict=True)}
            found = Target(name, _reverse(name, kwargs), kwargs)
        targets.append(found)
    return targets


def _is_numeric(pattern, name):
    from django.urls.converters import IntConverter

    from core.converters import IdConverter

    converter = getattr(pattern.pattern, "converters", {}).get(name)
    if converter is None:  # a regex group: try every value
        return None
    return isinstance(converter, (IntConverter, IdConverter))


def page_targets():
    """One live page of every page type (the demo has them all), by its URL."""
    from wagtail.models import Page, get_page_models

    targets, missing = [], []
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.live().order_by("-depth", "pk").first()
        if page is None:
            missing.append(model.__name__)
            continue
        targets.append(Target(model.__name__, page.url))
    return targets, missing


def hostile_paths(target):
    """The target's path with each path value, then an extra segment, made hostile."""
    for name, valid in target.kwargs.items():
        for value in HOSTILE_SEGMENTS:
            head, found, tail = target.path.rpartition(quote(valid))
            if found:
                yield f"{target.label} {name}={value[:12]!r}", head + quote(value) + tail
    for value in HOSTILE_SEGMENTS:
        yield f"{target.label} +{value[:12]!r}", f"{target.path.rstrip('/')}/{quote(value)}/"
