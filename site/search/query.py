"""Elasticsearch queries for the citizen search, on the server core only.

Ranking, strongest first: the exact procedure code; the query as a phrase in a title or in the
keywords citizens use; all words present; syllable pairs adjacent ("khai sinh" as a pair, not "khai"
here and "sinh" there); some words; fuzzy matches for typos. Everything runs on the folded copies;
when the citizen typed diacritics, matches on the diacritics-kept copies add a boost. Each synonym
variant is scored the same way and the best variant counts most (dis_max).

Requests are plain dictionaries in the Query DSL, sent with the client: building them with
elasticsearch.dsl objects and reading its response wrappers cost about 4 ms of CPU per search
(the index itself is defined with elasticsearch.dsl in index.py).
"""

import hashlib
import json

from django.core.cache import cache

from search import engine, highlight, index, registry, rerank
from search.results import FACET_SIZE, FACETS, Facet, FacetValue, Hit, SearchResult

SHORT_FIELDS = ["title_fold^3", "keywords_fold^3", "tags_fold^0.5"]
# Exact diacritics in the short fields only: bodies count through the folded phrase alone (all the
# words scattered in a long body matched thousands of documents; the costliest searches were the
# ones typed with marks, "cấp đổi thẻ căn cước" letting in 10,210 of 22,042 documents).
EXACT_FIELDS = ["title^3", "keywords^3"]
RERANK_FIELDS = ["type", "title", "keywords", "code", "status"]
SOURCE_FIELDS = [
    "type", "title", "url", "code", "status", "status_label", "summary", "excerpt", "field", "level",
    "agency", "date",
]  # fmt: skip


def _phrase(field, query, boost=None, slop=None):
    if boost is None and slop is None:
        return {"match_phrase": {field: query}}
    options = {"query": query}
    if slop is not None:
        options["slop"] = slop
    if boost is not None:
        options["boost"] = boost
    return {"match_phrase": {field: options}}


def _variant_query(variant):
    """Clauses of one variant of the request: what lets a document in, and what ranks it.

    A document comes in with all the required words in its title, keywords and tags, with the
    request as a phrase, with at least two of its adjacent word pairs in the title (one when there
    is only one pair), with most of its words (with typos when a word is unknown), or with the exact
    diacritics typed. Single pairs ("đăng ký" is in thousands of titles) only add to the score:
    letting them in would match nearly everything. A long request (a sentence) also lets in a
    document holding one of its rare word pairs or two of its rarest words, and ranks by every
    word the titles use, rare ones weighing more (BM25): extra words never exclude a document.
    Bodies are long and folded syllables few, so a body counts only when it holds the request as a
    phrase. Variants (synonyms, verbs, corrections, everyday words) and fuzzy matching work on the
    short fields.
    """
    words = variant.folded
    required = " ".join(variant.required)
    full = " ".join(variant.tokens)
    original = variant.kind == "original"
    long = variant.long
    pairs = variant.key_pairs if long else variant.bigrams()
    entry = [
        # the whole request as a phrase
        _phrase("title_fold", words, boost=6.0, slop=1),
        _phrase("keywords_fold", words, boost=6.0, slop=0),
    ]
    if required:
        # all required words, in the title, keywords and tags taken together
        entry.append(
            {
                "multi_match": {
                    "query": required,
                    "fields": SHORT_FIELDS,
                    "type": "cross_fields",
                    "operator": "and",
                    "boost": 2.0,
                }
            }
        )
    if long:
        entry += [
            _constant(_phrase(field, pair)) for pair in pairs for field in ("title_fold", "keywords_fold")
        ]
        if len(variant.key_words) >= 2:
            entry.append(
                _constant(
                    {
                        "bool": {
                            "should": [
                                {"multi_match": {"query": word, "fields": ["title_fold", "keywords_fold"]}}
                                for word in variant.key_words
                            ],
                            "minimum_should_match": 2,
                        }
                    }
                )
            )
    elif len(pairs) > 1:
        entry.append(
            _constant(
                {
                    "bool": {
                        "should": [_phrase("title_fold", pair) for pair in pairs],
                        "minimum_should_match": 2,
                    }
                }
            )
        )
    if original:
        # most of the words in the short fields; with typos (one edit in words of 4-6 letters, two
        # from 7) when a word of 4 letters or more is not a known title word. Shorter words are
        # left to the spelling correction, which knows which syllables exist; expanding known
        # words only found near-misses and was a fifth of the engine's time. Not for sentences:
        # their unknown words are everyday words, not typos.
        most = {
            "query": required or words,
            "fields": ["title_fold^2", "keywords_fold^2"],
            "minimum_should_match": "2<75%",
            "boost": 0.6,
        }
        if variant.fuzzy and not long:
            most.update(fuzziness="AUTO:4,7", prefix_length=1, max_expansions=10)
        entry += [_phrase("body_fold", words, boost=1.5), {"multi_match": most}]
        if full != words:
            entry.append(_phrase("title_fold", full, boost=3.0, slop=0))
    if variant.exact and not long:
        exact = variant.text.lower()
        entry.append(
            {
                "multi_match": {
                    "query": exact,
                    "fields": EXACT_FIELDS,
                    "type": "cross_fields",
                    "operator": "and",
                    "boost": 1.5,
                }
            }
        )
        entry.append(_phrase("title", exact, boost=3.0, slop=1))
    rank = []
    for pair in pairs:  # adjacent syllables: "khai sinh" as a word
        rank.append(_phrase("title_fold", pair, boost=1.5))
        if original:
            rank.append(_phrase("keywords_fold", pair, boost=1.5))
    if long and required:
        # every word titles use, each by its rarity (BM25): the rare words of a sentence carry it
        rank.append({"multi_match": {"query": required, "fields": ["title_fold^2", "keywords_fold^2"]}})
    for phrase in variant.focus[:MAX_FOCUS]:
        # the catalogue's name for what the citizen said: the subject of the request
        focus = [_phrase("title_fold", phrase, boost=3.0), _phrase("keywords_fold", phrase, boost=3.0)]
        rank += focus
        entry += focus
    query = {"must": [{"bool": {"should": entry, "minimum_should_match": 1}}], "boost": variant.weight}
    if rank:
        query["should"] = rank
    return {"bool": query}


