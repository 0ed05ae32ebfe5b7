"""Find the header of an appendix table: one row, or two rows with merged group cells.

Each column is mapped to an AppendixRow attribute through the Vietnamese header vocabulary in
labels.py; unknown columns are kept as 'extra'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codes import clean_text, code_kind, normalize_code
from .labels import header_key


@dataclass
class Column:
    index: int
    key: str  # an AppendixRow attribute, or 'extra'
    label: str
    sublabel: str = ""


@dataclass
class Header:
    row_index: int  # 0-based index of the (first) header row
    start: int  # 0-based index of the first row after the header
    columns: list[Column]

    def col(self, key: str) -> int | None:
        return next((c.index for c in self.columns if c.key == key), None)


def find_header(rows: list[list[str]]) -> Header | None:
    """The first row naming the procedure-name column plus another known column."""
    for i, row in enumerate(rows[:100]):
        keys = {header_key(v) for v in dict.fromkeys(row) if v} - {None}
        if "name" in keys and len(keys) >= 2:
            return build_header(rows, i)
    return None


def _is_continuation(top: list[str], nxt: list[str]) -> bool:
    """Is `nxt` the second row of a two-row header (sub-headers under merged group cells)?"""
    if not any(nxt):
        return False
    for key in ("name", "stt"):
        c = next((i for i, v in enumerate(top) if v and header_key(v) == key), None)
        if c is not None and nxt[c] and nxt[c] != top[c] and header_key(nxt[c]) != key:
            return False  # a data row: it has its own name / number
    new = False
    for c, v in enumerate(nxt):
        if not v or v == top[c]:
            continue
        if code_kind(normalize_code(v)):
            return False
        grouped = bool(top[c]) and (
            top[c] in top[max(c - 1, 0) : c] or top[c] in top[c + 1 : c + 2]
        )
        if header_key(v) or grouped:
            new = True
    return new


def build_header(rows: list[list[str]], i: int) -> Header:
    top = rows[i]
    nxt = rows[i + 1] if i + 1 < len(rows) else [""] * len(top)
    two = _is_continuation(top, nxt)
    columns = []
    for c, t in enumerate(top):
        s = nxt[c] if two and nxt[c] != t else ""
        t1, s1 = clean_text(t), clean_text(s)
        k_sub, k_top = header_key(s1) if s1 else None, header_key(t1) if t1 else None
        if k_sub:
            columns.append(Column(c, k_sub, s1))
        elif k_top:
            columns.append(Column(c, k_top, t1, s1))
        elif t1 or s1:
            columns.append(Column(c, "extra", " – ".join(x for x in (t1, s1) if x)))
    return Header(i, i + (2 if two else 1), columns)


def is_numbering_row(row: list[str]) -> bool:
    """The "(1) (2) (3) …" row printed under the header."""
    cells = [v for v in row if v]
    return len(set(cells)) >= 3 and all(re.fullmatch(r"\(?\d{1,2}\)?", v) for v in cells)
