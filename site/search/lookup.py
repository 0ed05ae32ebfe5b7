"""The citizen search for the site's other search boxes (the admin's page and snippet search and
choosers, the directive library): ids of a queryset's objects a request finds, best first.

Two sources: every object of the queryset whose text fields hold the request's words, folded (drafts,
pages of types the citizen search does not index, snippets), ranked by the citizen search; and, when
no object holds them, the citizen search itself (engine when it answers, else the database copy: live
documents only), which brings codes, synonyms, the everyday vocabulary, typos and sentences. Folding is done here in Python: the databases have no
Vietnamese folding, and the tables searched this way are a few tens of thousands of short rows at most.
"""

import re

from django.db import models
from django.db.models import Case, IntegerField, Value, When

from search import analysis, registry, service
from search.vietnamese import fold

LIMIT = 500  # documents taken from the citizen search
MAX_ROWS = 50_000  # rows folded in Python at most (older rows beyond are left to the citizen search)

_TOKEN_RE = re.compile(r"[^\W_]+(?:(?:\.|(?<=\d),(?=\d))[^\W_]+)*")


def _tokens(text):
    return _TOKEN_RE.findall(fold(text or ""))


def text_fields(model, fields=None):
    """Concrete text fields of `model` to fold: those asked for, else the ones its search_fields name."""
    if fields is None:
        names = [
            f.field_name for f in getattr(model, "get_search_fields", list)() if hasattr(f, "field_name")
        ]
    else:
        names = list(fields)
    found = []
    for name in dict.fromkeys(names):
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        if isinstance(field, models.CharField | models.TextField) and not field.is_relation:
            found.append(name)
    return found


def _adapters_for(model):
    """Registered citizen-search adapters whose page models are this model or below it."""
    return [a for a in registry.adapters() if a.is_page and any(issubclass(m, model) for m in a.models)]


def _engine_ids(queryset, text):
    adapters = _adapters_for(queryset.model)
    if not adapters:
        return []
    keys = service.ranked_keys(text, types=[a.type for a in adapters], limit=LIMIT)
    ids = []
    for key in keys:
        _type, _, pk = key.partition(":")
        if pk.isdigit():
            ids.append(int(pk))
    found = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in found]


def _code_ids(queryset, plan):
    """Objects whose own code (a draft's too) is the typed code or its national part."""
    codes = [c for c in (plan.code, plan.national_code, plan.local_code) if c]
    if not codes:
        return []
    condition = models.Q()
    names = [n for n in ("code", "code_local") if n in text_fields(queryset.model, ["code", "code_local"])]
    for name in names:
        for code in codes:
            condition |= models.Q(**{f"{name}__iexact": code}) | models.Q(
                **{f"{name}__istartswith": code + "."}
            )
    if not names:
        return []
    return list(queryset.filter(condition).values_list("pk", flat=True)[:LIMIT])


def _folded_ids(queryset, plan, fields):
    """Objects whose folded text fields hold the request's words (the last one may be the start of a
    word, as typed so far): as a phrase when some object has them so ("Đề án 06"), else all of them
    anywhere; shorter texts first."""
    words = plan.variants[0].content if plan.variants else []
    if not words or not fields:
        return []
    phrase = " " + " ".join(words[:-1] + [""])  # the last word as a prefix
    phrased, anywhere = [], []
    for pk, *values in queryset.values_list("pk", *fields)[:MAX_ROWS]:
        tokens = _tokens(" ".join(v for v in values if v))
        if not tokens:
            continue
        present = set(tokens)
        if not all(w in present for w in words[:-1]):
            continue
        last = words[-1]
        if last not in present and not any(t.startswith(last) for t in tokens):
            continue
        joined = " " + " ".join(tokens)
        (phrased if phrase + last in joined else anywhere).append((len(tokens), pk))
    return [pk for _, pk in sorted(phrased or anywhere)]


def ranked_ids(queryset, text, fields=None):
    """Primary keys of the queryset's objects the request finds, best first.

    When some objects hold the request's words (folded), those are the answer, in the citizen
    search's order: a search box that filters a list must not add loosely related rows. Otherwise
    (a typo, a synonym, an everyday phrase, a sentence) the citizen search's results are.
    """
    text = " ".join((text or "").split())
    if not text:
        return []
    plan = analysis.analyze(text)
    ids = _code_ids(queryset, plan)
    engine = _engine_ids(queryset, text)
    if plan.code_only:
        return list(dict.fromkeys(ids + engine))
    folded = _folded_ids(queryset, plan, text_fields(queryset.model, fields))
    if folded:
        rank = {pk: i for i, pk in enumerate(engine)}
        ids += sorted(folded, key=lambda pk: (pk not in rank, rank.get(pk, 0)))
    else:
        ids += engine
    return list(dict.fromkeys(ids))


def in_order(queryset, ids):
    """The queryset's objects among `ids`, in that order."""
    if not ids:
        return queryset.none()
    position = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField())
    return queryset.filter(pk__in=ids).order_by(position)
