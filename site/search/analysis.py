"""What a citizen typed, taken apart once for both engines: codes, variants, folded tokens, key words.

Everyday words that frame a request ("làm", "xin", "thủ tục", "ở đâu", "như thế nào") are kept out of
the required words: "lam giay khai sinh" must rank like "giấy khai sinh". They still count when a
query is made of nothing else.

A request of seven or more syllables (besides the fillers) is read as a sentence, as people ask a clerk ("con tôi mới sinh thì
làm giấy khai sinh ở đâu"): small words ("có", "cho", "được") and words no title uses stop being
required, and a document may come in through the request's rarest words or word pairs, which also
carry the ranking (weights from how few titles use them).
"""

import math
import re
from dataclasses import dataclass, field

from search import everyday
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
    "tôi", "thì", "chỗ nào", "nơi nào", "khi nào", "bao giờ", "lúc nào", "ra sao", "có phải", "phải không",
    "hay không", "có được không", "giấy tờ gì", "những giấy tờ gì", "thủ tục gì", "cơ quan nào", "ở chỗ nào",
    "như nào", "sao ạ", "vậy", "nhỉ", "nha", "ơi", "chúng tôi", "gia đình tôi", "nhà mình", "bọn tôi",
]  # fmt: skip

# Small words of a spoken sentence: in a long request they are neither required nor key words, but
# still part of phrases ("cấp thẻ căn cước cho người dưới 14 tuổi"). Typed without marks they only
# count when titles spell the folded word the same way ("co" is "có", but "can" is "căn", not "cần").
WEAK_WORDS = [
    "có", "được", "không", "phải", "cần", "những", "các", "mấy", "cho", "của", "và", "với", "là", "mà",
    "để", "nên", "nữa", "rồi", "đã", "đang", "sẽ", "vừa", "lắm", "quá", "đi", "lên", "ra", "vào",
    "về", "đến", "tới", "ở", "tại", "bị", "giúp", "hỏi", "bác", "anh", "chị", "em", "mình", "họ", "nó",
    "này", "kia", "đó", "ấy", "thế", "như", "hay", "hoặc", "nào", "gì", "sao", "ai", "đâu", "bao", "nhiêu",
    "xong", "cả", "lẫn", "hết", "luôn", "thôi", "nhé", "vậy", "bây", "giờ", "hiện", "nay", "năm",
    "tháng", "ngày", "thì", "thấy", "biết", "nói", "bảo", "định", "sắp", "chưa", "hẳn",
]  # fmt: skip
_WEAK = {}  # folded -> written form
for _word in WEAK_WORDS:
    _WEAK.setdefault(fold(_word), _word)

LONG_REQUEST = 7  # content words (syllables) from which a request is read as a sentence
KEY_WORDS = 4  # rarest words of a long request that may let a document in (two of them)
KEY_PAIRS = 3  # rarest adjacent word pairs of a long request that let a document in alone
# A word pair used by more than this share of the titles ("đăng ký", "giấy chứng") names no
# procedure: it never lets a document in alone.
COMMON_PAIR_SHARE = 0.05
COMMON_WORD_SHARE = 0.1  # likewise for the key words: "cấp", "giấy", "đăng" are in too many titles
MIN_COMMON = 10  # a small catalogue: what ten titles share may still name a procedure
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
_NATIONAL_RE = re.compile(r"\d\.\d{6}")
# A local code typed alone: letters, digits, dots and dashes with at least one digit and one separator
# or letter ("T-HDU-264798-TT", "H17.01.123"), never an ordinary word or a bare number.
_LOCAL_CODE_RE = re.compile(r"(?=[\w.\-/]*\d)(?=[\w.\-/]*[A-Za-z.\-/])[A-Za-z0-9]+(?:[.\-/][A-Za-z0-9]+)+")

MAX_QUERY_LENGTH = 200


