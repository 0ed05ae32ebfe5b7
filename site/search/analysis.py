"""What a citizen typed, taken apart once for both engines: code, synonym variants, folded tokens.

Everyday words that frame a request ("làm", "xin", "thủ tục", "ở đâu", "như thế nào") are kept out of
the required words: "lam giay khai sinh" must rank like "giấy khai sinh". They still count when a
query is made of nothing else.
"""

import re
from dataclasses import dataclass, field

from search.vietnamese import (
    expand_synonyms,
    fold,
    has_diacritics,
    looks_like_procedure_code,
    normalize,
    normalize_code,
    syllables,
)

# Everyday words around the subject of a request. Written with marks: typed with marks they must
# match exactly ("lâm nghiệp" keeps "lâm"); typed without marks they match folded.
FILLER_PHRASES = [
    "thủ tục", "làm thế nào để", "làm thế nào", "như thế nào", "thế nào", "làm sao để", "làm sao",
    "ở đâu", "mất bao lâu", "bao lâu", "bao nhiêu tiền", "bao nhiêu", "cần những gì", "cần giấy tờ gì",
    "cần gì", "những gì", "phải làm gì", "hướng dẫn", "cho tôi hỏi", "cho hỏi", "xin hỏi", "tôi muốn",
    "em muốn", "mình muốn", "muốn", "xin", "làm", "cách", "được không", "không", "nhé", "ạ", "gì",
    "tôi", "thì",
]  # fmt: skip
_FILLERS = sorted({tuple(syllables(p)) for p in FILLER_PHRASES}, key=lambda words: (-len(words), words))
# Filler phrases by the folded form of their first word (longest first), so each token of a query
# is compared with the few phrases that can start there.
_FILLERS_BY_FIRST = {}
for _phrase in _FILLERS:
    _FILLERS_BY_FIRST.setdefault(fold(_phrase[0]), []).append(_phrase)

# Everyday request verbs and the verbs the catalogue uses for the same act: "xin giấy phép xây dựng"
# is "cấp giấy phép xây dựng", "làm giấy khai sinh" is "đăng ký khai sinh", "làm lại" is "cấp lại".
REQUEST_VERBS = [
    ("xin cấp lại", ["cấp lại"]),
    ("làm lại", ["cấp lại"]),
    ("xin lại", ["cấp lại"]),
    ("xin cấp", ["cấp"]),
    ("làm", ["đăng ký", "cấp"]),
    ("xin", ["cấp", "đăng ký"]),
]
_VERBS = [(tuple(syllables(verb)), targets) for verb, targets in REQUEST_VERBS]

MAX_VARIANTS = 7

_CODE_TOKEN_RE = re.compile(
    r"\d\s*\.\s*\d{6}(?:\s*\.\s*\d{3}\s*\.\s*\d{2}\s*\.\s*\d{2})?(?:\s*\.\s*[A-Za-z]\d{2})?"
)

MAX_QUERY_LENGTH = 200


@dataclass
class Variant:
    text: str  # normalized, as typed or with a synonym substituted
    tokens: list[str]  # folded tokens
    content: list[str]  # folded tokens without everyday filler words
    exact: bool  # carries diacritics: exact-diacritic matches get a boost
    kind: str = "original"  # original, verb (request verb mapped), correction (spelling), synonym
    weight: float = 1.0
    # Worth matching with typos: some word of 4 letters or more is not a known title word (or no
    # vocabulary was given). Fuzzy matching known words only added near-misses and cost the engine.
    fuzzy: bool = True

    @property
    def synonym(self):
        return self.kind != "original"

    @property
    def folded(self):
        return " ".join(self.content)

    def bigrams(self):
        return [f"{a} {b}" for a, b in zip(self.content, self.content[1:], strict=False)]


@dataclass
class QueryPlan:
    raw: str
    text: str  # normalized query
    code: str = ""  # a procedure code found in the query (normalized)
    code_only: bool = False  # the query is nothing but a code
    variants: list[Variant] = field(default_factory=list)

    @property
    def empty(self):
        return not self.text

    def all_terms(self):
        """Every folded content token of every variant (for highlighting and did-you-mean)."""
        seen = []
        for variant in self.variants:
            for token in variant.content:
                if token not in seen:
                    seen.append(token)
        return seen


