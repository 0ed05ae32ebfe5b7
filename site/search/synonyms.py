"""Synonym groups editors maintain in the admin (SearchSynonym), read fresh for every search.

Groups sharing a phrase are merged (sổ đỏ ↔ giấy chứng nhận… and sổ hồng ↔ sổ đỏ make one group), so
expansion does not depend on how editors split their entries.
"""

from search.vietnamese import fold


def merge_groups(groups):
    """Union of groups that share a phrase (compared folded), order of first appearance kept."""
    merged = []  # list of (keys set, phrases list)
    for group in groups:
        keys = {fold(p) for p in group}
        phrases = list(group)
        for other in [m for m in merged if m[0] & keys]:
            merged.remove(other)
            keys |= other[0]
            phrases = other[1] + [p for p in phrases if fold(p) not in {fold(q) for q in other[1]}]
        merged.append((keys, phrases))
    return [phrases for _, phrases in merged]


def load_groups():
    """Active groups from the database: one small query per search, so edits apply immediately."""
    from search.models import SearchSynonym, parse_phrases

    rows = SearchSynonym.objects.filter(is_active=True).values_list("phrases", flat=True)
    return merge_groups([phrases for text in rows if len(phrases := parse_phrases(text)) >= 2])