@dataclass
class Variant:
    text: str  # normalized, as typed or with a synonym substituted
    tokens: list[str]  # folded tokens
    content: list[str]  # folded tokens without everyday filler words
    exact: bool  # carries diacritics: exact-diacritic matches get a boost
    # original, verb (request verb mapped), correction (spelling), everyday (citizen's phrase replaced by
    # the catalogue's words), synonym
    kind: str = "original"
    weight: float = 1.0
    # Worth matching with typos: some word of 4 letters or more is not a known title word (or no
    # vocabulary was given). Fuzzy matching known words only added near-misses and cost the engine.
    fuzzy: bool = True
    required: list[str] = field(default_factory=list)  # words a document must all hold (title/keywords)
    key_words: list[str] = field(default_factory=list)  # long requests: the rarest words, two let in
    key_pairs: list[str] = field(default_factory=list)  # long requests: rare adjacent pairs, one lets in
    weights: dict = field(default_factory=dict)  # folded word -> weight (rare words weigh more)
    # What this variant put in place of the citizen's words (a synonym's or an everyday phrase's
    # meaning, folded): the subject of the request as the catalogue names it.
    focus: list[str] = field(default_factory=list)

    # The request is a sentence (LONG_REQUEST content words or more, as typed): decided once for all
    # its variants, so that a verb or a synonym that adds words does not change how it is read.
    long: bool = False

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
    # The national code under a province-applied one ("1.001699.000.00.00.H17" -> "1.001699"), when
    # different from `code`: the procedure is the same whatever province suffix was typed.
    national_code: str = ""
    local_code: str = ""  # a free-form local code typed alone ("T-HDU-264798-TT")
    variants: list[Variant] = field(default_factory=list)

    @property
    def empty(self):
        return not self.text

    def all_terms(self):
        """Every folded content token of every variant (for highlighting), but the small words of a
        sentence ("có", "cho", "ở" would be marked everywhere)."""
        seen = {}
        for variant in self.variants:
            for token in variant.content:
                if not (variant.long and variant.weights and not variant.weights.get(token)):
                    seen.setdefault(token)
        return list(seen)


def _is_filler_at(marked, folded, i, phrase):
    if i + len(phrase) > len(marked):
        return False
    for offset, word in enumerate(phrase):
        token = marked[i + offset]
        if token != word and not (token == folded[i + offset] and folded[i + offset] == fold(word)):
            return False
    return True


def content_positions(marked, folded):
    """Positions of the tokens that are not everyday filler words; all of them if nothing else is left."""
    kept, i = [], 0
    while i < len(marked):
        for phrase in _FILLERS_BY_FIRST.get(folded[i], ()):
            if _is_filler_at(marked, folded, i, phrase):
                i += len(phrase)
                break
        else:
            kept.append(i)
            i += 1
    return kept or list(range(len(folded)))


def strip_fillers(marked, folded):
    """Folded tokens without everyday filler words; all of them if nothing else is left."""
    return [folded[i] for i in content_positions(marked, folded)]


def is_weak(marked, folded, known=None):
    """A small word of spoken Vietnamese. Typed with marks it must be the weak word itself; typed
    without, the titles' own spelling of the folded word must be the weak word."""
    written = _WEAK.get(folded)
    if written is None:
        return False
    if has_diacritics(marked) or marked == written:
        return marked == written
    spelling = getattr(known, "spelling", None)
    return spelling is None or spelling.get(folded, written) == written


def _term_stats(content, weak, known, long):
    """Required words, key words, key pairs and weights of a variant's content words."""
    counts = getattr(known, "counts", None)
    if counts is None:  # no vocabulary: every word is known and equally weighted
        return list(content), [], [], {}
    titles = max(getattr(known, "titles", 0), 1)
    pairs = getattr(known, "pairs", {})

    def weight(word):
        # A word no title uses weighs as the rarest: it cannot be found in a title, but a variant
        # that names the same thing with the catalogue's words ("passport" -> "hộ chiếu") explains
        # the request better than one that drops it.
        return math.log(1 + titles / (counts.get(word, 0) + 0.5))

    weights = {}
    for word, small in zip(content, weak, strict=True):
        weights[word] = 0.0 if small and long else weight(word)
    # Words no title uses cannot be required of a title; small words are not required (but in a
    # request of two words, where they may be the point: "có con").
    loose = len(content) > 2
    required = [w for w, small in zip(content, weak, strict=True) if counts.get(w) and not (small and loose)]
    required = list(dict.fromkeys(required)) or list(dict.fromkeys(w for w in content if counts.get(w)))
    if not long:
        return required or list(content), [], [], weights
    strong = [w for w, small in zip(content, weak, strict=True) if not small and counts.get(w)]
    rare = [w for w in dict.fromkeys(strong) if counts[w] <= max(MIN_COMMON, COMMON_WORD_SHARE * titles)]
    key_words = sorted(rare, key=lambda w: (counts[w], w))[:KEY_WORDS]
    limit = max(MIN_COMMON, COMMON_PAIR_SHARE * titles)
    found = []
    for (a, b), small_a, small_b in zip(
        zip(content, content[1:], strict=False), weak, weak[1:], strict=False
    ):
        n = pairs.get((a, b), 0)
        if n and n <= limit and not (small_a or small_b):
            found.append((n, f"{a} {b}"))
    key_pairs = [pair for _, pair in sorted(dict.fromkeys(found))][:KEY_PAIRS]
    return required, key_words, key_pairs, weights


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


