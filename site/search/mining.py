"""Everyday vocabulary mined from the catalogue's own text, for editors to review.

Two kinds of proposals, from what the apps' search adapters expose (`SearchAdapter.vocabulary_sources`):
- documents by name: a document a procedure produces (its result, "Trích lục khai tử") or that a
  citizen brings (its dossier items, "Giấy báo tử", "Giấy chứng sinh") names that procedure when few
  procedures share it, and its words are not already in their titles → an everyday entry
  ("giấy báo tử" → "đăng ký khai tử");
- abbreviations written out in the text, "tai nạn lao động (TNLĐ)", whose letters are the initials of
  the words before them → a synonym group.
"""

import re
from collections import defaultdict

from search import registry
from search.vietnamese import fold, normalize, syllables

# Nouns that start the name of a document a citizen holds or receives.
DOCUMENT_HEADS = [
    "giấy chứng nhận", "giấy xác nhận", "giấy phép", "giấy báo", "giấy chứng", "giấy khai", "giấy ra viện",
    "thẻ", "sổ", "trích lục", "phiếu lý lịch", "chứng chỉ", "biển số", "hộ chiếu", "bằng",
]  # fmt: skip
# Compared as written: "bảng kê" and "số lượng" are not "bằng" and "sổ".
_HEADS = sorted((tuple(syllables(h)) for h in DOCUMENT_HEADS), key=len, reverse=True)
# Forms a citizen fills in or proofs of something else: they name no procedure.
_GENERIC_RE = re.compile(r"\b(?:de nghi|cam ket|uy quyen|chung minh|yeu cau|to khai|cu|moi|goc)\b")
# Where a document's name ends: its qualifiers, owners, alternatives.
_CUT_RE = re.compile(
    r"\s*(?:[(,;:.\-–/]|\b(?:của|do|được|theo|đối với|cho|hoặc|và|có|đã|trong|tại|về|kèm|nếu|để|khi|"
    r"bản chính|bản sao|bản gốc|bản chụp|01|02|1|2)\b)",
    re.IGNORECASE,
)
MAX_WORDS = 6
MAX_PROCEDURES = 12  # a name shared by more procedures names none of them
COMMON_SHARE = 0.05  # a run of title words held by more than this share of the catalogue names nothing
MIN_COMMON = 10
_ABBREVIATION_RE = re.compile(r"((?:[^\W\d_]+\s+){1,8}?)\(([A-ZĐ]{2,8})\)")


def document_name(text):
    """The name of the document a line of text starts with ("Giấy báo tử hoặc…" → "giấy báo tử"), or ''."""
    text = normalize(text or "").strip(" -+•*\t")
    head = _CUT_RE.split(text, maxsplit=1)[0].strip()
    words = syllables(head)
    if not 2 <= len(words) <= MAX_WORDS:
        return ""
    written = tuple(w.lower() for w in words)
    if not any(written[: len(h)] == h and len(written) > len(h) for h in _HEADS):
        return ""
    return " ".join(words)


def document_proposals(sources):
    """[(name, meaning, [titles])] from {title: {document names}} of the catalogue's procedures.

    The meaning is what the titles of the procedures using the document say in common: the longest
    run of words most of them hold ("đăng ký khai tử" for "giấy báo tử"), unless many other titles
    hold it too ("đăng ký"). A name whose words are all in those titles adds nothing.
    """
    titles_of = defaultdict(set)
    for title, names in sources.items():
        for name in names:
            titles_of[name.lower()].add(title)
    heads = {title: _head_words(title) for title in sources}
    proposals = []
    for name, titles in sorted(titles_of.items()):
        if len(titles) > MAX_PROCEDURES or _GENERIC_RE.search(fold(name)):
            continue
        words = set(fold(name).split())
        if all(words <= {fold(w) for w in heads[t]} for t in titles):
            continue  # the titles already say it
        meaning = _shared_run(sorted(titles), heads, len(sources))
        if meaning and not set(fold(meaning).split()) <= words:
            proposals.append((name, meaning, sorted(titles)))
    return proposals


def _head_words(title):
    """A title's words before any parenthesis, without the "Thủ tục" prefix."""
    words = syllables(title.split("(", 1)[0])
    if [fold(w) for w in words[:2]] == ["thu", "tuc"]:
        words = words[2:]
    return words


def _shared_run(titles, heads, total):
    """The longest run of words (2 to 8) held by most of the titles and by few others."""
    need = len(titles) // 2 + 1  # most of them
    for n in range(8, 1, -1):
        counts, first = defaultdict(int), {}
        for title in titles:
            folded = [fold(w) for w in heads[title]]
            for i in range(len(folded) - n + 1):
                run = tuple(folded[i : i + n])
                first[run] = min(first.get(run, i), i)
            for run in {tuple(folded[i : i + n]) for i in range(len(folded) - n + 1)}:
                counts[run] += 1
        # most titles first, then the run nearest the start of the name (what the procedure is)
        for run, count in sorted(counts.items(), key=lambda item: (-item[1], first[item[0]])):
            if count < need:
                break
            elsewhere = sum(1 for words in heads.values() if _holds([fold(w) for w in words], run))
            if elsewhere <= max(MIN_COMMON, COMMON_SHARE * total):
                title = next(t for t in titles if _holds([fold(w) for w in heads[t]], run))
                words = heads[title]
                folded = [fold(w) for w in words]
                start = next(i for i in range(len(folded)) if tuple(folded[i : i + n]) == run)
                return " ".join(words[start : start + n]).lower()
    return ""


def _holds(words, run):
    n = len(run)
    return any(tuple(words[i : i + n]) == run for i in range(len(words) - n + 1))


def abbreviation_proposals(texts):
    """[(abbreviation, words)] written out in the texts, the letters being the words' initials."""
    found = {}
    for text in texts:
        for match in _ABBREVIATION_RE.finditer(normalize(text or "")):
            letters = fold(match.group(2))
            words = syllables(match.group(1))[-len(letters) :]
            if len(words) == len(letters) and all(
                fold(w)[0] == c for w, c in zip(words, letters, strict=True)
            ):
                found.setdefault(match.group(2), " ".join(words).lower())
    return sorted(found.items())


def mine():
    """Proposals from every adapter that exposes vocabulary sources: (documents, abbreviations)."""
    sources, texts = {}, []
    for adapter in registry.adapters():
        read = getattr(adapter, "vocabulary_sources", None)
        if read is None:
            continue
        for queryset in adapter.get_querysets():
            for obj in queryset.iterator(chunk_size=200):
                found = read(obj)
                sources.setdefault(found["title"], set()).update(
                    n for line in found["documents"] if (n := document_name(line))
                )
                texts += found["texts"]
    return document_proposals(sources), abbreviation_proposals(texts)
