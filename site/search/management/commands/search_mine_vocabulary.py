"""manage.py search_mine_vocabulary: propose everyday vocabulary and synonyms mined from the catalogue."""

from django.core.management.base import BaseCommand

from search import everyday, mining, synonyms
from search.models import EverydayTerm, SearchSynonym
from search.vietnamese import fold


class Command(BaseCommand):
    help = (
        "Đề xuất cách nói đời thường và từ viết tắt lấy từ chính văn bản thủ tục: tên giấy tờ người dân "
        "nhận được (kết quả) hoặc mang theo (thành phần hồ sơ), và các từ viết tắt được viết đầy đủ trong "
        "văn bản. Mặc định chỉ in ra; --save lưu các đề xuất mới ở trạng thái chưa dùng để biên tập viên "
        "xem lại trong trang quản trị (--activate để dùng ngay)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--save", action="store_true", help="Lưu các đề xuất chưa có vào cơ sở dữ liệu.")
        parser.add_argument(
            "--activate", action="store_true", help="Với --save: đặt các đề xuất ở trạng thái đang dùng."
        )

    def handle(self, *args, **options):
        self.stdout.write("Đang đọc văn bản thủ tục…")
        documents, abbreviations = mining.mine()
        known = {
            fold(p)
            for t in EverydayTerm.objects.values_list("phrases", flat=True)
            for p in everyday.parse_lines(t)
        }
        known_abbr = {fold(p) for group in synonyms.load_groups() for p in group}
        new_documents = [p for p in documents if fold(p[0]) not in known]
        new_abbreviations = [p for p in abbreviations if fold(p[0]) not in known_abbr]
        self.stdout.write(f"Tên giấy tờ: {len(documents)} đề xuất, {len(new_documents)} chưa có.")
        for name, meaning, titles in new_documents:
            self.stdout.write(f"  «{name}» → «{meaning}» ({len(titles)} thủ tục)")
        self.stdout.write(f"Từ viết tắt: {len(abbreviations)} đề xuất, {len(new_abbreviations)} chưa có.")
        for short, words in new_abbreviations:
            self.stdout.write(f"  {short} ↔ {words}")
        if not options["save"]:
            self.stdout.write("Chưa lưu gì (thêm --save để lưu).")
            return
        active = options["activate"]
        EverydayTerm.objects.bulk_create(
            EverydayTerm(
                phrases=name,
                means=meaning,
                kind=EverydayTerm.Kind.DOCUMENT,
                origin=EverydayTerm.Origin.MINED,
                is_active=active,
                note=f"Giấy tờ trong: {'; '.join(titles)}"[:255],
            )
            for name, meaning, titles in new_documents
        )
        SearchSynonym.objects.bulk_create(
            SearchSynonym(
                phrases=f"{short}\n{words}", note="Viết tắt (trích từ văn bản thủ tục)", is_active=active
            )
            for short, words in new_abbreviations
        )
        everyday.changed()
        state = "đang dùng" if active else "chưa dùng, chờ biên tập viên xem lại"
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã lưu {len(new_documents)} cách nói và {len(new_abbreviations)} nhóm viết tắt ({state})."
            )
        )