def national_code(code):
    """The national part of a procedure code (1.001699.000.00.00.H17 -> 1.001699), '' if none."""
    match = _NATIONAL_RE.match(code or "")
    return match.group() if match else ""


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
                head, rest = marked[:i], marked[i + len(verb) :]
                if not head + rest:
                    return []
                return [" ".join(head + [target] + rest) for target in targets]
    return []


WEIGHTS = {"original": 1.0, "verb": 0.95, "correction": 0.9, "synonym": 0.95, "everyday": 0.95}


def analyze(raw, groups=(), corrections=(), known=None, entries=()):
    """Take a query apart. `corrections` are spelling-corrected forms (from the vocabulary) to try too;
    `known` (the spelling vocabulary: folded title words with their counts) tells which words need no
    typo matching and how rare each word is; `entries` are the everyday vocabulary's
    ((phrase, …), (meaning, …)) pairs."""
    text = normalize((raw or "")[:MAX_QUERY_LENGTH]).strip()
    plan = QueryPlan(raw=raw or "", text=text)
    if not text:
        return plan
    match = _CODE_TOKEN_RE.search(text)
    if match and looks_like_procedure_code(match.group()):
        plan.code = normalize_code(match.group())
        national = national_code(plan.code)
        plan.national_code = national if national != plan.code else ""
        rest = (text[: match.start()] + " " + text[match.end() :]).strip(" .,;:-")
        plan.code_only = not syllables(rest)
    elif _LOCAL_CODE_RE.fullmatch(text.strip(" .,;:")) and len(text) <= 64:
        plan.local_code = text.strip(" .,;:").upper()
    seen = set()

    def add(variant_text, kind, meanings=()):
        marked = syllables(variant_text)
        tokens = [fold(t) for t in marked]
        positions = content_positions(marked, tokens)
        content = [tokens[i] for i in positions]
        weak = [is_weak(marked[i], tokens[i], known) for i in positions]
        key = " ".join(content)
        if not tokens or key in seen or len(plan.variants) >= MAX_VARIANTS:
            return False
        seen.add(key)
        long = plan.variants[0].long if plan.variants else len(content) >= LONG_REQUEST
        required, key_words, key_pairs, weights = _term_stats(content, weak, known, long)
        counts = getattr(known, "counts", None)
        if kind in ("synonym", "everyday") and counts is not None and plan.variants:
            typed = set(plan.variants[0].content)
            if any(w not in typed and not counts.get(w) for w in content):
                return False  # "hộ chiếu" -> "passport": a name no title uses explains nothing
        # Only the everyday vocabulary's meanings are the catalogue's names (a synonym group holds old
        # and rare names too: "chứng minh nhân dân" for "căn cước"); everyday.expansions() leaves out
        # the ways of saying what must be done ("cấp lại" for "làm mất" names no procedure).
        focus = [" ".join(fold(w) for w in syllables(m)) for m in meanings]
        plan.variants.append(
            Variant(
                text=variant_text,
                tokens=tokens,
                content=content,
                exact=has_diacritics(variant_text) and (kind == "original" or has_diacritics(text)),
                kind=kind,
                weight=WEIGHTS[kind],
                fuzzy=known is None or any(len(w) >= 4 and w not in known for w in content),
                required=required,
                key_words=key_words,
                key_pairs=key_pairs,
                weights=weights,
                focus=focus,
                long=long,
            )
        )
        return True

    bases = [(text, "original")]
    bases += [(v, "verb") for v in verb_variants(text)]
    bases += [(normalize(c), "correction") for c in corrections if c and c.strip()]
    expanded = everyday.expansions(text, entries)
    bases += [(v, "everyday") for v, _ in expanded]
    meanings = dict(expanded)
    for base, kind in bases:
        add(base, kind, meanings.get(base, ()) if kind == "everyday" else ())
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
