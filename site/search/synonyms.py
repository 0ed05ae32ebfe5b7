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


_parsed = {"rows": None, "groups": []}


def load_groups():
    """Active groups from the database: one small query per search, so edits apply immediately.

    Parsing and merging is redone only when the rows differ from the previous call's.
    """
    from search.models import SearchSynonym, parse_phrases

    rows = tuple(
        SearchSynonym.objects.filter(is_active=True).order_by("pk").values_list("phrases", flat=True)
    )
    if rows != _parsed["rows"]:
        groups = merge_groups([phrases for text in rows if len(phrases := parse_phrases(text)) >= 2])
        _parsed.update(rows=rows, groups=groups)
    return [list(group) for group in _parsed["groups"]]
