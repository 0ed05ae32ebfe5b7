"""Demo loader step (runs last): index everything the other apps just created.

Demo pages may be created without Wagtail's publish signals, so the database copy and, when an engine
answers, a fresh index are rebuilt here; an unreachable engine only leaves a note (the queue and
search_rebuild catch up later).
"""

import importlib

from search import engine, indexing

ORDER = 1000


def ensure_synonyms(ctx):
    """The synonym groups the migration seeds, when the table is empty (a database flushed after
    migrating, as between transactional tests). Never re-adds groups an editor deleted one by one."""
    from search import synonyms
    from search.models import SearchSynonym

    if SearchSynonym.objects.exists():
        return
    seed = importlib.import_module("search.migrations.0002_seed_synonyms").SEED
    SearchSynonym.objects.bulk_create(SearchSynonym(phrases=phrases, note=note) for phrases, note in seed)
    synonyms.changed()  # bulk_create sends no signal
    ctx.log(f"Từ đồng nghĩa tìm kiếm: {len(seed)} nhóm mặc định")


def ensure_everyday(ctx):
    """The everyday vocabulary the migration seeds, when the table is empty (as for the synonyms)."""
    from search import everyday
    from search.models import EverydayTerm

    if EverydayTerm.objects.exists():
        return
    seed = [
        entry
        for migration in ("0004_everydayterm", "0005_everyday_more")
        for entry in importlib.import_module(f"search.migrations.{migration}").SEED
    ]
    EverydayTerm.objects.bulk_create(
        EverydayTerm(phrases=phrases, means=means, kind=kind, origin=EverydayTerm.Origin.SEED)
        for phrases, means, kind in seed
    )
    everyday.changed()  # bulk_create sends no signal
    ctx.log(f"Cách nói đời thường: {len(seed)} mục mặc định")


def load(ctx):
    ensure_synonyms(ctx)
    ensure_everyday(ctx)
    use_engine = engine.is_configured() and engine.server_version() is not None
    stats = indexing.rebuild(engine_too=use_engine, database_too=True)
    where = "Elasticsearch và cơ sở dữ liệu" if use_engine else "cơ sở dữ liệu"
    ctx.log(f"Tìm kiếm: {stats['indexed']} tài liệu vào {where}")
    if engine.is_configured() and not use_engine:
        ctx.log("Máy chủ tìm kiếm không trả lời: chạy manage.py search_rebuild khi máy chủ hoạt động.")
