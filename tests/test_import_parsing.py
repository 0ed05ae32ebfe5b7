"""Parsing layer of the catalogue import: appendix (.xlsx/.csv) and JSON records. No database."""

from __future__ import annotations

import csv
import datetime
import importlib.util
import io
import json
import random
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from procedures.importing import codes
from procedures.importing.appendix import parse_appendix
from procedures.importing.records import parse_duration, parse_records, split_channels

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "procedures" / "importing" / "samples"
DATA_CANDIDATES = [
    ROOT.parent / "shared" / "data" / "procedures.json",
    Path("/work/shared/data/procedures.json"),
]
DATA = next((p for p in DATA_CANDIDATES if p.exists()), None)
needs_data = pytest.mark.skipif(DATA is None, reason="shared/data/procedures.json not available")

HEADER = ["STT", "Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện", "Ghi chú"]
DECISION_LINE = (
    "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 3 năm 2025 của Chủ tịch "
    "UBND tỉnh Hải Dương)"
)


def write_xlsx(path: Path, rows, merges=(), sheets=None) -> Path:
    """rows: list of lists; merges: 'A1:F1' ranges; sheets: {title: (rows, merges)} instead."""
    book = Workbook()
    book.remove(book.active)
    for title, (sheet_rows, sheet_merges) in (sheets or {"Phụ lục": (rows, merges)}).items():
        ws = book.create_sheet(title)
        for row in sheet_rows:
            ws.append(list(row))
        for rng in sheet_merges:
            ws.merge_cells(rng)
    book.save(path)
    return path


def write_csv(path: Path, rows, *, delimiter=";", encoding="utf-8-sig") -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue()
    path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters (â, ê, ơ, ư…) plus combining tone marks."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for i, mark in enumerate(marks):
            rest = "".join(marks[:i] + marks[i + 1 :])
            try:
                out += unicodedata.normalize("NFC", base + mark).encode("cp1258")
                out += rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def rows_summary(parsed):
    return [
        (
            r.row_number,
            r.code,
            r.name,
            r.status,
            r.level,
            r.field,
            r.agency,
            r.deadline,
            r.fee,
            r.place,
            r.legal_basis,
            r.note,
            r.replaces_code,
            r.stt,
        )
        for r in parsed.rows
    ]


def messages(items):
    return [e.message_vi for e in items]


def simple_table(*body, title=("DANH MỤC THỦ TỤC HÀNH CHÍNH", DECISION_LINE), header=HEADER):
    return [[t] for t in title] + [list(header)] + [list(r) for r in body]


# --- the committed samples ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_xlsx():
    return parse_appendix(SAMPLES / "appendix_sample.xlsx")


def test_sample_xlsx_decision_from_title(sample_xlsx):
    d = sample_xlsx.decision
    assert d.number == "1234/QĐ-UBND"
    assert d.date == datetime.date(2025, 3, 15)
    assert d.issuer == "Chủ tịch UBND tỉnh Hải Dương"
    assert d.raw == DECISION_LINE


def test_sample_xlsx_is_clean(sample_xlsx):
    assert sample_xlsx.ok
    assert sample_xlsx.errors == []
    assert sample_xlsx.warnings == []  # footnotes "Ghi chú: …", "Tổng số: …" are skipped silently
    assert len(sample_xlsx.rows) == 11


def test_sample_xlsx_statuses_levels_fields(sample_xlsx):
    got = {r.code: (r.row_number, r.status, r.level, r.field) for r in sample_xlsx.rows}
    assert got == {
        # A. new — I. province level — fields from "1. Lĩnh vực …" rows merged across
        "1.012753.H19": (11, "new", "Cấp tỉnh", "Đất đai"),
        "1.013947": (12, "new", "Cấp tỉnh", "Đất đai"),
        "3.000333": (14, "new", "Cấp tỉnh", "Lý lịch tư pháp"),
        # II. commune level — field cell "Hộ tịch" merged down over rows 16-18
        "1.001193": (16, "new", "Cấp xã", "Hộ tịch"),
        "1.000656": (17, "new", "Cấp xã", "Hộ tịch"),
        "1.000894": (18, "new", "Cấp xã", "Hộ tịch"),
        "2.000509.000.00.00.H10": (19, "new", "Cấp xã", "Tôn giáo Chính phủ"),
        # B. amended/replaced: "Lĩnh vực: Chứng thực" in the name column only,
        # then "a) LĨNH VỰC ĐẤT ĐAI" in capitals
        "2.000908": (24, "amended", "Cấp xã", "Chứng thực"),
        "2.001019": (25, "amended", "Cấp xã", "Chứng thực"),
        "1.013978": (27, "replaced", "Cấp xã", "Đất đai"),
        # C. abolished — "III. Cấp huyện"
        "2.000620.000.00.00.H14": (31, "abolished", "Cấp huyện", "Lưu thông hàng hóa trong nước"),
    }


