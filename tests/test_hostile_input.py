"""Hostile input on every public URL pattern and page type: the parameters each view reads, its path
values and an extra path segment, fed non-ASCII digits, huge and negative numbers, NUL and control
characters, 10,000-character strings, unknown values and repeated parameters → never a 500.

What is fuzzed is found, not listed (tests/fuzzing.py). The default run feeds one value of each
hostile class to every parameter plus a bounded number of random values (hypothesis); `-m slow` runs
the long form.
"""

import itertools

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests import fuzzing

pytestmark = pytest.mark.django_db

_addresses = (f"10.{a}.{b}.{c}" for a, b, c in itertools.product(range(256), repeat=3))


class Probe:
    """Sends requests (each from its own address, so rate limits never hide a view) and collects 5xx."""

    def __init__(self, client):
        self.client = client
        self.failures = []
        self.sent = 0

    def send(self, label, method, path, data=None):
        self.sent += 1
        call = self.client.get if method == "GET" else self.client.post
        try:
            response = call(path, data or {}, REMOTE_ADDR=next(_addresses))
        except Exception as exc:  # the test client re-raises what the view raised
            self.failures.append(f"{method} {path[:100]} {label}: {type(exc).__name__}: {str(exc)[:160]}")
            return None
        # 503 is the search page's designed answer when every engine is down; anything else is a fault.
        if response.status_code >= 500 and response.status_code != 503:
            self.failures.append(f"{method} {path[:100]} {label}: HTTP {response.status_code}")
        return response

    def reads(self, response, method):
        return getattr(response, "param_reads", {}).get(method, set()) if response is not None else set()


@pytest.fixture
def fuzz(client, settings, demo_site):
    from procedures.alerts.models import Subscription
    from procedures.models import ProcedurePage

    settings.MIDDLEWARE = ["tests.fuzzing.RecordingMiddleware", *settings.MIDDLEWARE]
    # A token to confirm and cancel: the demo has no subscriber.
    Subscription.objects.create(email="fuzz@example.invalid", target="procedure",
                                procedure=ProcedurePage.objects.live().first())  # fmt: skip
    skipped = []
    probe = Probe(client)
    pages, missing = fuzzing.page_targets()
    assert not missing, f"page types without a live page in the demo (not fuzzed): {missing}"
    targets = fuzzing.url_targets(client, skipped) + pages
    assert not skipped, f"unnamed public URL patterns cannot be fuzzed: {skipped}"
    return probe, targets


def _sweep(probe, target, values):
    """Every parameter the target reads (found while it answers, also those read only after another
    parameter is given), each fed every value and repeated; returns the (method, name) pairs."""
    queue, seen = [], set()
    for method in ("GET", "POST"):
        queue += [(method, name) for name in probe.reads(probe.send(target.label, method, target.path), method)]
    while queue:
        method, name = queue.pop()
        if (method, name) in seen:
            continue
        seen.add((method, name))
        for value in [*values, ["1", "²", "a\x00b"]]:
            label = f"{target.label} {name}={str(value)[:16]!r}"
            response = probe.send(label, method, target.path, {name: value})
            queue += [(method, n) for n in probe.reads(response, method) if (method, n) not in seen]
    return seen


def _hostile_text():
    printable = st.characters(exclude_categories=["Cs"])  # lone surrogates cannot travel in UTF-8
    return st.one_of(
        st.sampled_from(fuzzing.HOSTILE),
        st.text(printable, max_size=30),
        st.text(st.characters(categories=["Nd", "No", "Cc", "Cf", "Zs"]), min_size=1, max_size=25),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
        st.from_regex(r"\A-?[0-9]{1,6}-[0-9]{1,3}(-[0-9]{1,3})?\Z"),
    )


def _run(fuzz, *, values, examples, derandomize):
    probe, targets = fuzz
    cases = []
    for target in targets:
        cases += [(target, method, name) for method, name in sorted(_sweep(probe, target, values))]
        for label, path in fuzzing.hostile_paths(target):
            probe.send(label, "GET", path)
    swept = probe.sent

    @hypothesis_settings(
        max_examples=examples, deadline=None, database=None, derandomize=derandomize,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )  # fmt: skip
    @given(case=st.sampled_from(cases), value=_hostile_text(), repeat=st.booleans())
    def random_values(case, value, repeat):
        target, method, name = case
        probe.send(f"{target.label} {name}={value[:16]!r}", method, target.path, {name: [value, value] if repeat else value})

    random_values()
    print(f"\n{len(targets)} targets, {len(cases)} parameters, {swept} swept + {probe.sent - swept} random requests")
    return probe, targets, cases


def test_no_hostile_value_gets_a_500(fuzz):
    probe, targets, cases = _run(fuzz, values=fuzzing.HOSTILE, examples=150, derandomize=True)
    assert not probe.failures, "\n".join(probe.failures[:40])
    labels = {t.label for t in targets}
    # The walk found the public routes and every page type, and the recorder the parameters they read.
    assert {"procedures_public:recent", "hotline:feedback_form", "ArticlePage", "NewsIndexPage"} <= labels
    read = {(t.label, name) for t, _method, name in cases}
    assert {("NewsIndexPage", "trang"), ("DirectiveLibraryPage", "nam"), ("hotline:feedback_form", "ward"),
            ("procedures_public:recent", "ngay"), ("procedure_desk:desk_sheets", "thu-tuc")} <= read  # fmt: skip


@pytest.mark.slow
def test_no_hostile_value_gets_a_500_long_form(fuzz):
    probe, _targets, _cases = _run(fuzz, values=fuzzing.HOSTILE + fuzzing.HOSTILE_EXTRA, examples=3000,
                                   derandomize=False)  # fmt: skip
    assert not probe.failures, "\n".join(probe.failures[:40])