MAX_FOCUS = 2


def _constant(query):
    """Lets a document in without scoring it (the other clauses rank it)."""
    return {"constant_score": {"filter": query, "boost": 0.0}}


def _code_clauses(plan):
    """A typed code: exact (1000, the catalogue's code or a local code), the national code under a
    province-applied one (800 for the national record, 600 for any record applying it), a longer
    code starting with it (500)."""
    clauses = []

    def add(query, boost):
        clauses.append({"constant_score": {"filter": query, "boost": boost}})

    if plan.code:
        code = plan.code.lower()
        add({"bool": {"should": [{"term": {"code": code}}, {"term": {"codes": code}}]}}, 1000.0)
        add({"prefix": {"code": code + "."}}, 500.0)
        if plan.national_code:
            national = plan.national_code.lower()
            add({"term": {"code": national}}, 800.0)
            add({"term": {"codes": national}}, 600.0)
    if plan.local_code:
        add({"term": {"codes": plan.local_code.lower()}}, 1000.0)
    return clauses


def text_query(plan):
    """The scoring query for a plan, without filters."""
    scored = _code_clauses(plan)
    if not plan.code_only:
        variants = [_variant_query(v) for v in plan.variants]
        if variants:
            scored.append({"dis_max": {"queries": variants, "tie_breaker": 0.3}})
    if not scored:
        return {"match_none": {}}
    return _weighted({"bool": {"should": scored, "minimum_should_match": 1}})


def _weighted(query):
    """Type and status priors from the adapters (procedures first, replaced ones after their successor)."""
    functions = []
    for adapter in registry.adapters():
        if getattr(adapter, "boost", 1.0) != 1.0:
            functions.append({"filter": {"term": {"type": adapter.type}}, "weight": adapter.boost})
        for status, weight in getattr(adapter, "status_weights", {}).items():
            functions.append(
                {
                    "filter": {
                        "bool": {"filter": [{"term": {"type": adapter.type}}, {"term": {"status": status}}]}
                    },
                    "weight": weight,
                }
            )
    if not functions:
        return query
    return {
        "function_score": {
            "query": query,
            "functions": functions,
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }
    }


def _filter_clauses(field_filters, exclude=None):
    return [{"terms": {field: values}} for field, values in field_filters.items() if field != exclude]


def _visibility(params):
    """Hidden statuses (abolished) stay out unless the citizen filters on a status."""
    if params.filters.get("status") or params.include_hidden:
        return []
    return [{"term": {"hidden": False}}]


