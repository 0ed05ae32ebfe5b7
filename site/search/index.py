"""The content index: one Elasticsearch index behind an alias, defined with elasticsearch.dsl.

Every searchable text is indexed twice with the standard analyzer (server core only): as published
(`title`, diacritics kept, for exact-diacritic boosts) and folded by our own code (`title_fold`: no
marks, đ→d, i/y unified). Rebuilds create a new timestamped index and swap the alias atomically.
"""

import datetime
import logging
import re

from django.conf import settings
from elasticsearch.dsl import Boolean, Date, Document, Index, Keyword, MetaField, Text

from search import engine
from search.vietnamese import fold, normalize, normalize_code

logger = logging.getLogger(__name__)

# Bump when the mapping or the way documents are prepared changes: search_status then says a
# rebuild is due.
MAPPING_VERSION = 4

# How much of a body is kept to cut snippets from (matching uses the whole body).
EXCERPT_CHARS = 6000

# Tokens as the standard analyzer sees them on folded text (codes and 1,5 stay whole); the same
# pattern as vietnamese.syllables, applied to a whole folded string at C speed.
_TOKEN_RE = re.compile(r"[^\W_]+(?:(?:\.|(?<=\d),(?=\d))[^\W_]+)*")


class ContentDocument(Document):
    type = Keyword()
    # Phrase pairs (index_phrases) and prefixes on the short fields only: on bodies they would double
    # the indexing work of a rebuild for a small gain in query time.
    title = Text(analyzer="standard", index_options="offsets")
    title_fold = Text(
        analyzer="standard",
        index_options="offsets",
        index_phrases=True,
        index_prefixes={"min_chars": 1, "max_chars": 8},
    )
    keywords = Text(analyzer="standard")
    keywords_fold = Text(analyzer="standard", index_phrases=True)
    tags_fold = Text(analyzer="standard")
    body = Text(analyzer="standard")
    body_fold = Text(analyzer="standard")
    summary = Text(index=False)
    code = Keyword(normalizer="lowercase")
    # Every code that names the document: its code, local codes, and the national code under each
    # province-applied one (1.001699.000.00.00.H17 -> 1.001699), so any province's suffix finds it.
    codes = Keyword(normalizer="lowercase", multi=True)
    status = Keyword()
    status_label = Keyword(index=False)
    hidden = Boolean()
    field = Keyword()
    level = Keyword()
    agency = Keyword()
    online_kind = Keyword()
    ward = Keyword()
    url = Keyword(index=False)
    date = Date()

    excerpt = Text(index=False)  # the start of the body, for snippets

    class Meta:
        dynamic = MetaField("strict")
        # Searched, never shown: kept out of _source, which stays small and quick to fetch.
        source = MetaField(
            excludes=["body", "body_fold", "title_fold", "keywords_fold", "tags_fold", "codes"]
        )


def alias_name():
    return engine.index_name("content")


def building_alias_name():
    """Points at an index while a rebuild fills it, so queue updates reach it too."""
    return engine.index_name("content_building")


def new_index_name():
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{alias_name()}_{stamp}"


class IndexMissing(Exception):
    """No index behind the alias: only a full rebuild may create one (never a queue drain)."""


def replica_settings():
    """ELASTICSEARCH_REPLICAS: "auto" lets the engine keep one copy on another node whenever the cluster
    has two nodes or more (and none on a single node, which stays green); a number fixes it."""
    replicas = settings.ELASTICSEARCH_REPLICAS
    if replicas == "auto":
        return {"auto_expand_replicas": "0-1"}
    return {"number_of_replicas": int(replicas), "auto_expand_replicas": False}


def _index(name):
    index = Index(name)
    index.document(ContentDocument)
    index.settings(
        number_of_shards=settings.ELASTICSEARCH_SHARDS,
        **replica_settings(),
        # Highlighting whole procedure bodies needs more than the default 1,000,000 characters guard.
        highlight={"max_analyzed_offset": 2_000_000},
    )
    return index


