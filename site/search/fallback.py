"""Database fallback: the same folding and synonyms, scored in SQL that SQLite and PostgreSQL share.

Used when no engine is configured (the embedded run) or when Elasticsearch is down or slow. Scoring
is simple but keeps the engine's order of evidence: exact code, then the phrase, then all words,
then adjacent pairs and single words; titles count more than bodies, shorter titles first.
"""

from collections import Counter

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Greatest, Length

from search import highlight, index, registry, rerank
from search.models import SearchEntry
from search.results import FACET_SIZE, FACETS, Facet, FacetValue, Hit, SearchResult
from search.vietnamese import fold

# A type with more documents than this (years of news) is searched in its most recent ones only:
# every row read is scored with dozens of LIKEs, and 22,000 documents took seconds per search.
RECENT_PER_TYPE = 2000
SCOPE_SECONDS = 60

ROW_FIELDS = [
    "key", "type", "title", "url", "code", "status", "summary", "body", "field", "level", "agency", "date",
]  # fmt: skip


def _has(field, words):
    return Q(**{f"{field}__contains": f" {words} "})


def _when(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())


def _word_points(variant, word, base):
    """Points for one word: as given for a short request; by rarity for a sentence (0 for its small words)."""
    if not variant.long or not variant.weights:
        return base
    top = max(variant.weights.values()) or 1.0
    share = variant.weights.get(word, 0.0) / top
    return round(base * (0.25 + 1.25 * share)) if share else 0


def _variant_score(variant):
    words = variant.content
    phrase = " ".join(words)
    parts = []
    if len(words) > 1:
        parts += [
            _when(_has("title_folded", phrase), 60),
            _when(_has("keywords_folded", phrase), 60),
            _when(_has("text_folded", phrase), 20),
        ]
    all_title = Q()
    all_text = Q()
    for word in dict.fromkeys(variant.required or words):
        all_title &= _has("title_folded", word)
        all_text &= _has("text_folded", word)
    for word in dict.fromkeys(words):
        title, text = _word_points(variant, word, 6), _word_points(variant, word, 2)
        if title:
            parts += [_when(_has("title_folded", word), title), _when(_has("text_folded", word), text)]
    parts += [_when(all_title, 30), _when(all_text, 15)]
    for pair in variant.key_pairs if variant.long else variant.bigrams():
        parts.append(_when(_has("title_folded", pair), 5))
    for focus in variant.focus[:MAX_FOCUS]:
        parts.append(_when(_short_has(focus), 30))
    score = parts[0]
    for part in parts[1:]:
        score = score + part
    return score


def _scope():
    """Rows a search reads: all documents of small types and of types read whole (the catalogue),
    the most recent RECENT_PER_TYPE of other large ones (cut-off dates cached for a minute; new
    documents are newer than the cut-off anyway)."""
    key = f"search:fallback-scope:{RECENT_PER_TYPE}"
    cutoffs = cache.get(key)
    if cutoffs is None:
        cutoffs = {}
        whole = [a.type for a in registry.adapters() if a.whole_in_fallback]
        large = (
            SearchEntry.objects.exclude(type__in=whole)
            .values("type")
            .annotate(n=Count("pk"))
            .filter(n__gt=RECENT_PER_TYPE)
        )
        for row in large:
            dates = (
                SearchEntry.objects.filter(type=row["type"])
                .exclude(date=None)
                .order_by("-date")
                .values_list("date", flat=True)[RECENT_PER_TYPE - 1 : RECENT_PER_TYPE]
            )
            found = list(dates)
            if found:
                cutoffs[row["type"]] = found[0]
        cache.set(key, cutoffs, SCOPE_SECONDS)
    scope = Q()
    for type_, cutoff in sorted(cutoffs.items()):
        scope &= ~Q(type=type_) | Q(date__gte=cutoff)
    return scope


MAX_FOCUS = 2  # as the engine: the catalogue's names a variant put in place of the citizen's words
MAX_PAIR_CHECKS = 6  # adjacent pairs of a variant tried two by two (15 combinations at most)


