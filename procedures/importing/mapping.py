"""Between open-data records (the shape of procedures.json) and the structured parts of a ProcedurePage.

`record_streams` turns a record's lists into StreamField data; `streams_to_record` turns them back.
Export followed by import is stable: importing an exported record gives back the same blocks.
Pure Python (no database), so the rules can be tested on the 591 real records directly.
"""

from __future__ import annotations

import datetime
import re

from .codes import clean_text, fold
from .records import join_alternatives

# --- steps ---------------------------------------------------------------------------------------

_STEP_RE = re.compile(r"^(Bước\s+\d+[a-z]?)\s*(?:[:.]|[-–])\s*", re.IGNORECASE)


def steps_blocks(lines: list[str]) -> list[dict]:
    """'Bước N: …' lines start a step; the lines below it (sub-points) belong to it.

    Records that never say "Bước" keep one step per published line.
    """
    if not any(_STEP_RE.match(line) for line in lines):
        return [_block("step", {"title": "", "description": line}) for line in lines]
    blocks: list[dict] = []
    for line in lines:
        m = _STEP_RE.match(line)
        if m and line[m.end() :].strip():
            title = " ".join(m.group(1).split())
            blocks.append(_block("step", {"title": title, "description": line[m.end() :]}))
        elif blocks and blocks[-1]["value"]["title"]:
            blocks[-1]["value"]["description"] += "\n" + line
        else:
            blocks.append(_block("step", {"title": "", "description": line}))
    return blocks


def steps_lines(blocks) -> list[str]:
    lines = []
    for value in _values(blocks):
        description = value.get("description") or ""
        title = (value.get("title") or "").strip()
        if not title:  # a step of its own, kept whole (it may hold line breaks as published)
            if description.strip():
                lines.append(description)
            continue
        parts = description.split("\n")  # the sub-points joined under the step
        parts[0] = f"{title}: {parts[0]}"
        lines.extend(p for p in parts if p.strip())
    return lines


# --- channels ------------------------------------------------------------------------------------

CHANNEL_BY_CODE = {"in_person": "truc_tiep", "online": "truc_tuyen", "post": "buu_chinh"}
CHANNEL_LABELS = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Dịch vụ bưu chính"}


def channel_blocks(submission: list[dict]) -> list[dict]:
    """One block per channel. The portal repeats a channel once per case it does not name ("Trực tiếp
    1 ngày", "Trực tiếp 1 ngày", "Trực tuyến 2 ngày", "Trực tuyến 1 ngày"): such entries become one
    block whose deadline and fee list the distinct values. Differently worded methods stay apart."""
    values = []
    for entry in submission:
        method = CHANNEL_BY_CODE.get(entry.get("channel") or "", "truc_tiep")
        label = entry.get("method") or ""
        # A method worded beyond the plain label ("Trực tiếp tại cơ quan …") keeps its wording.
        description = label if fold(label) != fold(CHANNEL_LABELS[method]) else ""
        values.append(
            {"method": method, "deadline": entry.get("time") or "", "fee": entry.get("fee") or "",
             "description": description}
        )  # fmt: skip
    return [_block("channel", value) for value in merge_channels(values)]


