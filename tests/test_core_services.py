"""The ground floor's shared services: the site cache, the holiday calendar's move, the rate limiter."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_holiday_move_to_core_keeps_the_editors_calendar_both_ways():
    """hotline.0003 copies the rows editors kept (edited, deleted, added) into core's table and back."""
    executor = MigrationExecutor(connection)
    before = [("hotline", "0002_seed_topics_and_holidays"), ("core", "0002_seed_holidays")]
    after = [("hotline", "0003_holidays_move_to_core")]
    try:
        executor.migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps.get_model("hotline", "PublicHoliday")
        old.objects.filter(date="2025-01-01").delete()
        old.objects.filter(date="2025-09-02").update(name="Quốc khánh (đã sửa)")
        old.objects.create(date="2030-01-01", name="Ngày nghỉ thêm", kind="off")
        expected = sorted(old.objects.values_list("date", "name", "kind", "note"))

        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("core", "PublicHoliday")
        assert sorted(new.objects.values_list("date", "name", "kind", "note")) == expected

        executor = MigrationExecutor(connection)
        executor.migrate(before)
        back = executor.loader.project_state(before).apps.get_model("hotline", "PublicHoliday")
        assert sorted(back.objects.values_list("date", "name", "kind", "note")) == expected
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_rate_limit_counts_per_identity_and_window(settings, monkeypatch):
    from core import ratelimit

    limit = ratelimit.RateLimit("test-scope", "2/hour", "TEST_RATE_LIMIT")
    now = [7200.0 * 1000]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert limit.hit("a") and not limit.exceeded("a")
    assert limit.hit("a") and limit.exceeded("a")
    assert not limit.hit("a")  # the third in the window
    assert limit.hit("b")  # another identity has its own count
    now[0] += 3600  # the next window
    assert limit.hit("a") and limit.used("a") == 1
    settings.TEST_RATE_LIMIT = "1/hour"  # a setting overrides the default rate
    assert limit.rate == (1, 3600) and limit.exceeded("a")


def test_rate_limit_rejects_a_malformed_rate():
    from django.core.exceptions import ImproperlyConfigured

    from core.ratelimit import parse_rate

    assert parse_rate("100/10m") == (100, 600)
    with pytest.raises(ImproperlyConfigured):
        parse_rate("five per hour")


def test_client_key_follows_the_client_address_policy_and_hides_the_address(settings, rf):
    from core.ratelimit import client_key

    direct = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.1")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_key(direct) == client_key(other)  # a forged header changes nothing
    assert "10.0.0.9" not in client_key(direct)
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_key(direct) != client_key(other)  # behind one proxy the forwarded address counts


@pytest.mark.django_db
def test_next_child_paths_match_what_treebeard_gives_the_next_children():
    """core.tree relies on treebeard's private path helpers: an upgrade that changes them fails here."""
    from wagtail.models import Page

    from core.tree import next_child_paths
    from home.factories import ContentPageFactory, HomePageFactory

    parent = HomePageFactory(parent=Page.get_first_root_node(), slug="cay-thu")
    predicted = next_child_paths(parent, 3)
    made = [ContentPageFactory(parent=Page.objects.get(pk=parent.pk)).path for _ in range(3)]
    assert predicted == made
    assert next_child_paths(Page.objects.get(pk=parent.pk), 1)[0] > made[-1]


@pytest.mark.django_db
def test_rows_make_instances_from_cached_values_and_know_loaded_relations():
    """core.rows relies on Model._state.fields_cache: an upgrade that changes it fails here."""
    from core.rows import instance_from_values, relation_loaded
    from procedures.factories import ProcedurePageFactory, catalogue
    from procedures.models import ProcedureField, ProcedurePage

    field = ProcedureField.objects.create(name="Lĩnh vực thử tải")
    made = instance_from_values(ProcedureField, {"id": field.pk, "name": field.name, "slug": field.slug})
    assert made.pk == field.pk and made.name == field.name and not made._state.adding
    assert made.get_deferred_fields() == {f.attname for f in ProcedureField._meta.concrete_fields} - {"id", "name", "slug"}

    page = ProcedurePageFactory(parent=catalogue(), field=field)
    fresh = ProcedurePage.objects.get(pk=page.pk)
    assert not relation_loaded(fresh, "field")
    assert fresh.field.name == field.name and relation_loaded(fresh, "field")
    assert relation_loaded(ProcedurePage.objects.select_related("level").get(pk=page.pk), "level")


def _fingerprint(obj):
    import hashlib
    import inspect

    return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()[:16]


