"""The one entry point the views use: pick the engine, fall back to the database, add "did you mean".

When Elasticsearch fails (down, slow past ELASTICSEARCH_TIMEOUT, broken index), or its index is not
whole (search.health), the same request is answered from the database and marked degraded; a failure
is remembered in the cache for a few seconds so a citizen does not wait for a dead engine on every
keystroke.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

from search import analysis, engine, everyday, fallback, query, spelling, synonyms, tasks
from search import health as index_health
from search.results import SearchParams, SearchResult

logger = logging.getLogger(__name__)

DOWN_SECONDS = 15


def _down_key():
    return "search:engine-down:" + hashlib.sha1(str(settings.ELASTICSEARCH_URL).encode()).hexdigest()[:16]


def engine_available():
    if not engine.is_configured() or cache.get(_down_key()):
        return False
    # An index that is missing, empty or far behind would hide documents: the database copy answers
    # (the page says results are limited) and the search worker is asked to rebuild.
    if index_health.engine_trusted():
        return True
    tasks.request_heal()
    return False


def mark_engine_down(exc):
    logger.warning("Search engine failed, answering from the database: %s: %s", type(exc).__name__, exc)
    cache.set(_down_key(), True, DOWN_SECONDS)


def mark_engine_up():
    cache.delete(_down_key())


def plan_for(text, groups=None, entries=None):
    """The query plan as a search would build it (synonyms, everyday vocabulary, spelling)."""
    groups = synonyms.load_groups() if groups is None else groups
    entries = everyday.load_entries() if entries is None else entries
    vocabulary = _vocabulary()
    corrections = _corrections(text, vocabulary, entries)
    return analysis.analyze(text, groups, corrections=corrections, known=vocabulary, entries=entries)


def _vocabulary():
    try:
        return spelling.vocabulary()
    except Exception:  # the vocabulary is a help, never a reason to fail a search
        logger.exception("Spelling vocabulary unavailable")
        return None


def _corrections(text, vocabulary, entries=()):
    if vocabulary is None or not text or not text.strip() or analysis.looks_like_code_only(text):
        return []
    try:
        suggestion = vocabulary.suggest(text, everyday.phrase_words(tuple(entries)))
    except Exception:
        logger.exception("Spelling correction failed")
        return []
    return [suggestion] if suggestion else []


def _run(plan, params, facets, engine_name=None):
    if engine_name != "database" and (engine_name == "elasticsearch" or engine_available()):
        try:
            return query.search(plan, params, facets=facets)
        except Exception as exc:  # any engine failure: answer from the database instead
            if engine_name == "elasticsearch":
                raise
            mark_engine_down(exc)
    result = fallback.search(plan, params, facets=facets)
    result.degraded = engine.is_configured() and engine_name != "database"
    return result


def search(params, *, facets=True, groups=None, entries=None, engine_name=None):
    """Search with the engine if it answers, else the database. `engine_name` forces one (benchmarks);
    `groups` and `entries` replace the synonyms and the everyday vocabulary (the admin's preview)."""
    started = time.perf_counter()
    groups = synonyms.load_groups() if groups is None else groups
    entries = everyday.load_entries() if entries is None else entries
    vocabulary = _vocabulary()
    corrections = _corrections(params.q, vocabulary, entries)
    plan = analysis.analyze(params.q, groups, corrections=corrections, known=vocabulary, entries=entries)
    if plan.empty:
        result = SearchResult(engine="elasticsearch" if engine_available() else "database", params=params)
        result.degraded = engine.is_configured() and result.engine == "database"
        return result
    result = _run(plan, params, facets, engine_name)
    # "Did you mean": the spelling correction, which the search above already included.
    if corrections and not plan.code_only:
        result.suggestion = corrections[0]
    result.took_ms = (time.perf_counter() - started) * 1000
    return result


def ranked_keys(text, types=None, limit=200):
    """Document keys ("<type>:<id>") for a request, best first, abolished procedures included: the
    same search as the citizen's (engine when it answers, else the database) for the other search
    boxes of the site (the admin, the directive library)."""
    params = SearchParams(q=text, filters={"type": list(types)} if types else {}, include_hidden=True)
    plan = plan_for(text)
    if plan.empty:
        return []
    if engine_available():
        try:
            return query.ranked_keys(plan, params, limit)
        except Exception as exc:
            mark_engine_down(exc)
    return fallback.ranked_keys(plan, params, limit)


def autocomplete(text, limit=8):
    plan = analysis.analyze(text, synonyms.load_groups(), entries=everyday.load_entries())
    if plan.empty or len(plan.text) < 2:
        return [], "database" if not engine_available() else "elasticsearch"
    if engine_available():
        try:
            return query.autocomplete(plan, limit), "elasticsearch"
        except Exception as exc:
            mark_engine_down(exc)
    return fallback.autocomplete(plan, limit), "database"
