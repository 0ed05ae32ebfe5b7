"""Limits on uploaded spreadsheets and JSON, checked before a parser spends memory on them.

An .xlsx is a zip: a few megabytes can hold gigabytes of sheet XML. The sizes its directory declares
bound what zipfile will ever inflate (it stops at the declared size and fails the CRC check), so
they are checked first; rows and cells are then counted by scanning the sheet XML in chunks, without
building any cell. Messages are Vietnamese, for the editor who uploaded the file.
"""

import io
import json
import re
import zipfile
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    uncompressed_bytes: int = 40 * MB  # all members of the archive together
    members: int = 500
    rows: int = 20_000
    cells: int = 400_000
    json_depth: int = 32
    json_number_digits: int = 40


DEFAULT = Limits()


class FileTooLarge(ValueError):
    """The file is over a limit; `message_vi` says which, in Vietnamese."""

    def __init__(self, message_vi):
        super().__init__(message_vi)
        self.message_vi = message_vi


def _number(n):
    return f"{n:,}".replace(",", ".")


def _mb(n):
    return f"{n / MB:.0f} MB"


_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)


def check_xlsx(data: bytes, display_name: str, limits: Limits = DEFAULT) -> None:
    """Raise FileTooLarge when the workbook inflates past the limits or holds too many rows or
    cells; a file that is not a zip at all is left for the reader to refuse."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with archive:
        members = archive.infolist()
        if len(members) > limits.members:
            raise FileTooLarge(
                f"Tệp Excel «{display_name}» có {_number(len(members))} thành phần, nhiều bất thường "
                f"(tối đa {_number(limits.members)}); tệp bị hỏng hoặc không phải bảng tính thông thường."
            )
        total = sum(member.file_size for member in members)
        if total > limits.uncompressed_bytes:
            raise FileTooLarge(
                f"Tệp Excel «{display_name}» khi giải nén chiếm {_mb(total)}, vượt giới hạn "
                f"{_mb(limits.uncompressed_bytes)}. Hãy xóa các trang, dòng, cột thừa hoặc tách thành "
                "nhiều tệp nhỏ hơn."
            )
        rows = cells = 0
        for member in members:
            if not _SHEET.fullmatch(member.filename):
                continue
            try:
                found_rows, found_cells = _count(archive, member)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError):
                return  # a damaged member: the reader says so in its own words
            rows, cells = rows + found_rows, cells + found_cells
            _check_counts(rows, cells, display_name, limits)


def _count(archive, member, chunk=1 * MB):
    rows = cells = 0
    tail = b""
    with archive.open(member) as handle:
        while block := handle.read(chunk):
            text = tail + block
            # The last few bytes may hold a tag cut in two: keep them for the next block.
            cut = max(0, len(text) - 16)
            head, tail = text[:cut], text[cut:]
            rows += len(_ROW.findall(head))
            cells += len(_CELL.findall(head))
    rows += len(_ROW.findall(tail))
    cells += len(_CELL.findall(tail))
    return rows, cells


def _check_counts(rows, cells, display_name, limits):
    if rows > limits.rows:
        raise FileTooLarge(
            f"Tệp «{display_name}» có hơn {_number(limits.rows)} dòng (giới hạn mỗi lần nhập). Hãy xóa "
            "các dòng trống, định dạng thừa ở cuối trang hoặc tách thành nhiều tệp."
        )
    if cells > limits.cells:
        raise FileTooLarge(
            f"Tệp «{display_name}» có hơn {_number(limits.cells)} ô dữ liệu (giới hạn mỗi lần nhập). "
            "Hãy xóa các cột, dòng thừa hoặc tách thành nhiều tệp."
        )


def check_rows(rows: int, cells: int, display_name: str, limits: Limits = DEFAULT) -> None:
    """The same row and cell limits for a table read some other way (CSV)."""
    _check_counts(rows, cells, display_name, limits)


class JSONTooComplex(json.JSONDecodeError):
    """Nesting or a number beyond the limits; a JSONDecodeError, so callers that handle malformed
    JSON handle this too. `msg` is Vietnamese."""

    def __init__(self, message_vi, doc="", pos=0):
        super().__init__(message_vi, doc, pos)
        self.message_vi = message_vi


def load_json(text, limits: Limits = DEFAULT):
    """json.loads with a bound on nesting depth and on the digits of a number (Python refuses
    integers past 4,300 digits with a ValueError, and a deep nesting with a RecursionError)."""

    def number(literal):
        if len(literal.lstrip("-")) > limits.json_number_digits:
            raise JSONTooComplex(
                f"tệp chứa một số có {_number(len(literal.lstrip('-')))} chữ số, quá dài "
                f"(tối đa {limits.json_number_digits})"
            )
        return literal

    try:
        value = json.loads(
            text,
            parse_int=lambda literal: int(number(literal)),
            parse_float=lambda literal: float(number(literal)),
        )
    except RecursionError:
        raise JSONTooComplex(_too_deep(limits)) from None
    if _depth_exceeds(value, limits.json_depth):
        raise JSONTooComplex(_too_deep(limits))
    return value


def _too_deep(limits):
    return f"các ngoặc [ ] hoặc {{ }} lồng nhau quá {limits.json_depth} tầng"


def _depth_exceeds(value, limit):
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))
    return False