def _facet_aggs(field_filters, visibility):
    """Facet counts, each under the other facets' filters (multi-select); the status facet also
    counts hidden (abolished) documents. Facets under the same filters share one filter
    aggregation, and those under no filter are plain terms aggregations: with no filter chosen,
    one filter instead of six (each filter aggregation was a pass over the matching documents)."""
    shared = {}  # filters -> (filter clauses, [(param, field)])
    for param, field, _ in FACETS:
        flt = _filter_clauses(field_filters, exclude=field)
        if field != "status":  # counts for every status, abolished included, so they can be asked for
            flt += visibility
        shared.setdefault(repr(flt), (flt, []))[1].append((param, field))
    aggs = {}
    for number, (flt, members) in enumerate(shared.values()):
        terms = {
            f"f_{param}": {"terms": {"field": field, "size": FACET_SIZE, "min_doc_count": 1}}
            for param, field in members
        }
        if flt:
            aggs[f"g{number}"] = {"filter": {"bool": {"filter": flt}}, "aggs": terms}
        else:
            aggs.update(terms)
    return aggs


def _facet_buckets(aggs):
    """param -> buckets, wherever the facet's terms aggregation sits (top level or in a filter)."""
    found = {}
    for name, value in aggs.items():
        if name.startswith("f_"):
            found[name[2:]] = value["buckets"]
        elif isinstance(value, dict):
            found.update(_facet_buckets({k: v for k, v in value.items() if isinstance(v, dict)}))
    return found


def build_search(plan, params, *, facets=True, fields=None, window=None):
    """The search request body; `window` = (from, size) overrides the page (the rerank pass asks for more)."""
    field_filters = params.field_filters()
    visibility = _visibility(params)
    start, size = window or (params.offset, params.per_page)
    body = {
        "query": text_query(plan),
        "_source": fields or SOURCE_FIELDS,
        "track_total_hits": True,
        "from": start,
        "size": size,
    }
    # Filters go to post_filter so that each facet can count its values under the other filters.
    post = _filter_clauses(field_filters) + visibility
    if post:
        body["post_filter"] = {"bool": {"filter": post}}
    if facets:
        body["aggs"] = _facet_aggs(field_filters, visibility)
    return body


def _execute(body):
    return engine.get_client().search(index=index.alias_name(), body=body).body


def _hit(key, score, source, plan, labels, status_labels):
    """A result with its title and snippet marked in the original Vietnamese (highlight.py)."""
    title = source.get("title", "")
    body = source.get("excerpt", "")
    terms = set(plan.all_terms())
    status = source.get("status", "")
    return Hit(
        key=key,
        type=source.get("type", ""),
        type_label=labels.get(source.get("type", ""), ""),
        title=title,
        url=source.get("url", ""),
        code=source.get("code", ""),
        status=status,
        status_label=source.get("status_label") or status_labels.get(status, ""),
        title_html=highlight.highlight_whole(title, terms),
        highlight=highlight.highlight_terms(body, terms),
        summary=source.get("summary", "") or body[:200],
        field=source.get("field", ""),
        level=source.get("level", ""),
        agency=source.get("agency", ""),
        date=source.get("date"),
        score=score or 0.0,
    )


def facets_from(response, params):
    labels = registry.type_labels()
    status_labels = registry.status_labels()
    hidden = set(registry.hidden_statuses())
    facets = []
    hidden_count = 0
    buckets = _facet_buckets(response.get("aggregations") or {})
    for param, _field, heading in FACETS:
        if param not in buckets:
            continue
        selected = set(params.filters.get(param, []))
        values = []
        for bucket in buckets[param]:
            value = bucket["key"]
            if value == "":
                continue
            if param == "type":
                label = labels.get(value, value)
            elif param == "status":
                label = status_labels.get(value, value)
                if value in hidden:
                    hidden_count += bucket["doc_count"]
            else:
                label = value
            values.append(
                FacetValue(value=value, label=label, count=bucket["doc_count"], selected=value in selected)
            )
        for value in selected - {v.value for v in values}:
            values.append(FacetValue(value=value, label=value, count=0, selected=True))
        facets.append(Facet(param=param, label=heading, values=values))
    return facets, hidden_count


# Facet counts and the total of a request are kept this long: popular requests repeat, and counting
# every matching document (aggregations, an exact total) was most of the engine's work per search.
# New documents show in the counts within this time; they show in the results at once.
FACET_SECONDS = 30


def _counts_key(plan, params):
    """Cache key of a request's counts: what the engine is asked (every variant, codes, filters)."""
    asked = [
        index.alias_name(),
        [(v.text, v.kind) for v in plan.variants],
        [plan.code, plan.national_code, plan.local_code, plan.code_only],
        sorted((k, sorted(v)) for k, v in params.filters.items()),
        params.include_hidden,
    ]
    digest = hashlib.sha1(json.dumps(asked, ensure_ascii=False).encode()).hexdigest()
    return f"search:counts:{digest}"