def merge_channels(values: list[dict]) -> list[dict]:
    """Channel values with the same method and description said once, their distinct deadlines and
    fees listed ("2 Ngày làm việc hoặc 1 Ngày làm việc (tùy trường hợp)"); the order is kept."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for value in values:
        grouped.setdefault((value.get("method") or "", value.get("description") or ""), []).append(value)
    return [
        {
            "method": method,
            "deadline": join_alternatives([v.get("deadline") or "" for v in same]),
            "fee": join_alternatives([v.get("fee") or "" for v in same]),
            "description": description,
        }
        for (method, description), same in grouped.items()
    ]


def channel_entries(blocks) -> list[dict]:
    out = []
    for value in _values(blocks):
        label = CHANNEL_LABELS.get(value.get("method"), "Trực tiếp")
        description = value.get("description") or ""
        if description and fold(description).startswith(fold(label)):
            label = description
        out.append({"method": label, "time": value.get("deadline") or None, "fee": value.get("fee") or None})
    return out


# --- dossier -------------------------------------------------------------------------------------

# A note about a particular case, published among the documents ("Trường hợp …", "Đối với …").
# Case-sensitive on purpose: a lower-case "trường hợp" continues a sentence.
_CASE_NOTE_RE = re.compile(
    r"^(?:[-+*•]+\s*|\d{1,2}[.)]\s*|[a-zđ][.)]\s*)?(?:Trường hợp|Đối với|TH\s|Riêng đối với)\b"
)
_CASE_NAME_MAX = 500


def _split_note(line: str) -> tuple[str, str] | None:
    """('Trường hợp X', 'Y') from 'Trường hợp X thì Y' / 'Đối với X: Y'; None when it does not split."""
    cuts = [i for i in (line.find(" thì "), line.find(": ")) if i > 0]
    if not cuts:
        i = line.find(", ")
        cuts = [i] if i > 0 else []
    if not cuts:
        return None
    cut = min(cuts)
    condition = line[:cut].rstrip(" ,:")
    rest = line[cut:].lstrip(" ,:")
    if rest.startswith("thì "):
        rest = rest[4:]
    rest = rest.strip()
    if not rest or not condition or len(condition) > _CASE_NAME_MAX:
        return None
    rest = rest[0].upper() + rest[1:]
    if _CASE_NOTE_RE.match(rest):  # "Trường hợp A: Trường hợp B …" would read as two cases next time
        return None
    return condition, rest


_FILE_RE = re.compile(r"\.(?:docx?|xlsx?|pdf|odt|ods|rtf|zip|rar)$", re.IGNORECASE)
# Where a file name was glued to the text before it: "…NĐ-CPMau13.docx", "…khiếu nạiMẫu ….doc".
_GLUED_RE = re.compile(r"(?<=[^\W\d_])(?=[^\W\d_])")
_GLUED_NUMBER_RE = re.compile(r"(?<=[^\W\d_])(?=\d+[-_][^\W\d_])")  # "cá nhân7-Mẫu NA6.doc"
_REQUIREMENT_RE = re.compile(r"\s+(?:thì\s+)?(phải có|cần có|phải nộp|phải bổ sung|kèm theo)\s+", re.IGNORECASE)


def is_file_name(text: str) -> bool:
    return bool(_FILE_RE.search(text or ""))


def split_file_name(text: str) -> tuple[str, str]:
    """(document, file name) from an item the crawl published with its form's file name stuck to it:
    "Đơn đề nghị theo mẫu quy định;văn bản đề nghị.docx", "… Nghị định số 23/2026/NĐ-CPMau13.docx".
    ('text', '') when no file name ends it, or when the place it starts cannot be told."""
    text = text.strip()
    if not _FILE_RE.search(text):
        return text, ""
    # A ";" before the file name separates it, unless the file name was glued further on and the ";"
    # is the document's own ("… tổ chức; mẫu NA7 … đối với cá nhân7-Mẫu NA6.doc").
    semicolon = text.rfind(";")
    for finder in (_glued_at, _repeated_at):
        cut = finder(text)
        if cut is not None and cut > semicolon and (semicolon < 0 or " " in text[semicolon:cut]):
            name, file_name = text[:cut], text[cut:]
            break
    else:
        if semicolon < 0:
            return text, ""
        name, file_name = text[:semicolon], text[semicolon + 1 :]
    name, file_name = name.strip(" ;"), file_name.strip()
    if not name or not file_name:
        return text, ""
    return name, file_name


def _glued_at(text: str) -> int | None:
    """Where a file name starts that was glued to the words before it without a space: a lower-case
    letter followed by a capital ("khiếu nạiMẫu …", "QĐ-TTgGiấy …", "kiểmMauBankekhai" — the first such
    point of the last word that has one), else a capital followed by a capitalised word ("NĐ-CPMau13")."""
    stem = _FILE_RE.sub("", text)
    lower_upper, upper_word = [], []
    for m in _GLUED_RE.finditer(stem):
        before, after = stem[m.start() - 1], stem[m.start()]
        nxt = stem[m.start() + 1 : m.start() + 2]
        if before.islower() and after.isupper():
            lower_upper.append(m.start())
        elif before.isupper() and after.isupper() and nxt.islower():
            upper_word.append(m.start())
    lower_upper = sorted(lower_upper + [m.start() for m in _GLUED_NUMBER_RE.finditer(stem) if stem[m.start() - 1].islower()])
    if lower_upper:
        last_word = stem.rfind(" ", 0, lower_upper[-1]) + 1
        return next(cut for cut in lower_upper if cut >= last_word)
    return upper_word[-1] if upper_word else None


_FILE_STEM_STARTS = ("văn bản", "mẫu", "mau", "phụ lục", "đơn", "tờ khai", "báo cáo", "giấy", "bản")


def _repeated_at(text: str) -> int | None:
    """Where a lower-case file name starts that was glued to the words before it: one that repeats
    words the item said earlier ("…quy địnhbáo cáo kết quả khảo sát.docx"), or starts like a form's
    name ("…quy địnhvăn bản đề nghị.docx")."""
    stem = _FILE_RE.sub("", text)
    lowered = stem.lower()
    glued = [m.start() for m in _GLUED_RE.finditer(stem)]
    for cut in glued:
        tail = lowered[cut:]
        if len(tail.split()) >= 2 and re.search(r"(?<!\w)" + re.escape(tail), lowered[:cut]):
            return cut
    for cut in reversed(glued):
        if lowered[cut:].startswith(_FILE_STEM_STARTS):
            return cut
    return None


def _item(name: str) -> dict:
    name, file_name = split_file_name(name)
    return {"name": name, "form_name": file_name[:255], "form": None, "originals": None, "copies": None, "note": ""}


def _split_requirement(line: str) -> tuple[str, str] | None:
    """('Trường hợp X', 'Văn bản Y') from "Trường hợp X phải có văn bản Y": a requirement, not a heading."""
    m = _REQUIREMENT_RE.search(line)
    if not m:
        return None
    condition, rest = line[: m.start()].rstrip(" ,:"), line[m.end() :].strip()
    if not condition or not rest or len(condition) > _CASE_NAME_MAX:
        return None
    return condition, rest[0].upper() + rest[1:]


def dossier_blocks(lines: list[str]) -> list[dict]:
    """Group the published document list by case.

    - a line ending with ':' opens a case named by it; the plain lines below it are its items;
    - a note "Trường hợp X thì Y" / "Đối với X: Y" / "Trường hợp X phải có Y" becomes its own case X
      with the item Y;
    - every other line is a document of the general case, which comes first;
    - a note that cannot be split stays a line where it was; a heading ("…:") left without documents
      heads the cases below it, and with none below it opens the list of general documents.
    The national crawl does not keep the page order exactly, so only what the text itself says is used.
    A form's file name stuck to a document ("…;văn bản đề nghị.docx") becomes the item's form name.
    """
    general: list[dict] = []
    cases: list[dict] = []
    current: dict | None = None
    for line in lines:
        text = line.strip()
        if text.endswith(":") and len(text) - 1 <= _CASE_NAME_MAX and text.rstrip(":").strip():
            current = {"case_name": text[:-1].rstrip(), "items": []}
            cases.append(current)
            continue
        if _CASE_NOTE_RE.match(text):
            split = _split_note(text) or _split_requirement(text)
            if split:
                cases.append({"case_name": split[0], "items": [_item(split[1])]})
                continue
            # A note that names no document ("Trường hợp … tương tự Mục a)") stays a line of the list.
        (current["items"] if current else general).append(_item(line))
    # A heading with nothing below it introduces the general documents ("… các giấy tờ sau:"), which the
    # crawl may have put anywhere: it opens their list.
    heads_nothing = []
    while cases and not cases[-1]["items"]:
        heads_nothing.insert(0, cases.pop()["case_name"])
    general[:0] = [_item(name) for name in heads_nothing]
    out = [_block("case", {"case_name": "", "items": general})] if general else []
    return out + [_block("case", case) for case in cases]


def dossier_lines(blocks) -> list[str]:
    lines = []
    for value in _values(blocks):
        name = (value.get("case_name") or "").strip()
        if name:
            lines.append(name if name.endswith(":") else name + ":")
        for item in value.get("items") or []:
            item = item.get("value", item) if isinstance(item, dict) and "type" in item else item
            text = (item.get("name") or "").strip()
            form_name = (item.get("form_name") or "").strip()
            if text and is_file_name(form_name):  # read back by split_file_name
                text = f"{text};{form_name}"
            if text:
                lines.append(text)
    return lines


# --- legal basis ---------------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"(?<![\w/])(\d{1,5}(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)")
_TRAILING_NUMBER_RE = re.compile(r"^(?P<title>.+?)\s*\((?P<number>[^()]+)\)$", re.DOTALL)
_DATE_RE = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})"
    r"|[/.-]\s*(?P<m2>\d{1,2})\s*[/.-]\s*(?P<y2>\d{4}))",
    re.IGNORECASE,
)
_ISSUER_RE = re.compile(
    r"\bcủa\s+(?P<issuer>(?:Ủy ban|Uỷ ban|UBND|Bộ|Chính phủ|Quốc hội|Thủ tướng|Hội đồng|Ngân hàng|Tòa án|"
    r"Viện|Kiểm toán|Bảo hiểm|Văn phòng|Chủ tịch)[^,;():]*?)(?=\s+(?:về|quy định|hướng dẫn|ban hành|"
    r"sửa đổi|bổ sung|thực hiện|và|năm)\b|[,;():]|$)"
)
# Issuer from the number's suffix when the text does not name it.
_ISSUER_BY_SUFFIX = {
    "QH": "Quốc hội", "UBTVQH": "Ủy ban Thường vụ Quốc hội", "NĐ-CP": "Chính phủ", "NQ-CP": "Chính phủ",
    "QĐ-TTg": "Thủ tướng Chính phủ", "CT-TTg": "Thủ tướng Chính phủ", "BCA": "Bộ Công an",
    "BTC": "Bộ Tài chính", "BTP": "Bộ Tư pháp", "BXD": "Bộ Xây dựng", "BQP": "Bộ Quốc phòng",
    "BNNMT": "Bộ Nông nghiệp và Môi trường", "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn", "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BGTVT": "Bộ Giao thông vận tải", "BNV": "Bộ Nội vụ", "BYT": "Bộ Y tế", "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch", "BCT": "Bộ Công Thương", "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "NHNN": "Ngân hàng Nhà nước Việt Nam", "BHXH": "Bảo hiểm xã hội Việt Nam", "BTTTT": "Bộ Thông tin và Truyền thông",
    "BKHCN": "Bộ Khoa học và Công nghệ", "BNG": "Bộ Ngoại giao", "BDTTG": "Bộ Dân tộc và Tôn giáo",
}  # fmt: skip
# Longest suffix first; "QH14" (a suffix and the term) counts too.
_SUFFIX_ISSUERS = [
    (suffix, issuer, re.compile(re.escape(suffix) + r"\d+"))
    for suffix, issuer in sorted(_ISSUER_BY_SUFFIX.items(), key=lambda kv: -len(kv[0]))
]


def _issuer_from_number(number: str) -> str:
    tail = number.split("/")[-1]
    for suffix, issuer, with_term in _SUFFIX_ISSUERS:
        if tail == suffix or tail.endswith("-" + suffix) or with_term.fullmatch(tail):
            return issuer
    return ""


def parse_legal_basis(text: str) -> dict:
    """{'number', 'title', 'date', 'issuer'} from one published line; the title keeps the text.

    "Luật Doanh nghiệp (59/2020/QH14)" → title "Luật Doanh nghiệp", number "59/2020/QH14"; otherwise the
    title is the whole line and number, date and issuer are read from it when it names them.
    """
    title, number = text, ""
    m = _TRAILING_NUMBER_RE.match(text)
    if m and _NUMBER_RE.fullmatch(m.group("number").strip()) and len(m.group("number").strip()) <= 120:
        title, number = m.group("title"), m.group("number").strip()
    else:
        found = _NUMBER_RE.search(text)
        if found and len(found.group(1)) <= 120:
            number = found.group(1)
    date = None
    dm = _DATE_RE.search(text)
    if dm:
        try:
            date = datetime.date(
                int(dm.group("y") or dm.group("y2")), int(dm.group("m") or dm.group("m2")), int(dm.group("d"))
            )
        except ValueError:
            date = None
    im = _ISSUER_RE.search(text)
    issuer = im.group("issuer").strip() if im else (_issuer_from_number(number) if number else "")
    return {
        "number": number,
        "title": title,
        "date": date.isoformat() if date else None,
        "issuer": issuer[:255],
    }


def legal_basis_blocks(lines: list[str]) -> list[dict]:
    return [_block("document", parse_legal_basis(line)) for line in lines if line.strip()]


def legal_basis_lines(blocks) -> list[str]:
    lines = []
    for value in _values(blocks):
        title = (value.get("title") or "").strip()
        number = (value.get("number") or "").strip()
        if number and number not in title:
            title = f"{title} ({number})" if title else number
        if title:
            lines.append(title)
    return lines


# --- forms ---------------------------------------------------------------------------------------


def form_blocks(names: list[str], documents_by_title: dict | None = None) -> list[dict]:
    """One block per form file name; a Wagtail document an editor attached under the same name stays."""
    documents_by_title = documents_by_title or {}
    return [
        _block("form", {"title": name, "document": documents_by_title.get(name)})
        for name in names
        if name.strip()
    ]


def form_titles(blocks) -> list[str]:
    return [v.get("title") for v in _values(blocks) if (v.get("title") or "").strip()]


# --- appendix cells ------------------------------------------------------------------------------


def split_cell_lines(text: str | None) -> list[str]:
    """A multi-line appendix cell ("Luật …\\nNghị định …") as its lines."""
    return [line for line in clean_text(text, multiline=True).split("\n") if line]


# --- stored shape and limits ----------------------------------------------------------------------

# (block type → {child: (max length or None, required)}) as procedures/blocks.py declares them.
LIMITS = {
    "step": {"title": (255, False), "description": (None, True)},
    "channel": {
        "method": (None, True),
        "deadline": (None, False),
        "fee": (None, False),
        "description": (None, False),
    },
    "case": {"case_name": (500, False)},
    "item": {"name": (None, True), "form_name": (255, False), "note": (500, False)},
    "document": {"number": (120, False), "title": (None, True), "issuer": (255, False)},
    "form": {"title": (500, True)},
}
BLOCK_LABELS = {
    "step": "bước", "channel": "cách thức", "case": "trường hợp", "item": "giấy tờ",
    "document": "văn bản", "form": "mẫu",
}  # fmt: skip
CHILD_LABELS = {
    "title": "tên", "description": "nội dung", "method": "cách thức", "case_name": "tên trường hợp",
    "name": "tên giấy tờ", "form_name": "mẫu đơn", "note": "ghi chú", "number": "số, ký hiệu",
    "issuer": "cơ quan ban hành",
}  # fmt: skip


def canonical(blocks: list[dict]) -> list[dict]:
    """Stream data as Wagtail stores it, without ids: list items wrapped as {'type': 'item', 'value'}."""
    out = []
    for block in blocks:
        value = dict(block["value"])
        if "items" in value:
            value["items"] = [
                item if "type" in item and "value" in item else {"type": "item", "value": item}
                for item in value["items"]
            ]
        out.append({"type": block["type"], "value": value})
    return out


def block_problems(blocks: list[dict]) -> list[str]:
    """Vietnamese descriptions of values the blocks would refuse (too long, missing)."""
    problems = []

    def check(kind, value, position):
        for child, (limit, required) in LIMITS[kind].items():
            text = value.get(child)
            text = "" if text is None else str(text)
            where = f"{BLOCK_LABELS[kind]} thứ {position}"
            if required and not text.strip():
                problems.append(f"{where} thiếu {CHILD_LABELS[child]}")
            elif limit and len(text) > limit:
                problems.append(f"{where}: {CHILD_LABELS[child]} dài quá {limit} ký tự")

    for position, block in enumerate(blocks, start=1):
        value = block["value"]
        check(block["type"], value, position)
        for sub, item in enumerate(value.get("items") or [], start=1):
            check("item", item.get("value", item), sub)
    return problems


# --- helpers -------------------------------------------------------------------------------------


def _block(block_type: str, value: dict) -> dict:
    return {"type": block_type, "value": value}


def _values(blocks) -> list[dict]:
    """Block values from raw stream data ([{type, value}]) or a StreamValue."""
    out = []
    for block in blocks or []:
        if isinstance(block, dict):
            out.append(block.get("value") or {})
        else:  # StreamChild
            value = block.block.get_prep_value(block.value)
            out.append(value)
    return out
