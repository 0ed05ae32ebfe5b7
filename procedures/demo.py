"""Demo content of the catalogue: the 591 real procedures, loaded through the same import code as an
editor's upload, plus a few status stories announced by a clearly illustrative decision."""

import io
import json
from pathlib import Path

from procedures.importing.apply import import_file, import_records
from procedures.importing.constants import INDEX_SLUG, INDEX_TITLE
from procedures.importing.tidy import tidy_catalogue
from procedures.models import AnnouncingDecision, ProcedureIndexPage

ORDER = 10
DATA = Path(__file__).resolve().parent / "demo_data" / "procedures.json"

DEMO_DECISION = "01/QĐ-DEMO"
DEMO_SUMMARY = (
    "Quyết định minh họa dùng cho dữ liệu mẫu của cổng, không phải văn bản thật: các thủ tục được ghi "
    "«sửa đổi», «thay thế», «bãi bỏ» theo quyết định này chỉ để trình diễn lịch sử công bố."
)
# (status section, code, code it replaces, note) — all among the first records, so a limited load has them.
STORIES = [
    ("amended", "1.001456", None, "Minh họa: sửa đổi thành phần hồ sơ và cách thức nộp (ví dụ trình diễn)"),
    (
        "replaced",
        "1.001437",
        "1.000253",
        "Minh họa: khai báo qua trang thông tin điện tử thay cho phiếu giấy",
    ),
    ("abolished", "1.001226", None, "Minh họa: bãi bỏ để trình diễn lịch sử công bố"),
]
SECTIONS = {
    "amended": "A. Danh mục thủ tục hành chính được sửa đổi, bổ sung",
    "replaced": "B. Danh mục thủ tục hành chính thay thế",
    "abolished": "C. Danh mục thủ tục hành chính bị bãi bỏ",
}
INTRO = (
    "<p>Danh mục thủ tục hành chính áp dụng trên địa bàn thành phố Chí Linh: thành phần hồ sơ, thời hạn, "
    "phí, lệ phí, nơi nộp và lịch sử công bố của từng thủ tục. Dữ liệu được công bố công khai, có thể tải "
    "về dạng CSV, Excel hoặc JSON.</p>"
)


def load(ctx):
    index = ProcedureIndexPage.objects.first()
    if index is None:
        index = ProcedureIndexPage(title=INDEX_TITLE, slug=INDEX_SLUG, intro=INTRO)
        ctx.home.add_child(instance=index)
        index.save_revision().publish()
        ctx.log("Trang danh mục thủ tục hành chính: đã tạo")
    elif not index.show_in_menus:  # a demo loaded before the catalogue joined the main menu
        index.show_in_menus = True
        index.save_revision().publish()
        ctx.log("Trang danh mục thủ tục hành chính: đưa vào trình đơn chính")

    records = json.loads(DATA.read_text(encoding="utf-8"))
    limit = ctx.options.get("procedures_limit")
    if limit:
        records = records[:limit]
    ctx.log(f"Thủ tục hành chính thật: {len(records)} bản ghi")
    report = import_records(
        records, dry_run=False, filename="procedures.json", progress=_progress(ctx, len(records))
    )
    _check(report)
    ctx.log(report.summary_vi())

    codes = {r["code"] for r in records}
    stories = [s for s in STORIES if s[1] in codes and (s[2] is None or s[2] in codes)]
    if stories:
        names = {r["code"]: r["name"] for r in records}
        report = import_file(io.BytesIO(_appendix(stories, names)), "phu-luc-minh-hoa.csv", dry_run=False)
        _check(report)
        AnnouncingDecision.objects.filter(number=DEMO_DECISION, summary="").update(summary=DEMO_SUMMARY)
        ctx.log(f"Lịch sử công bố minh họa (Quyết định số {DEMO_DECISION}): {report.summary_vi()}")

    # A database loaded by an older version keeps its combined agency rows and page versions until
    # they are brought to today's rules (what `manage.py normalise_catalogue` does on any catalogue).
    tidied = tidy_catalogue()
    ctx.log(
        f"Chuẩn hóa danh mục: cập nhật {len(tidied.updated)} thủ tục, xóa {len(tidied.agencies_removed)} mục "
        "cơ quan gộp không còn dùng"
    )

    from procedures import life_events

    life_events.seed_demo(ctx)


def _progress(ctx, total):
    def report(done, _total, _planned):
        if done % 100 == 0 or done == _total:
            ctx.log(f"  {done}/{_total} thủ tục đã ghi")

    return report


def _check(report):
    if report.errors:
        raise RuntimeError("Nạp dữ liệu mẫu thất bại: " + "; ".join(m.text for m in report.errors[:5]))


def _appendix(stories, names):
    """A decision appendix as a province would publish it (CSV, ';'), read back by the real parser."""
    lines = [
        "PHỤ LỤC (MINH HỌA)",
        "DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG, THAY THẾ, BÃI BỎ",
        f"(Kèm theo Quyết định số {DEMO_DECISION} ngày 01 tháng 7 năm 2025 của Chủ tịch Ủy ban nhân dân "
        "thành phố Chí Linh – văn bản minh họa)",
        "STT;Mã TTHC;Tên thủ tục hành chính;Mã TTHC bị thay thế;Ghi chú",
    ]
    for status, section in SECTIONS.items():
        rows = [s for s in stories if s[0] == status]
        if not rows:
            continue
        lines.append(f"{section};;;;")
        for number, (_status, code, replaces, note) in enumerate(rows, start=1):
            lines.append(";".join([str(number), code, _csv(names[code]), replaces or "", _csv(note)]))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _csv(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ';"\n') else text