def create_index(name, *, for_bulk=False):
    client = engine.admin_client()
    index = _index(name)
    index.create(using=client)
    client.indices.put_mapping(index=name, meta={"mapping_version": MAPPING_VERSION})
    if for_bulk:
        client.indices.put_settings(index=name, settings={"index": {"refresh_interval": "-1"}})
    return name


def finish_bulk(name):
    client = engine.admin_client(timeout=300)
    client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
    client.indices.refresh(index=name)


def indices_of(alias, client=None):
    """Concrete index names behind an alias ([] if the alias does not exist)."""
    client = client or engine.admin_client()
    if not client.indices.exists_alias(name=alias):
        return []
    return sorted(client.indices.get_alias(name=alias).body)


def write_targets(client=None):
    """Every index an update must reach: the live one and, during a rebuild, the one being built.

    Never creates an index: a queue drain that made a fresh one would pass a handful of documents off
    as the whole index (the engine restarted empty). IndexMissing sends the caller to a rebuild.
    """
    targets = sorted(set(indices_of(alias_name(), client)) | set(indices_of(building_alias_name(), client)))
    if not targets:
        raise IndexMissing(f"no index behind {alias_name()}")
    return targets


def swap_alias(new_name):
    """Point the alias at new_name in one atomic step; returns the indices it pointed at before."""
    client = engine.admin_client()
    old = indices_of(alias_name())
    actions = [{"remove": {"index": name, "alias": alias_name()}} for name in old]
    actions.append({"add": {"index": new_name, "alias": alias_name()}})
    client.indices.update_aliases(actions=actions)
    return old


def orphan_indices():
    """Our content indices that no alias points at (left by an interrupted rebuild)."""
    client = engine.admin_client()
    pattern = f"{alias_name()}_*"
    names = set(client.indices.get(index=pattern, expand_wildcards="open").body)
    in_use = set(indices_of(alias_name())) | set(indices_of(building_alias_name()))
    return sorted(names - in_use)


def delete_index(name):
    engine.admin_client().indices.delete(index=name, ignore_unavailable=True)


def mapping_version(name):
    mapping = engine.admin_client().indices.get_mapping(index=name).body
    return (mapping.get(name, {}).get("mappings", {}).get("_meta") or {}).get("mapping_version")


def all_codes(codes):
    """Codes as the `codes` field holds them: each code and the national code inside it, lowercase."""
    found = []
    for code in codes:
        if code:
            found.append(code.lower())
            match = _NATIONAL_RE.match(code)
            if match:
                found.append(match.group().lower())
    return list(dict.fromkeys(found))


_NATIONAL_RE = re.compile(r"\d\.\d{6}")


def folded_terms(folded):
    """Already folded text as the fallback stores it: tokens joined by single spaces."""
    return " ".join(_TOKEN_RE.findall(folded))


def to_source(adapter, document):
    """The JSON source of one SearchDocument, with the language work done in our code."""
    title = normalize(document.title)
    body = normalize(document.body)
    keywords = [normalize(k) for k in document.keywords if k and k.strip()]
    code = normalize_code(document.code) if document.code else ""
    others = [normalize_code(c) for c in document.codes if c and c.strip()]
    keyword_text = "\n".join(keywords + [c for c in [code, *others] if c])
    tags = " \n".join(t for t in document.tags if t)
    return {
        "type": adapter.type,
        "title": title,
        "title_fold": fold(title),
        "keywords": keyword_text,
        "keywords_fold": fold(keyword_text),
        "tags_fold": fold(tags),
        "body": body,
        "body_fold": fold(body),
        "summary": normalize(document.summary)[:400],
        "excerpt": body[:EXCERPT_CHARS],
        "code": code,
        "codes": all_codes([code, *others]),
        "status": document.status,
        "status_label": document.status_label,
        "hidden": bool(document.status and document.status in adapter.hidden_statuses),
        "field": document.field,
        "level": document.level,
        "agency": document.agency,
        "online_kind": document.online_kind,
        "ward": document.ward,
        "url": document.url,
        "date": document.date.isoformat() if document.date else None,
    }
