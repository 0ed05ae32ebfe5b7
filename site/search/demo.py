"""Demo loader step (runs last): index everything the other apps just created.

Demo pages may be created without Wagtail's publish signals, so the database copy and, when an engine
answers, a fresh index are rebuilt here; an unreachable engine only leaves a note (the queue and
search_rebuild catch up later).
"""

from search import engine, indexing

ORDER = 1000


def load(ctx):
    use_engine = engine.is_configured() and engine.server_version() is not None
    stats = indexing.rebuild(engine_too=use_engine, database_too=True)
    where = "Elasticsearch và cơ sở dữ liệu" if use_engine else "cơ sở dữ liệu"
    ctx.log(f"Tìm kiếm: {stats['indexed']} tài liệu vào {where}")
    if engine.is_configured() and not use_engine:
        ctx.log("Máy chủ tìm kiếm không trả lời: chạy manage.py search_rebuild khi máy chủ hoạt động.")