def _is_filler_at(marked, folded, i, phrase):
    if i + len(phrase) > len(marked):
        return False
    for offset, word in enumerate(phrase):
        token = marked[i + offset]
        if token != word and not (token == folded[i + offset] and folded[i + offset] == fold(word)):
            return False
    return True


def strip_fillers(marked, folded):
    """Folded tokens without everyday filler words; all of them if nothing else is left."""
    content, i = [], 0
    while i < len(marked):
        for phrase in _FILLERS_BY_FIRST.get(folded[i], ()):
            if _is_filler_at(marked, folded, i, phrase):
                i += len(phrase)
                break
        else:
            content.append(folded[i])
            i += 1
    return content or list(folded)


def applicable_groups(text, groups):
    """Groups whose phrase the query contains as typed: folded when typed without marks, but with
    its own marks when the citizen typed them ("sơ đồ", a diagram, is not "sổ đỏ")."""
    marked = syllables(text)
    folded = [fold(t) for t in marked]
    kept = []
    for group in groups:
        for phrase in group:
            words = syllables(phrase)
            target = [fold(w) for w in words]
            n = len(target)
            for i in range(len(folded) - n + 1):
                if folded[i : i + n] != target:
                    continue
                span = marked[i : i + n]
                if span == words or not any(has_diacritics(w) for w in span):
                    kept.append(group)
                    break
            else:
                continue
            break
    return kept


def looks_like_code_only(text):
    match = _CODE_TOKEN_RE.search(text or "")
    return bool(match) and not syllables((text[: match.start()] + " " + text[match.end() :]).strip(" .,;:-"))


def verb_variants(text):
    """The query with its everyday request verb replaced by the catalogue's verbs, if it has one."""
    marked = syllables(text)
    folded = [fold(t) for t in marked]
    for i in range(len(marked)):
        for verb, targets in _VERBS:
            if _is_filler_at(marked, folded, i, verb):
                rest = marked[i + len(verb) :]
                if not strip_fillers(rest, [fold(t) for t in rest]) or not rest:
                    return []
                head = marked[:i]
                return [" ".join(head + [target] + rest) for target in targets]
    return []


WEIGHTS = {"original": 1.0, "verb": 0.95, "correction": 0.9, "synonym": 0.95}


def analyze(raw, groups=(), corrections=(), known=None):
    """Take a query apart. `corrections` are spelling-corrected forms (from the vocabulary) to try too;
    `known` (a container of folded words, the spelling vocabulary) tells which words need no typo
    matching."""
    text = normalize((raw or "")[:MAX_QUERY_LENGTH]).strip()
    plan = QueryPlan(raw=raw or "", text=text)
    if not text:
        return plan
    match = _CODE_TOKEN_RE.search(text)
    if match and looks_like_procedure_code(match.group()):
        plan.code = normalize_code(match.group())
        rest = (text[: match.start()] + " " + text[match.end() :]).strip(" .,;:-")
        plan.code_only = not syllables(rest)
    seen = set()

    def add(variant_text, kind):
        marked = syllables(variant_text)
        tokens = [fold(t) for t in marked]
        content = strip_fillers(marked, tokens)
        key = " ".join(content)
        if not tokens or key in seen or len(plan.variants) >= MAX_VARIANTS:
            return False
        seen.add(key)
        plan.variants.append(
            Variant(
                text=variant_text,
                tokens=tokens,
                content=content,
                exact=has_diacritics(variant_text) and (kind == "original" or has_diacritics(text)),
                kind=kind,
                weight=WEIGHTS[kind],
                fuzzy=known is None or any(len(w) >= 4 and w not in known for w in content),
            )
        )
        return True

    bases = [(text, "original")]
    bases += [(v, "verb") for v in verb_variants(text)]
    bases += [(normalize(c), "correction") for c in corrections if c and c.strip()]
    for base, kind in bases:
        add(base, kind)
    level = [base for base, _ in bases]
    groups = applicable_groups(text, list(groups)) if has_diacritics(text) else list(groups)
    for _depth in range(2):  # synonyms of synonyms: "làm lại bằng lái" → "cấp lại giấy phép lái xe"
        found = []
        for base in level:
            for variant in expand_synonyms(base, groups)[1:]:
                if add(variant, "synonym"):
                    found.append(variant)
        level = found
    return plan
