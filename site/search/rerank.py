"""Second-stage ranking shared by both engines: how well a title is explained by the request.

Citizens name a procedure; the best answer is the one whose whole name their words cover, not the
one that mentions the most of their words somewhere. For the first RERANK_DEPTH candidates the
engine's score (normalised to the best candidate) is combined with the title coverage of the best
query variant: the share of the query's words in the title and the share of the title's words in
the query. An exact procedure-code match always stays first.
"""

import re

from search import registry
from search.vietnamese import fold

RERANK_DEPTH = 50
COVERAGE_WEIGHT = 1.5

_TOKEN_RE = re.compile(r"[^\W_]+(?:(?:\.|(?<=\d),(?=\d))[^\W_]+)*")


def title_tokens(text):
    return _TOKEN_RE.findall(fold(text))


HEAD_WORDS = 12


def _pairs(tokens):
    return set(zip(tokens, tokens[1:], strict=False))


def _variant_sets(plan):
    """(words, pairs, variant weight, word weights or None) per variant. A sentence is judged by its
    rare pairs and by its words weighted by rarity (its small words weigh nothing)."""
    sets = []
    for v in plan.variants:
        if not v.content:
            continue
        if v.long and v.weights:
            pairs = {tuple(p.split()) for p in v.key_pairs}
            sets.append(({w for w in v.content if v.weights.get(w)}, pairs, v.weight, v.weights))
        else:
            sets.append((set(v.content), _pairs(v.content), v.weight, None))
    return sets


def coverage(plan, title, keywords="", variant_sets=None):
    """0..1: how completely the best variant of the query and this title explain each other.

    Half of it is the query's words and word pairs found in the title; the other half the share of
    the title's head (before any parenthesis, at most HEAD_WORDS words) that the query accounts for,
    so long official names are judged by what they are, not by their qualifiers.
    """
    tokens = title_tokens(title)
    if not tokens:
        return 0.0
    head = title_tokens(title.split("(", 1)[0])[:HEAD_WORDS] or tokens[:HEAD_WORDS]
    present = set(tokens)
    present_pairs = _pairs(tokens)
    keyword_sets = [set(title_tokens(k)) for k in (keywords or "").split("\n") if k.strip()]
    best = 0.0
    for words, pairs, weight, weights in variant_sets if variant_sets is not None else _variant_sets(plan):
        if not words:
            continue
        if weights:
            in_title = sum(weights[w] for w in words & present) / sum(weights[w] for w in words)
        else:
            in_title = len(words & present) / len(words)
        if pairs:
            in_title = (in_title + len(pairs & present_pairs) / len(pairs)) / 2
        of_title = sum(1 for t in head if t in words) / len(head)
        score = 0.5 * in_title + 0.5 * of_title
        # A keyword editors gave the page ("sổ đỏ") fully present in the request counts as a title.
        for keyword in keyword_sets:
            if keyword and keyword <= words:
                score = max(score, 0.5 + 0.5 * len(keyword) / len(words))
        best = max(best, score * weight)
    return best


def _prior(kind, status):
    adapter = registry.get_adapter(kind)
    if adapter is None:
        return 1.0
    return getattr(adapter, "boost", 1.0) * getattr(adapter, "status_weights", {}).get(status, 1.0)


def rerank(plan, candidates):
    """Reorder candidates: dicts with score, title, keywords, code, type, status. Returns a new list."""
    if not candidates or plan.code_only:
        return list(candidates)
    top = max(c["score"] for c in candidates) or 1.0
    code = plan.code.lower() if plan.code else None
    variant_sets = _variant_sets(plan)

    def final(c):
        pinned = 1 if code and (c.get("code") or "").lower() == code else 0
        covered = coverage(plan, c["title"], c.get("keywords", ""), variant_sets)
        boost = c["score"] / top + COVERAGE_WEIGHT * covered * _prior(c.get("type", ""), c.get("status", ""))
        return (pinned, boost)

    return sorted(candidates, key=final, reverse=True)