def search(plan, params, *, facets=True):
    """Run the search on Elasticsearch; raises on any engine error (the caller falls back).

    Pages within the first RERANK_DEPTH results take two requests: candidates (small fields) with
    facets, reranked by title coverage (rerank.py), then the page's documents by id. The facet counts
    and the total come from the cache when the same request was answered in the last FACET_SECONDS:
    the engine then only ranks (no aggregations, no exact count, so it may skip documents that cannot
    reach the top).
    """
    labels = registry.type_labels()
    status_labels = registry.status_labels()
    result = SearchResult(engine="elasticsearch", params=params)
    end = params.offset + params.per_page
    key = _counts_key(plan, params)
    counts = cache.get(key)
    ask_counts = counts is None
    if plan.code_only or end > rerank.RERANK_DEPTH:
        body = build_search(plan, params, facets=facets and ask_counts)
    else:
        body = build_search(
            plan, params, facets=facets and ask_counts, fields=RERANK_FIELDS, window=(0, rerank.RERANK_DEPTH)
        )
    if not ask_counts:
        body["track_total_hits"] = False
    response = _execute(body)
    if plan.code_only or end > rerank.RERANK_DEPTH:
        result.hits = [
            _hit(h["_id"], h["_score"], h["_source"], plan, labels, status_labels)
            for h in response["hits"]["hits"]
        ]
    else:
        candidates = [
            {"id": h["_id"], "score": h["_score"] or 0.0, **h["_source"]} for h in response["hits"]["hits"]
        ]
        page = rerank.rerank(plan, candidates)[params.offset : end]
        result.hits = _fetch_page(plan, page, labels, status_labels)
    if ask_counts:
        counts = {"total": response["hits"]["total"]["value"]}
        if facets:  # only complete counts are kept
            counts["aggregations"] = response.get("aggregations") or {}
            cache.set(key, counts, FACET_SECONDS)
    result.total = counts["total"]
    if facets:
        result.facets, result.hidden_count = facets_from(counts, params)
        if params.filters.get("status"):
            result.hidden_count = 0
    return result


def ranked_keys(plan, params, limit):
    """Keys of the best `limit` documents, the first RERANK_DEPTH reranked (no facets, no page)."""
    body = build_search(plan, params, facets=False, fields=RERANK_FIELDS, window=(0, limit))
    body["track_total_hits"] = False
    hits = _execute(body)["hits"]["hits"]
    candidates = [{"id": h["_id"], "score": h["_score"] or 0.0, **h["_source"]} for h in hits]
    depth = rerank.RERANK_DEPTH
    ordered = rerank.rerank(plan, candidates[:depth]) + candidates[depth:]
    return [c["id"] for c in ordered]


def _fetch_page(plan, page, labels, status_labels):
    """The documents of one page, in the reranked order (one multi-get)."""
    if not page:
        return []
    docs = engine.get_client().mget(
        index=index.alias_name(), ids=[c["id"] for c in page], source=SOURCE_FIELDS
    )
    found = {d["_id"]: d["_source"] for d in docs["docs"] if d.get("found")}
    return [
        _hit(c["id"], c["score"], found[c["id"]], plan, labels, status_labels)
        for c in page
        if c["id"] in found
    ]


def autocomplete(plan, limit=8):
    """Titles starting with, or containing a phrase starting with, what was typed so far."""
    should = []
    if plan.code:
        should.append({"constant_score": {"filter": {"prefix": {"code": plan.code.lower()}}, "boost": 100.0}})
    for variant in plan.variants[:3]:
        typed = " ".join(variant.tokens)
        should += [
            {"match_phrase_prefix": {"title_fold": {"query": typed, "max_expansions": 30, "boost": 3.0}}},
            {"match_bool_prefix": {"title_fold": {"query": typed, "operator": "and"}}},
            {"match_phrase_prefix": {"keywords_fold": {"query": typed, "max_expansions": 30, "boost": 2.0}}},
        ]
    if not should:
        return []
    query = _weighted(
        {"bool": {"should": should, "minimum_should_match": 1, "filter": [{"term": {"hidden": False}}]}}
    )
    response = _execute(
        {
            "query": query,
            "_source": ["type", "title", "url", "code"],
            "size": limit,
            "track_total_hits": False,
        }
    )
    labels = registry.type_labels()
    return [
        {
            "title": h["_source"]["title"],
            "url": h["_source"]["url"],
            "code": h["_source"].get("code") or "",
            "type": h["_source"]["type"],
            "type_label": labels.get(h["_source"]["type"], ""),
        }
        for h in response["hits"]["hits"]
    ]