def _matches(plan):
    """What lets a row in, as in the engine: the code; for a variant, all its words in the title
    and keywords taken together, the request as a phrase in the title or keywords, two of its
    adjacent word pairs in the title; for the request as typed, most of its words in the title or
    keywords, or the phrase in the body. Conditions on the short columns come first; the body is
    read only for rows they did not let in.

    Letting in every row holding any word of any variant (the first version) matched nearly every
    row in scope, and every one of them was then scored with dozens of LIKEs over its whole text:
    seconds per search at 22,000 documents.
    """
    condition = _code_condition(plan)
    if plan.code_only:
        return condition, {}
    aliases = {}
    body_phrases = []
    for number, variant in enumerate(plan.variants):
        words = list(dict.fromkeys(variant.required or variant.content))
        if not words:
            continue
        phrase = " ".join(variant.content)
        all_words = Q()
        for word in words:
            all_words &= _short_has(word)
        condition |= all_words | _has("title_folded", phrase) | _has("keywords_folded", phrase)
        for focus in variant.focus[:MAX_FOCUS]:
            condition |= _short_has(focus)
        if variant.long:
            for pair in variant.key_pairs:
                condition |= _short_has(pair)
            if len(variant.key_words) >= 2:
                name = f"key_words_{number}"
                aliases[name] = _count(_short_has(w) for w in variant.key_words)
                condition |= Q(**{f"{name}__gte": 2})
        else:
            pairs = list(dict.fromkeys(variant.bigrams()))[:MAX_PAIR_CHECKS]
            for i, first in enumerate(pairs):
                for second in pairs[i + 1 :]:
                    condition |= _has("title_folded", first) & _has("title_folded", second)
        if variant.kind == "original":
            if len(words) > 2:  # "2<75%", as the engine's minimum_should_match
                aliases["most_words"] = _count(_short_has(w) for w in words)
                condition |= Q(most_words__gte=(3 * len(words)) // 4)
            body_phrases.append(phrase)
    for phrase in body_phrases:  # last: the only condition that reads the long text
        condition |= _has("text_folded", phrase)
    return condition, aliases


def _short_has(words):
    return _has("title_folded", words) | _has("keywords_folded", words)


def _count(conditions):
    """How many of the conditions a row meets (an SQL sum of CASEs)."""
    conditions = list(conditions)
    return sum((_when(c, 1) for c in conditions[1:]), _when(conditions[0], 1))


def _code_forms(plan):
    """(condition, points) for a typed code, as the engine's code clauses: the code itself or a local
    code (1000), the national code under a province-applied one (800 for the national record, 600
    for any record applying it), a longer code starting with it (500)."""
    forms = []
    if plan.code:
        own = Q(code__iexact=plan.code) | _has("keywords_folded", plan.code.lower())
        forms += [(own, 1000), (Q(code__istartswith=plan.code + "."), 500)]
        if plan.national_code:
            national = plan.national_code
            forms += [
                (Q(code__iexact=national), 800),
                (Q(code__istartswith=national + ".") | _has("keywords_folded", national.lower()), 600),
            ]
    if plan.local_code:
        forms.append((_has("keywords_folded", index.folded_terms(fold(plan.local_code))), 1000))
    return forms


def _code_condition(plan):
    condition = Q(pk__in=[])
    for form, _points in _code_forms(plan):
        condition |= form
    return condition


def _score(plan):
    scores = []
    forms = _code_forms(plan)
    if forms:
        total = _when(forms[0][0], forms[0][1])
        for form, points in forms[1:]:
            total = total + _when(form, points)
        scores.append(total)
    if not plan.code_only:
        variants = [_variant_score(v) for v in plan.variants]
        if variants:
            scores.append(variants[0] if len(variants) == 1 else Greatest(*variants))
    if not scores:
        return Value(0, output_field=IntegerField())
    total = scores[0]
    for extra in scores[1:]:
        total = total + extra
    return total


def _filtered(queryset, params, exclude=None, visibility=True):
    for field, values in params.field_filters().items():
        if field != exclude:
            queryset = queryset.filter(**{f"{field}__in": values})
    if visibility and not params.filters.get("status") and not params.include_hidden:
        queryset = queryset.filter(hidden=False)
    return queryset


FACET_COLUMNS = [field for _, field, _ in FACETS]
COMBO_FIELDS = [*FACET_COLUMNS, "hidden"]


MAX_KEYS = 5000  # candidates scored by key; more than this are selected by the condition again


def search(plan, params, *, facets=True):
    """One scan with the entry condition (keys and facet columns of the matching rows: facet
    counts and the total in Python), then only the rows that pass the filters are scored, by key,
    then the page."""
    condition, aliases = _matches(plan)
    matched = SearchEntry.objects.filter(_scope()).alias(**aliases).filter(condition)
    result = SearchResult(engine="database", params=params)
    counts = Counter()
    keys = []
    for key, *values in matched.values_list("key", *FACET_COLUMNS, "hidden"):
        combo = tuple(values)
        counts[combo] += 1
        if _passes(dict(zip(COMBO_FIELDS, combo, strict=True)), params):
            keys.append(key)
    combos = [{**dict(zip(COMBO_FIELDS, combo, strict=True)), "n": n} for combo, n in counts.items()]
    result.total = len(keys)
    results = (
        SearchEntry.objects.filter(key__in=keys) if len(keys) <= MAX_KEYS else _filtered(matched, params)
    )
    ordered = results.annotate(score=_score(plan), title_length=Length("title")).order_by(
        "-score", "title_length", "pk"
    )
    end = params.offset + params.per_page
    if plan.code_only or end > rerank.RERANK_DEPTH:
        rows = list(ordered.only(*ROW_FIELDS)[params.offset : end])
    else:
        candidates = list(
            ordered.values("key", "score", "title", "code", "type", "status")[: rerank.RERANK_DEPTH]
        )
        ids = [c["key"] for c in rerank.rerank(plan, candidates)[params.offset : end]]
        scores = {c["key"]: c["score"] for c in candidates}
        by_id = {row.key: row for row in SearchEntry.objects.filter(key__in=ids).only(*ROW_FIELDS)}
        rows = [by_id[i] for i in ids if i in by_id]
        for row in rows:
            row.score = scores[row.key]
    labels = registry.type_labels()
    status_labels = registry.status_labels()
    terms = set(plan.all_terms())
    for row in rows:
        snippet = highlight.highlight_terms(row.body, terms)
        result.hits.append(
            Hit(
                key=row.key,
                type=row.type,
                type_label=labels.get(row.type, ""),
                title=row.title,
                url=row.url,
                code=row.code,
                status=row.status,
                status_label=status_labels.get(row.status, ""),
                title_html=highlight.highlight_whole(row.title, terms),
                highlight=snippet,
                summary=row.summary or row.body[:200],
                field=row.field,
                level=row.level,
                agency=row.agency,
                date=row.date.isoformat() if row.date else None,
                score=float(row.score),
            )
        )
    if facets:
        result.facets, result.hidden_count = _facets(combos, params)
    return result


def ranked_keys(plan, params, limit):
    """Keys of the best `limit` rows, the first RERANK_DEPTH reranked (no facets, no page)."""
    condition, aliases = _matches(plan)
    matched = _filtered(SearchEntry.objects.filter(_scope()).alias(**aliases).filter(condition), params)
    candidates = list(
        matched.annotate(score=_score(plan), title_length=Length("title"))
        .order_by("-score", "title_length", "pk")
        .values("key", "score", "title", "code", "type", "status")[:limit]
    )
    depth = rerank.RERANK_DEPTH
    return [c["key"] for c in rerank.rerank(plan, candidates[:depth]) + candidates[depth:]]


def _passes(combo, params, exclude=None, visibility=True):
    """Whether a group of rows with these facet values survives the filters (in Python, like _filtered)."""
    for field, values in params.field_filters().items():
        if field != exclude and combo[field] not in values:
            return False
    return not (
        visibility and not params.filters.get("status") and not params.include_hidden and combo["hidden"]
    )


def _facets(combos, params):
    """Facet counts from the (facet values → count) groups: each facet under the others' filters."""
    labels = registry.type_labels()
    status_labels = registry.status_labels()
    hidden = set(registry.hidden_statuses())
    facets, hidden_count = [], 0
    for param, field, heading in FACETS:
        counts = {}
        for combo in combos:
            if combo[field] and _passes(combo, params, exclude=field, visibility=field != "status"):
                counts[combo[field]] = counts.get(combo[field], 0) + combo["n"]
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
        selected = set(params.filters.get(param, []))
        values = []
        for value, n in ranked:
            label = labels.get(value, value) if param == "type" else value
            if param == "status":
                label = status_labels.get(value, value)
                if value in hidden and not params.filters.get("status"):
                    hidden_count += n
            values.append(FacetValue(value=value, label=label, count=n, selected=value in selected))
        for value in selected - {v.value for v in values}:
            values.append(FacetValue(value=value, label=value, count=0, selected=True))
        facets.append(Facet(param=param, label=heading, values=values))
    return facets, hidden_count


def autocomplete(plan, limit=8):
    condition = Q(pk__in=[])
    if plan.code:
        condition |= Q(code__istartswith=plan.code)
    for variant in plan.variants[:3]:
        typed = " ".join(variant.tokens)
        condition |= Q(title_folded__contains=f" {typed}") | Q(keywords_folded__contains=f" {typed}")
    labels = registry.type_labels()
    rows = (
        SearchEntry.objects.filter(condition, hidden=False)
        .annotate(
            boost=_when(
                Q(type__in=[a.type for a in registry.adapters() if getattr(a, "boost", 1.0) > 1.0]), 1
            ),
            title_length=Length("title"),
        )
        .order_by("-boost", "title_length", "pk")
        .values("title", "url", "code", "type")[:limit]
    )
    return [{**row, "type_label": labels.get(row["type"], "")} for row in rows]