def test_sample_xlsx_two_row_header_and_cell_cleanup(sample_xlsx):
    rows = {r.code: r for r in sample_xlsx.rows}
    birth = rows["1.001193"]
    assert birth.name == "Thủ tục đăng ký khai sinh"  # double space, NBSP, trailing space
    assert birth.deadline == "1" and birth.fee == "Miễn phí"  # columns under the merged group
    assert birth.place == "Bộ phận Một cửa UBND cấp xã"
    assert birth.legal_basis.split("\n")[0] == "Luật 60/2014/QH13"  # line breaks kept here
    death = rows["1.000656"]
    assert death.name == "Thủ tục đăng ký khai tử"
    assert unicodedata.is_normalized("NFC", death.name)  # typed as NFD
    assert rows["1.013947"].name == "Xác nhận tiếp tục sử dụng đất nông nghiệp"  # wrapped name
    assert rows["1.000894"].stt == "6"  # code cell " 1.000894 " stripped
    replaced = rows["1.013978"]
    assert replaced.replaces_code == "1.012753"
    assert replaced.note == "Thay thế thủ tục mã số 1.012753"
    assert rows["1.012753.H19"].code_kind == "variant"
    assert rows["2.000509.000.00.00.H10"].code_kind == "province"
    assert rows["1.001193"].code_kind == "national"
    for row in sample_xlsx.rows:
        for value in (row.name, row.field, row.agency, row.legal_basis):
            assert value is None or ("\u00a0" not in value and "  " not in value)


@needs_data
def test_sample_codes_and_names_are_real(sample_xlsx):
    records = {r["code"]: r for r in json.loads(DATA.read_text(encoding="utf-8"))}
    local = {r["code_local"]: r for r in records.values() if "code_local" in r}
    for row in sample_xlsx.rows:
        record = records.get(row.code) or local[row.code]
        assert row.name == record["name"], row.code
    assert "1.012753" in records  # the replaced procedure too


def test_sample_csv_matches_xlsx(sample_xlsx):
    parsed = parse_appendix(SAMPLES / "appendix_sample.csv")
    assert parsed.errors == [] and parsed.warnings == []
    assert parsed.decision == sample_xlsx.decision
    assert rows_summary(parsed) == rows_summary(sample_xlsx)


def test_samples_are_in_sync_with_generator(tmp_path, sample_xlsx):
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("appendix_sample.xlsx", "appendix_sample.csv", "appendix_bad_row.xlsx"):
        fresh, committed = parse_appendix(tmp_path / name), parse_appendix(SAMPLES / name)
        assert rows_summary(fresh) == rows_summary(committed), name
        assert messages(fresh.errors) == messages(committed.errors), name
    assert (tmp_path / "appendix_sample.csv").read_bytes() == (
        SAMPLES / "appendix_sample.csv"
    ).read_bytes()


def test_bad_row_file_gives_exactly_one_row_error():
    parsed = parse_appendix(SAMPLES / "appendix_bad_row.xlsx")
    assert len(parsed.errors) == 1
    error = parsed.errors[0]
    assert error.row_number == 7
    assert error.message_vi == (
        "Dòng 7: mã thủ tục «1.0O1022» không đúng định dạng (ví dụ đúng: "
        "1.001193 hoặc 1.000494.000.00.00.H29)"
    )
    assert parsed.warnings == []
    assert [r.row_number for r in parsed.rows] == [5, 6, 8, 9]
    # status, level and field come from the title; the date is written 02/6/2025
    assert {(r.status, r.level, r.field) for r in parsed.rows} == {("amended", "Cấp xã", "Hộ tịch")}
    assert parsed.decision.number == "567/QĐ-UBND"
    assert parsed.decision.date == datetime.date(2025, 6, 2)
    assert not parsed.ok


# --- file-level problems -----------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"this is not a zip file", b"", b"PK\x03\x04broken"])
def test_corrupt_xlsx_gives_one_file_error(tmp_path, content):
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(content)
    parsed = parse_appendix(path)
    assert parsed.rows == [] and parsed.warnings == []
    assert len(parsed.errors) == 1
    assert parsed.errors[0].row_number is None
    assert parsed.errors[0].message_vi.startswith("Không đọc được tệp Excel «phu-luc.xlsx»")


