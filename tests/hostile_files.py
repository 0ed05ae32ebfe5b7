"""Pathological import files, built on the fly (tests/test_import_limits.py, bench/import_limits_bench.py)."""

import io
import json
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Phu luc" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    b'spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def nested_json(depth=100_000) -> bytes:
    return b"[" * depth + b"]" * depth


def huge_number_json(digits=5_000) -> bytes:
    record = {"code": "1.000001", "name": "Thủ tục có phí là một số rất dài"}
    text = json.dumps([record], ensure_ascii=False)
    return text.replace('"}]', f'", "fee": {"9" * digits}}}]').encode("utf-8")


def _rows(first, count):
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>r\xc3\xa1c</t></is></c></row>' % (n, n)
        for n in range(first, first + count)
    )


def xlsx(rows=0, inflate_to=0) -> bytes:
    """A well-formed workbook whose one sheet holds `rows` junk rows, padded with XML whitespace
    between rows until the sheet inflates to `inflate_to` bytes (a zip bomb: deflate shrinks it ~1000×)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD)
            written = len(SHEET_HEAD)
            for first in range(1, rows + 1, 10_000):
                chunk = _rows(first, min(10_000, rows + 1 - first))
                sheet.write(chunk)
                written += len(chunk)
            padding = b" " * (1024 * 1024)
            while written < inflate_to:
                sheet.write(padding)
                written += len(padding)
            sheet.write(SHEET_TAIL)
    return buffer.getvalue()


def junk_csv(rows=1_000_000) -> bytes:
    return "STT;Tên thủ tục;Lĩnh vực\n".encode() + b"x;y;z\n" * rows