def test_routing_still_mirrors_wagtails_page_route():
    """home/routing.py routes a deep URL itself and falls back to Page.route; it was checked against
    this version of Page.route. An upgrade that changes it fails here: compare the new Page.route
    with DirectRouteMixin.route (checks, RouteResult, 404s), then update the fingerprint."""
    from wagtail.models import Page

    assert _fingerprint(Page.route) == "643c9afcc2deb381", "Wagtail's Page.route changed: re-check home/routing.py"


def test_postgresql_engine_still_finds_the_cursor_it_replaces():
    """config.postgresql swaps Django's ServerBindingCursor in the connection parameters; an upgrade
    that renames the class or stops passing a cursor_factory fails here, not silently in production."""
    from django.db.backends.postgresql import base

    from config.postgresql.base import PlannedLikeCursor

    assert issubclass(PlannedLikeCursor, base.ServerBindingCursor)
    assert _fingerprint(base.DatabaseWrapper.get_connection_params) == "c3b08b880d604ccb", (
        "Django's get_connection_params changed: re-check config/postgresql/base.py"
    )


@pytest.mark.django_db
def test_reference_index_adapter_gives_the_rows_wagtail_writes():
    """core.reference_index calls two private ReferenceIndex methods; what they give must equal what
    Wagtail's public create_or_update_for_object() stores, or the import's bulk index drifts."""
    from wagtail.models import ReferenceIndex

    from core.reference_index import content_path_hash, references_of
    from procedures.factories import make_procedure
    from procedures.models import ProcedurePage

    page = ProcedurePage.objects.get(pk=make_procedure(name="Chứng thực bản sao").pk)
    ReferenceIndex.create_or_update_for_object(page)
    stored = ReferenceIndex.get_references_for_object(page)
    assert stored.exists()  # field, level and agency at least
    assert references_of(page) == set(
        stored.values_list("to_content_type_id", "to_object_id", "model_path", "content_path")
    )
    assert all(row.content_path_hash == content_path_hash(row.content_path) for row in stored)


@pytest.mark.django_db
def test_insert_rows_writes_many_rows_in_one_statement_and_marks_them_saved(django_assert_num_queries):
    """core.rows.insert_rows relies on Django's insert query and compiler and on Model._state."""
    from core.rows import insert_rows
    from procedures.models import ProcedureField

    rows = [ProcedureField(name=f"Lĩnh vực chèn {n}", slug=f"linh-vuc-chen-{n}") for n in range(3)]
    with django_assert_num_queries(1):
        pks = insert_rows(ProcedureField, rows, [ProcedureField._meta.get_field(f) for f in ("name", "slug")])
    assert pks == [row.pk for row in rows] and None not in pks
    assert all(not row._state.adding and row._state.db == "default" for row in rows)
    rows[0].name = "Lĩnh vực đã đổi tên"
    rows[0].save()  # an UPDATE of the inserted row, not a second row
    assert ProcedureField.objects.filter(pk__in=pks).count() == 3
    assert ProcedureField.objects.get(pk=pks[0]).name == "Lĩnh vực đã đổi tên"


@pytest.mark.django_db
def test_site_cache_reads_the_shared_version_once_per_request_and_keeps_values_in_memory(settings, tmp_path):
    """With a cache shared between processes, a request reads the site-cache version once and the values
    from this process's memory; a change made elsewhere shows from the next request, its own at once."""
    from unittest import mock

    from django.core.cache import caches
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from core import cache as site_cache

    # As Django's test client does: the signals without closing the test's database connection.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    site_cache.forget()
    built = []

    def build():
        built.append(1)
        return f"menu {len(built)}"

    shared = caches["default"]
    request_started.send(sender=None)
    try:
        with mock.patch.object(shared, "get", wraps=shared.get) as gets:
            assert site_cache.cached("menu", build) == "menu 1"
            reads = gets.call_count
            assert [site_cache.cached("menu", build) for _ in range(5)] == ["menu 1"] * 5
            assert gets.call_count == reads  # nothing more read from the shared cache
        shared.incr(site_cache.VERSION_KEY)  # another process published something
        assert site_cache.cached("menu", build) == "menu 1"  # one request sees one version
    finally:
        request_finished.send(sender=None)
    request_started.send(sender=None)
    try:
        assert site_cache.cached("menu", build) == "menu 2"
        site_cache.clear()  # this request changes something: it reads its change
        assert site_cache.cached("menu", build) == "menu 3"
    finally:
        request_finished.send(sender=None)
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    site_cache.forget()
