"""Regenerate the sample appendix files in this folder.

    python procedures/importing/samples/make_samples.py [OUTPUT_DIR]

Codes and names are real (from the national catalogue, shared/data/procedures.json); which
procedure is new, amended, replaced or abolished here is made up for testing. One table
definition is rendered twice: as .xlsx with merged cells and as .csv the way Excel exports
merged cells (value in the first cell only).
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

WIDTH = 11  # A..K
DECISION = (
    "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 3 năm 2025 của Chủ tịch UBND "
    "tỉnh Hải Dương)"
)
HEADER_TOP = [
    "STT",
    "Mã số TTHC",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Cơ quan thực hiện",
    "Thông tin chi tiết",
    "Thông tin chi tiết",
    "Thông tin chi tiết",
    "Căn cứ pháp lý",
    "Mã TTHC bị thay thế",
    "Ghi chú",
]
HEADER_SUB = [
    "",
    "",
    "",
    "",
    "",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Địa điểm thực hiện",
    "",
    "",
    "",
]
PLACE_PROVINCE = "Trung tâm Phục vụ hành chính công tỉnh"
PLACE_COMMUNE = "Bộ phận Một cửa UBND cấp xã"


class Table:
    """Rows of WIDTH cells plus merged ranges given as (row, col, last_row, last_col), 1-based."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.merges: list[tuple[int, int, int, int]] = []

    def add(self, *cells: str, across_from: int | None = None) -> int:
        row = [*cells, *[""] * (WIDTH - len(cells))]
        self.rows.append(row)
        n = len(self.rows)
        if across_from is not None:  # text merged from this column to the last one
            self.merges.append((n, across_from, n, WIDTH))
        return n

    def merge(self, row: int, col: int, last_row: int, last_col: int) -> None:
        self.merges.append((row, col, last_row, last_col))

    def save_xlsx(self, path: Path, sheet_title: str) -> None:
        book = Workbook()
        ws = book.active
        ws.title = sheet_title
        for row in self.rows:
            ws.append([cell or None for cell in row])
        for r, c, r2, c2 in self.merges:
            ws.merge_cells(start_row=r, start_column=c, end_row=r2, end_column=c2)
        for col, width in enumerate((5, 14, 48, 16, 24, 16, 16, 22, 36, 14, 24), start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        for row in ws.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[1].height = 20
        for cell in ws[1]:
            cell.font = Font(bold=True)
        book.save(path)

    def save_csv(self, path: Path) -> None:
        covered = {
            (r, c)
            for r0, c0, r1, c1 in self.merges
            for r in range(r0, r1 + 1)
            for c in range(c0, c1 + 1)
            if (r, c) != (r0, c0)
        }
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            for r, row in enumerate(self.rows, start=1):
                writer.writerow(["" if (r, c) in covered else v for c, v in enumerate(row, 1)])


def _header(table: Table) -> None:
    top = table.add(*HEADER_TOP)
    table.add(*HEADER_SUB)
    for col in (1, 2, 3, 4, 5, 9, 10, 11):
        table.merge(top, col, top + 1, col)
    table.merge(top, 6, top, 8)
    table.add(*[f"({i})" for i in range(1, WIDTH + 1)])


def main_sample() -> Table:
    t = Table()
    t.add("PHỤ LỤC", across_from=1)
    t.add(
        "DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, SỬA ĐỔI, BỔ SUNG, THAY THẾ VÀ BÃI BỎ "
        "THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ NHÀ NƯỚC CỦA UBND TỈNH HẢI DƯƠNG",
        across_from=1,
    )
    t.add(DECISION, across_from=1)
    t.add()
    _header(t)
    t.add("A. DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH", across_from=1)
    t.add("I", "THỦ TỤC HÀNH CHÍNH CẤP TỈNH", across_from=2)
    t.add("1. Lĩnh vực Đất đai", across_from=1)
    t.add(
        "1",
        "1.012753.H19",
        "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, "
        "quyền sở hữu tài sản gắn liền với đất lần đầu đối với tổ chức đang sử dụng đất",
        "",
        "UBND cấp xã, Văn phòng ĐKĐĐ, Cơ quan thuế, và các cơ quan liên quan khác.",
        "17-20 ngày (khu vực thường) 27-30 ngày (vùng khó khăn, hải đảo...)",
        "Phí thẩm định hồ sơ: Chỉ có QSDĐ: 1.260.000đ",
        PLACE_PROVINCE,
        "Luật Đất đai 2024 (số 31/2024/QH15)\nNghị định 101/2024/NĐ-CP",
    )
    # A line break inside the name is only wrapping.
    t.add(
        "2",
        "1.013947",
        "Xác nhận tiếp tục sử dụng\nđất nông nghiệp",
        "",
        "Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai",
        "Trực tuyến: 7 Ngày làm việc; Dịch vụ bưu chính: 7 Ngày làm việc; Trực tiếp: 17 Ngày",
        "Miễn phí",
        PLACE_PROVINCE,
        "Luật số 43/2024/QH15 ngày 29/6/ 2024",
    )
    t.add("2. Lĩnh vực Lý lịch tư pháp", across_from=1)
    t.add(
        "3",
        "3.000333",
        "Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt "
        "Nam, người Việt Nam đang cư trú ở nước ngoài",
        "",
        "Công an tỉnh",
        "10 Ngày",
        "Miễn phí",
        PLACE_PROVINCE,
        "Luật 28/2009/QH12",
    )
    t.add("II", "THỦ TỤC HÀNH CHÍNH CẤP XÃ", across_from=2)
    # Stray double space, a non-breaking space and a trailing space in the name.
    first = t.add(
        "4",
        "1.001193",
        "Thủ tục  đăng ký\u00a0khai sinh ",
        "Hộ tịch",
        "Ủy ban nhân dân cấp xã",
        "1",
        "Miễn phí",
        PLACE_COMMUNE,
        "Luật 60/2014/QH13\nNghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ "
        "quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
    )
    # Name typed in decomposed Unicode (NFD), as some Mac and legacy tools save it.
    t.add(
        "5",
        "1.000656",
        unicodedata.normalize("NFD", "Thủ tục đăng ký khai tử"),
        "",
        "Ủy ban Nhân dân xã, phường, thị trấn.",
        "1",
        "Miễn phí",
        PLACE_COMMUNE,
        "Luật 60/2014/QH13",
    )
    t.add(
        "6",
        " 1.000894 ",
        "Thủ tục đăng ký kết hôn",
        "",
        "Ủy ban Nhân dân xã, phường, thị trấn.",
        "1",
        "Miễn phí",
        PLACE_COMMUNE,
        "Luật 52/2014/QH13\nLuật 60/2014/QH13",
    )
    t.merge(first, 4, first + 2, 4)  # the field cell "Hộ tịch" merged down over three rows
    t.add(
        "7",
        "2.000509.000.00.00.H10",
        "Đăng ký hoạt động tín ngưỡng",
        "Tôn giáo Chính phủ",
        "UBND cấp xã",
        "10 ngày làm việc",
        "Không",
        PLACE_COMMUNE,
    )
    t.add()
    t.add("B. DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG, THAY THẾ", across_from=1)
    t.add("I. Cấp xã", across_from=1)
    t.add("", "", "Lĩnh vực: Chứng thực")
    t.add(
        "1",
        "2.000908",
        "Thủ tục cấp bản sao từ sổ gốc",
        "",
        "Cơ quan, tổ chức đang quản lý sổ gốc",
        "1 Ngày làm việc",
        "Miễn phí",
        PLACE_COMMUNE,
        "Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và "
        "chứng thực hợp đồng, giao dịch (23/2015/NĐ-CP)",
    )
    t.add(
        "2",
        "2.001019",
        "Chứng thực di chúc",
        "",
        "Ủy ban nhân dân cấp xã",
        "",
        "50,000 Việt Nam Đồng",
        PLACE_COMMUNE,
        "Thông tư 226/2016/TT-BTC",
    )
    t.add("", "a) LĨNH VỰC ĐẤT ĐAI", across_from=2)
    t.add(
        "3",
        "1.013978",
        "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, "
        "quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia đình, cá nhân, cộng đồng "
        "dân cư, người gốc Việt Nam định cư ở nước ngoài",
        "",
        "Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai, Chủ tịch Ủy ban nhân "
        "dân xã",
        "Trực tuyến: 17 Ngày làm việc; Dịch vụ bưu chính: 20 Ngày làm việc; Trực tiếp: 27 Ngày "
        "làm việc",
        "Miễn phí",
        PLACE_COMMUNE,
        "Luật Đất đai ngày 18/01/2024; (31/2024/QH15)",
        "1.012753",
        "Thay thế thủ tục mã số 1.012753",
    )
    t.add()
    t.add("C. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ, HỦY BỎ", across_from=1)
    t.add("III. Cấp huyện", across_from=1)
    t.add(
        "1",
        "2.000620.000.00.00.H14",
        "Cấp Giấy phép bán lẻ rượu",
        "Lưu thông hàng hóa trong nước",
        "Phòng Kinh tế, Phòng Kinh tế và Hạ tầng",
        "08 Ngày làm việc",
        "",
        "",
        "Nghị định 105/2017/NĐ-CP",
        "",
        "Không còn chính quyền địa phương cấp huyện từ ngày 01/7/2025",
    )
    t.add()
    t.add("Ghi chú: Mã số TTHC theo Cơ sở dữ liệu quốc gia về thủ tục hành chính.", across_from=1)
    t.add("Tổng số: 11 thủ tục hành chính.", across_from=1)
    return t


def bad_row_sample() -> Table:
    t = Table()
    t.add(
        "DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG TRONG LĨNH VỰC HỘ TỊCH THUỘC THẨM "
        "QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ",
        across_from=1,
    )
    t.add(
        "(Kèm theo Quyết định số 567/QĐ-UBND ngày 02/6/2025 của Chủ tịch UBND tỉnh Hải Dương)",
        across_from=1,
    )
    t.add()
    t.add("STT", "Mã TTHC", "Tên TTHC", "Thời hạn giải quyết", "Phí, lệ phí", "Ghi chú")
    t.add("1", "1.001193", "Thủ tục đăng ký khai sinh", "1", "Miễn phí")
    t.add("2", "1.000656", "Thủ tục đăng ký khai tử", "1", "Miễn phí")
    # The malformed row: letter O typed for the digit 0 in the code.
    t.add("3", "1.0O1022", "Thủ tục đăng ký nhận cha, mẹ, con", "3", "Miễn phí")
    t.add("4", "1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "3", "Miễn phí")
    t.add("5", "1.004884", "Thủ tục đăng ký lại khai sinh", "5", "Miễn phí")
    return t


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    sample = main_sample()
    sample.save_xlsx(out_dir / "appendix_sample.xlsx", "Phụ lục")
    sample.save_csv(out_dir / "appendix_sample.csv")
    bad_row_sample().save_xlsx(out_dir / "appendix_bad_row.xlsx", "Phụ lục")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
