"""Turn an uploaded spreadsheet (.xlsx or .csv) into plain grids of cleaned cell text.

Layout is not interpreted here (see appendix.py); this module only deals with file formats:
merged cells, cell types, text encodings and CSV delimiters.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from core.filelimits import DEFAULT as LIMITS
from core.filelimits import FileTooLarge, check_rows, check_xlsx

from .codes import clean_text

# Delimiters tried for CSV; the first wins a tie (Excel in a Vietnamese locale writes ';').
CSV_DELIMITERS = (";", ",", "\t")
# Any import file, also one the command reads from disk (the admin upload has its own, smaller limit).
MAX_FILE_BYTES = 64 * 1024 * 1024


class FileProblem(Exception):
    """The file as a whole cannot be read; `message_vi` is shown to the editor."""

    def __init__(self, message_vi: str):
        super().__init__(message_vi)
        self.message_vi = message_vi


@dataclass
class Sheet:
    """One table. `rows[i]` is sheet row i + 1; every row has the same width."""

    name: str
    rows: list[list[str]]
    # Cells that held numbers: Excel turns a code typed as 1.001190 into 1.00119.
    numeric: set[tuple[int, int]] = field(default_factory=set)
    # True when merged cells were resolved (xlsx). A CSV export leaves merged cells empty.
    merges_resolved: bool = True
    warnings: list[str] = field(default_factory=list)


def load_sheets(data: bytes, ext: str, display_name: str) -> list[Sheet]:
    """Read `data` as '.xlsx'/'.xlsm' or '.csv'; raise FileProblem when it is unreadable."""
    if ext in (".xlsx", ".xlsm"):
        return _load_xlsx(data, display_name)
    if ext == ".csv":
        return [_load_csv(data, display_name)]
    raise ValueError(ext)


def read_input(src, filename: str | None) -> tuple[str, bytes]:
    """(file name, content) from a path or an open file (Django's UploadedFile has .name)."""
    if isinstance(src, (str, os.PathLike)):
        path = Path(src)
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(_too_big(path.name))
        return filename or path.name, path.read_bytes()
    data = src.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(_too_big(filename or getattr(src, "name", "")))
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = filename or os.path.basename(str(getattr(src, "name", "") or ""))
    if not name:
        raise ValueError("Không xác định được loại tệp: cần tên tệp có đuôi .xlsx hoặc .csv.")
    return name, data


def _too_big(name) -> str:
    return (
        f"Tệp «{os.path.basename(str(name))}» lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB; hãy tách thành "
        "nhiều tệp nhỏ hơn."
    )


# --- xlsx ------------------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value, multiline=True)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return clean_text(str(value), multiline=True)


def _load_xlsx(data: bytes, display_name: str) -> list[Sheet]:
    import openpyxl  # imported here so the CSV/JSON paths work without it

    try:
        check_xlsx(data, display_name)
    except FileTooLarge as exc:
        raise FileProblem(exc.message_vi) from exc
    try:
        # read_only must stay off: merged-cell ranges are only available on normal worksheets.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors all mean "not a usable xlsx"
        raise FileProblem(
            f"Không đọc được tệp Excel «{display_name}»: tệp bị hỏng hoặc không đúng định dạng "
            ".xlsx. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx rồi tải lên lại."
        ) from exc
    try:
        return [_sheet_from_ws(ws) for ws in book.worksheets if ws.sheet_state == "visible"]
    except Exception as exc:
        raise FileProblem(
            f"Không đọc được nội dung tệp Excel «{display_name}»: tệp bị hỏng."
        ) from exc
    finally:
        book.close()


def _sheet_from_ws(ws) -> Sheet:
    # Walk only the stored cells: iter_rows() would create millions of empty cells for sheets
    # whose formatting reaches row 1,048,576.
    stored = getattr(ws, "_cells", None)
    items = (
        ((key, cell.value) for key, cell in stored.items())
        if stored is not None
        else (((cell.row, cell.column), cell.value) for row in ws.iter_rows() for cell in row)
    )
    values: dict[tuple[int, int], object] = {}
    for (r, c), value in items:
        if value is not None and value != "":
            values[(r - 1, c - 1)] = value
    height = max((r for r, _ in values), default=-1) + 1
    width = max((c for _, c in values), default=-1) + 1
    rows = [[""] * width for _ in range(height)]
    numeric: set[tuple[int, int]] = set()
    for (r, c), value in values.items():
        rows[r][c] = _cell_text(value)
        if isinstance(value, float):
            numeric.add((r, c))
    for rng in ws.merged_cells.ranges:
        top, left = rng.min_row - 1, rng.min_col - 1
        if top >= height or left >= width:
            continue
        text = rows[top][left]
        for r in range(top, min(rng.max_row, height)):
            for c in range(left, min(rng.max_col, width)):
                rows[r][c] = text
                if (top, left) in numeric:
                    numeric.add((r, c))
    return Sheet(name=ws.title, rows=rows, numeric=numeric, merges_resolved=True)


# --- csv -------------------------------------------------------------------------------------


def decode_csv(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). UTF-8 (BOM or not), UTF-16, then Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        head = data[:4096]
        candidates = []
        if head.count(b"\x00") > len(head) // 4:
            # UTF-16 without BOM: ASCII text puts the zero byte second (LE) or first (BE).
            odd_zeros = head[1::2].count(0)
            even_zeros = head[0::2].count(0)
            candidates.append("utf-16-le" if odd_zeros >= even_zeros else "utf-16-be")
        candidates += ["utf-8", "cp1258"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise FileProblem(
        "Không nhận dạng được bảng mã của tệp CSV. Hãy lưu lại tệp dưới dạng "
        "«CSV UTF-8 (Comma delimited)» rồi tải lên lại."
    )


def _split_csv(text: str, delimiter: str, display_name: str = "") -> list[list[str]]:
    """The rows, refusing (FileTooLarge) a table past the row or cell limits before reading it all."""
    rows, cells = [], 0
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        rows.append(row)
        cells += len(row)
        if len(rows) > LIMITS.rows or cells > LIMITS.cells:
            check_rows(len(rows), cells, display_name)
    return rows


def _delimiter_score(rows: list[list[str]]) -> int:
    # The header row has the most filled cells when the right delimiter is used; a wrong one
    # splits at most a few commas inside text ("Phí, lệ phí").
    return max((sum(1 for cell in row if cell.strip()) for row in rows[:200]), default=0)


def _load_csv(data: bytes, display_name: str) -> Sheet:
    text, encoding = decode_csv(data)
    if "\x00" in text:
        raise FileProblem(f"Tệp CSV «{display_name}» chứa ký tự không hợp lệ (NUL); tệp bị hỏng.")
    best: list[list[str]] | None = None
    best_score = -1
    for delimiter in CSV_DELIMITERS:
        try:
            rows = _split_csv(text, delimiter, display_name)
        except csv.Error as exc:
            reason = f"một ô dài hơn {csv.field_size_limit():,} ký tự".replace(",", ".") if "larger" in str(exc) else exc
            raise FileProblem(f"Tệp CSV «{display_name}» bị lỗi cấu trúc: {reason}.") from exc
        except FileTooLarge as exc:
            raise FileProblem(exc.message_vi) from exc
        score = _delimiter_score(rows)
        if score > best_score:
            best, best_score = rows, score
    rows = [[clean_text(cell, multiline=True) for cell in row] for row in best or []]
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    warnings = []
    if encoding == "cp1258":
        warnings.append(
            "Tệp CSV không phải UTF-8; đã đọc theo bảng mã Windows-1258. "
            "Hãy kiểm tra dấu tiếng Việt trong kết quả."
        )
    return Sheet(name=display_name, rows=rows, merges_resolved=False, warnings=warnings)