def test_truncated_real_xlsx_is_a_file_error(tmp_path):
    data = (SAMPLES / "appendix_sample.xlsx").read_bytes()
    parsed = parse_appendix(io.BytesIO(data[: len(data) // 2]), filename="cut.xlsx")
    assert len(parsed.errors) == 1 and parsed.errors[0].row_number is None


def test_unknown_extension_raises_vietnamese_value_error(tmp_path):
    with pytest.raises(ValueError, match="Không hỗ trợ định dạng tệp «.pdf»"):
        parse_appendix(io.BytesIO(b"%PDF"), filename="qd.pdf")
    with pytest.raises(ValueError, match="Excel 97–2003"):
        parse_appendix(io.BytesIO(b""), filename="cu.xls")
    with pytest.raises(ValueError, match="cần tên tệp"):
        parse_appendix(io.BytesIO(b"a;b"))


def test_file_like_input_and_uppercase_extension():
    data = (SAMPLES / "appendix_sample.csv").read_bytes()
    parsed = parse_appendix(io.BytesIO(data), filename="PHU LUC.CSV")
    assert len(parsed.rows) == 11


def test_no_header_row_is_a_file_error(tmp_path):
    path = write_csv(tmp_path / "x.csv", [["Chỉ có chữ"], ["1", "2"]])
    parsed = parse_appendix(path)
    assert messages(parsed.errors) == [
        "Không tìm thấy dòng tiêu đề cột của bảng danh mục (cần có cột «Tên thủ tục hành chính» "
        "cùng cột «STT» hoặc «Mã TTHC»)."
    ]


def test_header_without_rows_is_a_file_error(tmp_path):
    parsed = parse_appendix(write_csv(tmp_path / "x.csv", [HEADER]))
    assert messages(parsed.errors) == ["Phụ lục không có dòng thủ tục nào."]


# --- CSV encodings and delimiters --------------------------------------------------------------


def _sample_rows():
    with (SAMPLES / "appendix_sample.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


@pytest.mark.parametrize(
    "encoding,delimiter",
    [
        ("utf-8", ";"),
        ("utf-8-sig", ","),
        ("utf-8", "\t"),
        ("utf-16", ";"),
        ("utf-16-le", ","),
        ("utf-16-be", ";"),
    ],
)
def test_csv_encodings_and_delimiters(tmp_path, sample_xlsx, encoding, delimiter):
    path = write_csv(tmp_path / "a.csv", _sample_rows(), delimiter=delimiter, encoding=encoding)
    parsed = parse_appendix(path)
    assert parsed.errors == [] and parsed.warnings == []
    assert rows_summary(parsed) == rows_summary(sample_xlsx)


def test_csv_cp1258_is_decoded_with_a_warning(tmp_path, sample_xlsx):
    path = write_csv(tmp_path / "a.csv", _sample_rows(), encoding="cp1258")
    assert b"\xd0" in path.read_bytes()  # Đ in Windows-1258
    parsed = parse_appendix(path)
    assert parsed.errors == []
    assert messages(parsed.warnings) == [
        "Tệp CSV không phải UTF-8; đã đọc theo bảng mã Windows-1258. Hãy kiểm tra dấu tiếng Việt "
        "trong kết quả."
    ]
    assert rows_summary(parsed) == rows_summary(sample_xlsx)
    assert parsed.decision.number == "1234/QĐ-UBND"


def test_nfd_input_everywhere_is_normalised(tmp_path, sample_xlsx):
    rows = [[unicodedata.normalize("NFD", c) for c in row] for row in _sample_rows()]
    parsed = parse_appendix(write_csv(tmp_path / "nfd.csv", rows))
    assert parsed.errors == [] and parsed.warnings == []
    assert rows_summary(parsed) == rows_summary(sample_xlsx)
    assert parsed.decision == sample_xlsx.decision


# --- sections ----------------------------------------------------------------------------------


def test_row_before_any_status_section_is_an_error(tmp_path):
    rows = simple_table(
        ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"],
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        ["1", "1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert [e.row_number for e in parsed.errors] == [4]
    assert parsed.errors[0].message_vi.startswith("Dòng 4: không xác định được tình trạng công bố")
    assert [(r.code, r.status) for r in parsed.rows] == [("1.000656", "new")]


@pytest.mark.parametrize(
    "title,status",
    [
        ("A. Danh mục thủ tục hành chính mới ban hành", "new"),
        ("PHẦN I. THỦ TỤC HÀNH CHÍNH BAN HÀNH MỚI", "new"),
        ("B. Danh mục thủ tục hành chính được sửa đổi, bổ sung", "amended"),
        ("Mục 2. Danh mục TTHC được sửa đổi", "amended"),
        ("C. Danh mục thủ tục hành chính thay thế", "replaced"),
        ("C. Danh mục thủ tục hành chính bị bãi bỏ", "abolished"),
        ("D. Danh mục thủ tục hành chính bị huỷ bỏ", "abolished"),  # old tone placement
        ("III. Danh mục thủ tục hành chính bãi bỏ, hủy bỏ", "abolished"),
        (
            "B. Danh muc thu tuc hanh chinh duoc sua doi, bo sung",
            "amended",
        ),  # typed without accents
    ],
)
def test_status_section_forms(tmp_path, title, status):
    rows = simple_table(
        [title],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", "", "", "", "", "", "1.000000"],
        header=HEADER + ["", "", "", "Mã TTHC bị thay thế"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert parsed.errors == []
    assert [r.status for r in parsed.rows] == [status]


@pytest.mark.parametrize(
    "section,level",
    [
        ("I. Cấp tỉnh", "Cấp tỉnh"),
        ("II. CẤP HUYỆN", "Cấp huyện"),
        ("Thủ tục hành chính cấp xã", "Cấp xã"),
        ("TTHC thuộc thẩm quyền giải quyết của UBND cấp xã", "Cấp xã"),
    ],
)
def test_level_section_forms(tmp_path, section, level):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        [section],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert parsed.errors == [] and parsed.warnings == []
    assert [r.level for r in parsed.rows] == [level]


@pytest.mark.parametrize(
    "section,field",
    [
        ("1. Lĩnh vực Hộ tịch", "Hộ tịch"),
        ("Lĩnh vực: Đất đai", "Đất đai"),
        ("2) LĨNH VỰC CHỨNG THỰC (05 TTHC)", "Chứng thực"),
        ("Lĩnh vực Đăng ký, quản lý cư trú", "Đăng ký, quản lý cư trú"),
    ],
)
def test_field_section_forms(tmp_path, section, field):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        [section],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh"],
        ["2", "1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    # the field column wins over the section
    assert [r.field for r in parsed.rows] == [field, "Hộ tịch"]


def test_status_section_resets_level_and_field(tmp_path):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        ["I. Cấp xã"],
        ["1. Lĩnh vực Hộ tịch"],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh"],
        ["B. Danh mục thủ tục hành chính được sửa đổi, bổ sung"],
        ["1", "2.001019", "Chứng thực di chúc"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert [(r.status, r.level, r.field) for r in parsed.rows] == [
        ("new", "Cấp xã", "Hộ tịch"),
        ("amended", None, None),
    ]


def test_section_with_level_in_its_title(tmp_path):
    rows = simple_table(
        ["A. THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ"],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert [(r.status, r.level) for r in parsed.rows] == [("new", "Cấp xã")]


def test_section_naming_two_statuses_is_ambiguous(tmp_path):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành, bãi bỏ"],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert [e.row_number for e in parsed.warnings] == [4]
    assert [e.row_number for e in parsed.errors] == [5]
    assert "nhiều tình trạng" in parsed.errors[0].message_vi


def test_status_column_wins_over_sections(tmp_path):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Bãi bỏ"],
        ["2", "1.000656", "Thủ tục đăng ký khai tử", "Không rõ"],
        header=["STT", "Mã số", "Tên TTHC", "Tình trạng"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert [(r.code, r.status) for r in parsed.rows] == [("1.001193", "abolished")]
    assert messages(parsed.errors) == [
        "Dòng 6: tình trạng «Không rõ» không hợp lệ (dùng: mới ban hành, sửa đổi, bổ sung, thay "
        "thế, bãi bỏ)"
    ]


def test_unrecognised_rows_warn_and_footnotes_do_not(tmp_path):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh"],
        ["Nhóm đặc biệt", "Nhóm đặc biệt", "Nhóm đặc biệt"],
        ["* Thủ tục có dấu * được thực hiện trực tuyến toàn trình"],
        ["Ghi chú: …"],
        ["Tổng cộng: 1 thủ tục"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert parsed.errors == []
    assert messages(parsed.warnings) == [
        "Dòng 6: không nhận dạng được dòng «Nhóm đặc biệt»; đã bỏ qua"
    ]


# --- headers -----------------------------------------------------------------------------------


def test_header_variants_and_repeated_header(tmp_path):
    header = [
        "Số TT",
        "Mã thủ tục",
        "Tên TTHC",
        "Linh vuc",
        "Co quan giai quyet",
        "Thời gian giải quyết",
        "Phí, lệ phí (nếu có)",
        "Nơi tiếp nhận",
        "Cấp thực hiện",
        "Cột riêng",
    ]
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        [
            "1",
            "1.001193",
            "Thủ tục đăng ký khai sinh",
            "Hộ tịch",
            "UBND xã",
            "01 ngày",
            "Miễn phí",
            "Bộ phận Một cửa",
            "cấp xã",
            "x",
        ],
        header,  # repeated on a new page
        ["2", "1.000656", "Thủ tục đăng ký khai tử", "Hộ tịch", "UBND xã", "", "", "", "Xã", ""],
        header=header,
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert parsed.errors == [] and parsed.warnings == []
    first, second = parsed.rows
    assert (first.agency, first.deadline, first.fee, first.place, first.level) == (
        "UBND xã",
        "01 ngày",
        "Miễn phí",
        "Bộ phận Một cửa",
        "Cấp xã",
    )
    assert first.extra == {"Cột riêng": "x"}
    assert second.level == "Cấp xã" and second.row_number == 7


def test_replaced_template_columns(tmp_path):
    header = [
        "STT",
        "Số hồ sơ TTHC",
        "Tên thủ tục hành chính được thay thế",
        "Tên thủ tục hành chính thay thế",
        "Tên VBQPPL quy định nội dung thay thế",
        "Lĩnh vực",
    ]
    rows = simple_table(
        ["C. Danh mục thủ tục hành chính được thay thế"],
        [
            "1",
            "1.013978",
            "Đăng ký đất đai … (thủ tục cũ)",
            "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
            "Nghị định 101/2024/NĐ-CP",
            "Đất đai",
        ],
        ["2", "", "", "Tên mới", "", "Đất đai"],
        header=header,
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    row = parsed.rows[0]
    assert (row.code, row.name, row.replaces_name, row.legal_basis, row.status) == (
        "1.013978",
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
        "Đăng ký đất đai … (thủ tục cũ)",
        "Nghị định 101/2024/NĐ-CP",
        "replaced",
    )
    assert messages(parsed.errors) == ["Dòng 6: thủ tục thay thế chưa nêu mã thủ tục bị thay thế"]
    assert messages(parsed.warnings) == [
        "Dòng 5: chỉ có tên thủ tục bị thay thế, không có mã; bước áp dụng sẽ tìm theo tên",
        "Dòng 6: thủ tục chưa có mã; sẽ được nhập không có mã, cần bổ sung mã sau",
    ]


def test_sub_headers_under_a_known_group_are_joined(tmp_path):
    top = ["STT", "Mã TTHC", "Tên TTHC", "Thời hạn giải quyết", "Thời hạn giải quyết"]
    sub = ["STT", "Mã TTHC", "Tên TTHC", "Trực tiếp", "Trực tuyến"]
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [
            ["DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"],
            top,
            sub,
            ["1", "1.001193", "Thủ tục đăng ký khai sinh", "1 ngày", "2 giờ"],
        ],
        merges=["A2:A3", "B2:B3", "C2:C3", "D2:E2"],
    )
    parsed = parse_appendix(path)
    assert parsed.errors == []
    assert parsed.rows[0].deadline == "Trực tiếp: 1 ngày; Trực tuyến: 2 giờ"
    assert parsed.rows[0].status == "new"  # from the title


# --- merged cells (xlsx) -----------------------------------------------------------------------


def test_merged_cells_across_and_down(tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [
            ["DANH MỤC THỦ TỤC HÀNH CHÍNH"],
            [DECISION_LINE],
            HEADER,
            ["A. Danh mục thủ tục hành chính được sửa đổi, bổ sung"],
            ["I", "Cấp xã"],
            ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", "UBND cấp xã"],
            ["2", "1.000656", "Thủ tục đăng ký khai tử", None, None],
            ["3", "2.001019", "Chứng thực di chúc", "Chứng thực", None],
        ],
        merges=["A1:F1", "A2:F2", "A4:F4", "B5:F5", "D6:D7", "E6:E8"],
    )
    parsed = parse_appendix(path)
    assert parsed.errors == [] and parsed.warnings == []
    assert [(r.code, r.field, r.agency, r.level, r.status) for r in parsed.rows] == [
        ("1.001193", "Hộ tịch", "UBND cấp xã", "Cấp xã", "amended"),
        ("1.000656", "Hộ tịch", "UBND cấp xã", "Cấp xã", "amended"),
        ("2.001019", "Chứng thực", "UBND cấp xã", "Cấp xã", "amended"),
    ]


def test_multi_sheet_workbook_uses_sheet_names(tmp_path):
    body = [HEADER, ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"]]
    bad = [HEADER, ["1", "1.000656", "", "Hộ tịch"]]
    path = write_xlsx(
        tmp_path / "a.xlsx",
        None,
        sheets={
            "Bìa": ([["Ủy ban nhân dân tỉnh Hải Dương"]], []),
            "Mới ban hành": (body, []),
            "Bãi bỏ": (bad, []),
        },
    )
    parsed = parse_appendix(path)
    assert [(r.code, r.status, r.sheet) for r in parsed.rows] == [
        ("1.001193", "new", "Mới ban hành")
    ]
    assert messages(parsed.errors) == ["Trang «Bãi bỏ», dòng 2: thiếu tên thủ tục"]
    assert messages(parsed.warnings) == ["Trang «Bìa» không có bảng danh mục thủ tục; đã bỏ qua."]


def test_code_stored_as_number_by_excel(tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx",
        [
            ["DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"],
            HEADER,
            [1, 1.00119, "Thủ tục X", "Hộ tịch"],
            [2, 1.001193, "Thủ tục đăng ký khai sinh"],
        ],
    )
    parsed = parse_appendix(path)
    assert parsed.errors == []
    assert [(r.code, r.stt) for r in parsed.rows] == [("1.001190", "1"), ("1.001193", "2")]
    assert messages(parsed.warnings) == [
        "Dòng 3: mã «1.00119» bị Excel lưu dạng số và mất số 0 ở cuối; đã hiểu là 1.001190. Hãy "
        "định dạng cột mã là Văn bản (Text)"
    ]


def test_decision_with_impossible_date(tmp_path):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh"],
        title=["(Kèm theo Quyết định số 99/QĐ-UBND ngày 31 tháng 02 năm 2025)"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert parsed.decision.number == "99/QĐ-UBND"
    assert parsed.decision.date is None and parsed.decision.issuer is None
    assert messages(parsed.warnings) == ["Ngày ban hành «31/2/2025» của quyết định không hợp lệ"]


# --- row-level rules ---------------------------------------------------------------------------


def test_code_rules_per_status(tmp_path):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        ["1", "", "Thủ tục mới chưa có mã", "Hộ tịch"],
        ["2", "HD-TP-01", "Thủ tục theo mã riêng của tỉnh", "Hộ tịch"],
        ["3", "1,001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"],
        ["4", "1.001193.H29", "Thủ tục đăng ký khai sinh (biến thể)", "Hộ tịch"],
        ["5", "1.000894", "", "Hộ tịch"],
        ["B. Danh mục thủ tục hành chính được sửa đổi, bổ sung"],
        ["1", "", "Thủ tục đăng ký khai tử", "Hộ tịch"],
        ["2", "1.00x", "Thủ tục đăng ký kết hôn", "Hộ tịch"],
        ["3", "2.001019", "Chứng thực di chúc"],
        ["4", "2.001019", "Chứng thực di chúc"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert [(r.row_number, r.code, r.code_kind) for r in parsed.rows] == [
        (5, None, None),
        (6, "HD-TP-01", None),
        (7, "1.001193", "national"),
        (8, "1.001193.H29", "variant"),
        (13, "2.001019", "national"),
    ]
    assert messages(parsed.errors) == [
        "Dòng 9: thiếu tên thủ tục",
        "Dòng 11: thiếu mã thủ tục (bắt buộc với thủ tục sửa đổi, bổ sung để đối chiếu với danh "
        "mục hiện có)",
        "Dòng 12: mã thủ tục «1.00x» không đúng định dạng (ví dụ đúng: 1.001193 hoặc "
        "1.000494.000.00.00.H29)",
        "Dòng 14: mã thủ tục «2.001019» trùng với dòng 13 (cùng tình trạng và cấp thực hiện)",
    ]
    assert messages(parsed.warnings) == [
        "Dòng 5: thủ tục chưa có mã; sẽ được nhập không có mã, cần bổ sung mã sau",
        "Dòng 6: mã thủ tục «HD-TP-01» không theo định dạng của Cơ sở dữ liệu quốc gia về TTHC; "
        "vẫn được nhận, cần kiểm tra lại",
        "Dòng 7: mã thủ tục «1,001193» dùng dấu phẩy; đã hiểu là 1.001193",
    ]


def test_same_code_on_two_levels_is_not_a_duplicate(tmp_path):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        ["I. Cấp tỉnh"],
        ["1", "2.000908", "Thủ tục cấp bản sao từ sổ gốc"],
        ["II. Cấp xã"],
        ["1", "2.000908", "Thủ tục cấp bản sao từ sổ gốc"],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert parsed.errors == []
    assert [r.level for r in parsed.rows] == ["Cấp tỉnh", "Cấp xã"]


def test_csv_field_carried_down_like_excel_export(tmp_path):
    rows = simple_table(
        ["A. Danh mục thủ tục hành chính mới ban hành"],
        ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch"],
        ["2", "1.000656", "Thủ tục đăng ký khai tử", ""],
        ["II. Cấp xã"],
        ["3", "2.001019", "Chứng thực di chúc", ""],
    )
    parsed = parse_appendix(write_csv(tmp_path / "a.csv", rows))
    assert [r.field for r in parsed.rows] == ["Hộ tịch", "Hộ tịch", None]


def test_parser_never_crashes_on_random_tables(tmp_path):
    rng = random.Random(20250315)
    vocab = [
        "",
        "",
        "",
        "STT",
        "Mã TTHC",
        "Tên TTHC",
        "Lĩnh vực",
        "Phí, lệ phí",
        "1",
        "II",
        "1.001193",
        "1.00x",
        "A. Danh mục thủ tục hành chính mới ban hành",
        "Cấp xã",
        "Lĩnh vực: Hộ tịch",
        "C. bãi bỏ",
        "Thủ tục đăng ký khai sinh",
        "\u00a0",
        "(1)",
        "Quyết định số 1/QĐ ngày 99/99/2025 của",
        "Ghi chú",
        "x" * 300,
        "\n\n",
        ";",
        '"',
    ]
    for i in range(150):
        rows = [
            [rng.choice(vocab) for _ in range(rng.randint(0, 7))] for _ in range(rng.randint(0, 14))
        ]
        parsed = parse_appendix(write_csv(tmp_path / f"r{i}.csv", rows))
        assert isinstance(parsed.errors, list)
        for row in parsed.rows:
            assert row.name and row.status in ("new", "amended", "replaced", "abolished")
    merges = ["A1:C1", "B2:B4", "A3:F3"]
    for i in range(10):
        rows = [[rng.choice(vocab) or None for _ in range(6)] for _ in range(8)]
        parse_appendix(write_xlsx(tmp_path / f"r{i}.xlsx", rows, merges=merges))


# --- code helpers ------------------------------------------------------------------------------


def test_code_helpers():
    assert codes.code_kind("1.001193") == "national"
    assert codes.code_kind("1.000494.000.00.00.H29") == "province"
    assert codes.code_kind("1.012753.H19") == "variant"
    assert codes.code_kind("1.00119") is None
    assert codes.normalize_code(" 1.000494.000.00.00.h29 \u00a0") == "1.000494.000.00.00.H29"
    assert codes.national_code("1.000494.000.00.00.H29") == "1.000494"
    assert codes.national_code("abc") is None
    assert codes.check_code("1.001193") == ("1.001193", None, None)
    assert codes.check_code("1.0011933")[2] == "error"
    assert codes.check_code("T-HDG-28451")[2] == "warning"
    assert codes.match_key("Hoà  giải, HUỶ BỎ") == "hòa giải, hủy bỏ"
    assert codes.fold("Đăng ký") == "dang ky"


# --- JSON records ------------------------------------------------------------------------------


@needs_data
def test_records_full_real_file():
    parsed = parse_records(DATA)
    assert parsed.errors == [] and parsed.warnings == []
    assert len(parsed.records) == 591
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    by_code = {r["code"]: r for r in parsed.records}
    for original in raw:  # values verbatim (the file is NFC already)
        record = by_code[original["code"]]
        for key, value in original.items():
            if key != "submission":
                assert record[key] == value, (original["code"], key)
    assert sum("deadline_channels" in r for r in parsed.records) > 50
    birth = by_code["1.001193"]
    assert {s["channel"] for s in birth["submission"]} <= {"in_person", "online", "post", None}


def test_records_nfc_and_derived_structures(tmp_path):
    item = {
        "code": "1.013947",
        "name": unicodedata.normalize("NFD", " Xác nhận tiếp tục sử dụng đất nông nghiệp "),
        "deadline": "Trực tuyến: 7 Ngày làm việc; Dịch vụ bưu chính: 7 Ngày làm việc; "
        "Trực tiếp: 17 Ngày",
        "fee": "Miễn phí",
        "documents": [unicodedata.normalize("NFD", "Đơn đề nghị"), "  "],
        "submission": [
            {"method": "Trực tuyến", "time": "7 Ngày làm việc", "fee": None},
            {"method": "Dịch vụ bưu chính", "time": None},
        ],
        "levels": None,
    }
    path = tmp_path / "r.json"
    path.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
    parsed = parse_records(path)
    assert parsed.errors == [] and parsed.warnings == []
    record = parsed.records[0]
    assert record["name"] == "Xác nhận tiếp tục sử dụng đất nông nghiệp"
    assert unicodedata.is_normalized("NFC", record["documents"][0])
    assert record["documents"] == ["Đơn đề nghị"]
    assert "levels" not in record and "fee_channels" not in record
    assert record["deadline_channels"] == [
        {
            "channel": "online",
            "label": "Trực tuyến",
            "text": "7 Ngày làm việc",
            "amount": 7,
            "unit": "ngày làm việc",
        },
        {
            "channel": "post",
            "label": "Dịch vụ bưu chính",
            "text": "7 Ngày làm việc",
            "amount": 7,
            "unit": "ngày làm việc",
        },
        {
            "channel": "in_person",
            "label": "Trực tiếp",
            "text": "17 Ngày",
            "amount": 17,
            "unit": "ngày",
        },
    ]
    assert record["submission"] == [
        {"method": "Trực tuyến", "time": "7 Ngày làm việc", "fee": None, "channel": "online"},
        {"method": "Dịch vụ bưu chính", "time": None, "fee": None, "channel": "post"},
    ]


def test_records_broken_items():
    items = [
        {"code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "level": "Cấp xã"},
        {"name": "Không có mã"},
        {
            "code": "1.000656",
            "name": "Thủ tục đăng ký khai tử",
            "documents": "Tờ khai",
            "steps": ["Bước 1", 2],
            "colour": "xanh",
        },
        "not an object",
        {"code": "1.001193", "name": "Trùng", "level": "Cấp xã"},
        {"code": "1.00x", "name": "Mã sai"},
        {"code": "HD-01", "name": "Mã riêng", "url": "dichvucong.gov.vn/x"},
        {"code": "1.004873", "name": "", "submission": [{"time": "3"}, "x", {"method": 1}]},
        {"code": "2.001019", "name": "Chứng thực di chúc", "submission": "Trực tiếp"},
    ]
    parsed = parse_records(io.StringIO(json.dumps(items, ensure_ascii=False)))
    assert [r["code"] for r in parsed.records] == ["1.001193", "HD-01"]
    assert messages(parsed.errors) == [
        "Bản ghi 2: thiếu mã thủ tục («code»).",
        "Bản ghi 3 (mã 1.000656): trường «documents» (thành phần hồ sơ) phải là danh sách các "
        "chuỗi văn bản, nhưng lại là chuỗi.",
        "Bản ghi 3 (mã 1.000656): trường «steps» (trình tự thực hiện) phải là danh sách các chuỗi "
        "văn bản, nhưng phần tử thứ 2 là số.",
        "Bản ghi 4: phải là một đối tượng JSON, nhưng lại là chuỗi.",
        "Bản ghi 5 (mã 1.001193): trùng mã và cấp thực hiện với bản ghi 1.",
        "Bản ghi 6 (mã 1.00x): mã thủ tục «1.00x» không đúng định dạng (ví dụ đúng: 1.001193 "
        "hoặc 1.000494.000.00.00.H29).",
        "Bản ghi 8 (mã 1.004873): cách thức thứ 1 trong «submission» thiếu hình thức nộp "
        "(«method»).",
        "Bản ghi 8 (mã 1.004873): cách thức thứ 2 trong «submission» phải là một đối tượng, nhưng "
        "lại là chuỗi.",
        "Bản ghi 8 (mã 1.004873): cách thức thứ 3 trong «submission»: «method» phải là chuỗi văn "
        "bản, nhưng lại là số.",
        "Bản ghi 8 (mã 1.004873): cách thức thứ 3 trong «submission» thiếu hình thức nộp "
        "(«method»).",
        "Bản ghi 8 (mã 1.004873): thiếu tên thủ tục («name»).",
        "Bản ghi 9 (mã 2.001019): trường «submission» (cách thức thực hiện) phải là danh sách các "
        "cách thức nộp hồ sơ, nhưng lại là chuỗi.",
    ]
    assert messages(parsed.warnings) == [
        "Bản ghi 3 (mã 1.000656): khóa không xác định «colour»; đã bỏ qua.",
        "Bản ghi 7 (mã HD-01): mã thủ tục «HD-01» không theo định dạng của Cơ sở dữ liệu quốc gia "
        "về TTHC; vẫn được nhận, cần kiểm tra lại.",
        "Bản ghi 7 (mã HD-01): đường dẫn «dichvucong.gov.vn/x» không bắt đầu bằng http:// hoặc "
        "https://.",
    ]
    assert all(e.index is not None for e in parsed.errors)


def test_records_malformed_json_reports_line_and_column(tmp_path):
    path = tmp_path / "r.json"
    path.write_text(
        '[\n  {"code": "1.001193",\n   "name": "Thủ tục đăng ký khai sinh"\n  '
        '"field": "Hộ tịch"}\n]',
        encoding="utf-8",
    )
    parsed = parse_records(path)
    assert parsed.records == []
    assert [(e.index, e.message_vi) for e in parsed.errors] == [
        (None, "Tệp JSON không hợp lệ ở dòng 4, cột 3: thiếu dấu phẩy giữa hai phần tử.")
    ]


def test_records_file_level_problems():
    assert messages(parse_records(io.BytesIO(b'{"code": "1"}')).errors) == [
        "Tệp JSON phải là một danh sách (mảng) các bản ghi, nhưng lại là đối tượng."
    ]
    assert messages(parse_records(io.BytesIO('["Hô"]'.encode("cp1258"))).errors) == [
        "Tệp JSON phải dùng bảng mã UTF-8 (byte không hợp lệ ở vị trí 3)."
    ]
    assert messages(parse_records(io.BytesIO(b"")).errors) == [
        "Tệp JSON không hợp lệ ở dòng 1, cột 1: thiếu giá trị hoặc giá trị không hợp lệ."
    ]
    bom = parse_records(io.BytesIO('\ufeff[{"code": "1.001193", "name": "A"}]'.encode()))
    assert bom.ok and len(bom.records) == 1


def test_split_channels_and_durations():
    assert split_channels("Miễn phí") is None
    assert split_channels("Trực tiếp: 2,000 Việt Nam Đồng; Trực tiếp: 10 USD") == [
        {"channel": "in_person", "label": "Trực tiếp", "text": "2,000 Việt Nam Đồng"},
        {"channel": "in_person", "label": "Trực tiếp", "text": "10 USD"},
    ]
    # '; ' inside a value that does not start a channel stays with that value
    assert split_channels("Trực tuyến: a; + b; Trực tiếp: c") == [
        {"channel": "online", "label": "Trực tuyến", "text": "a; + b"},
        {"channel": "in_person", "label": "Trực tiếp", "text": "c"},
    ]
    assert parse_duration("02 Giờ") == {"amount": 2, "unit": "giờ"}
    assert parse_duration("1") == {"amount": 1, "unit": None}
    assert parse_duration("17-20 ngày (khu vực thường)") is None
