"""manage.py search_status: engine, alias and index, documents per type against live pages, queue."""

from django.core.management.base import BaseCommand
from django.db.models import Count

from search import engine, health, index, indexing, registry
from search.models import IndexQueueItem, SearchEntry


class Command(BaseCommand):
    help = (
        "Tình trạng tìm kiếm: phiên bản máy chủ, bí danh và chỉ mục đang dùng, số tài liệu theo loại so với "
        "số trang đang xuất bản (chênh lệch), độ dài hàng đợi cập nhật."
    )

    def handle(self, *args, **options):
        version = engine.server_version() if engine.is_configured() else None
        if not engine.is_configured():
            self.stdout.write("Máy chủ tìm kiếm: chưa cấu hình (tìm trong cơ sở dữ liệu)")
        elif version:
            self.stdout.write(
                f"Máy chủ tìm kiếm: Elasticsearch {version} tại {engine.settings.ELASTICSEARCH_URL}"
            )
        else:
            self.stdout.write(
                self.style.ERROR(f"Máy chủ tìm kiếm: KHÔNG TRẢ LỜI ({engine.settings.ELASTICSEARCH_URL})")
            )

        es_counts = {}
        if version:
            cluster = engine.admin_client().cluster.health()
            self.stdout.write(
                f"Cụm {cluster['cluster_name']}: {cluster['number_of_nodes']} nút, trạng thái {cluster['status']}"
                f" ({cluster['unassigned_shards']} phân đoạn chưa được phân bổ)"
            )
            names = index.indices_of(index.alias_name())
            if names:
                self.stdout.write(f"Bí danh {index.alias_name()} → {', '.join(names)}")
                for name in names:
                    mv = index.mapping_version(name)
                    if mv != index.MAPPING_VERSION:
                        self.stdout.write(
                            self.style.WARNING(
                                f"  {name}: phiên bản cấu trúc {mv}, mã nguồn cần {index.MAPPING_VERSION} → chạy search_rebuild"
                            )
                        )
                response = engine.get_client().search(
                    index=index.alias_name(),
                    size=0,
                    aggs={"types": {"terms": {"field": "type", "size": 50}}},
                )
                es_counts = {b["key"]: b["doc_count"] for b in response["aggregations"]["types"]["buckets"]}
            else:
                self.stdout.write(
                    self.style.WARNING(f"Bí danh {index.alias_name()}: chưa có → chạy search_rebuild")
                )
            building = index.indices_of(index.building_alias_name())
            if building:
                self.stdout.write(f"Đang dựng lại: {', '.join(building)}")

        db_counts = dict(SearchEntry.objects.values_list("type").annotate(n=Count("pk")))
        drift = False
        self.stdout.write(f"{'Loại':<22}{'Trang xuất bản':>16}{'Chỉ mục':>10}{'Bản sao CSDL':>14}")
        for adapter in registry.adapters():
            live = indexing.count_documents([adapter])
            in_es = es_counts.get(adapter.type, 0) if version else None
            in_db = db_counts.get(adapter.type, 0)
            row_drift = (in_es is not None and in_es != live) or in_db != live
            drift = drift or row_drift
            es_text = "–" if in_es is None else str(in_es)
            mark = "  ← chênh lệch" if row_drift else ""
            self.stdout.write(f"{adapter.label:<22}{live:>16}{es_text:>10}{in_db:>14}{mark}")
        queued = IndexQueueItem.objects.count()
        failing = IndexQueueItem.objects.filter(attempts__gt=0).count()
        self.stdout.write(f"Hàng đợi cập nhật: {queued} việc chờ ({failing} đang thử lại)")
        last = IndexQueueItem.objects.filter(attempts__gt=0).order_by("-next_try").first()
        if last and last.last_error:
            self.stdout.write(f"  Lỗi gần nhất: {last.last_error[:200]}")
        if not engine.is_configured():
            if drift:
                self.stdout.write(self.style.WARNING("Bản sao CSDL chênh lệch: chạy search_rebuild."))
            else:
                self.stdout.write(self.style.SUCCESS("Bản sao tìm kiếm trong cơ sở dữ liệu khớp."))
            return
        if not version:
            # Nothing was compared: never say the index matches.
            self.stdout.write(
                self.style.ERROR(
                    "Không kiểm tra được chỉ mục vì máy chủ tìm kiếm không trả lời. Người dân đang được trả lời "
                    "từ cơ sở dữ liệu; các thay đổi chờ trong hàng đợi và được đưa vào khi máy chủ hoạt động lại."
                )
            )
            return
        state = health.check()
        self.stdout.write(f"Tình trạng chỉ mục: {state.state} – {state.label}")
        if not state.trusted:
            self.stdout.write(
                self.style.ERROR(
                    "Kết quả của máy chủ tìm kiếm chưa đáng tin: trang tìm kiếm trả lời từ cơ sở dữ liệu. "
                    "Tiến trình xử lý hàng đợi sẽ tự dựng lại chỉ mục (hoặc chạy search_rebuild)."
                )
            )
        elif drift:
            self.stdout.write(
                self.style.WARNING(
                    "Có chênh lệch: chờ hàng đợi xử lý (search_process_queue) hoặc chạy search_rebuild."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("Chỉ mục khớp với cơ sở dữ liệu."))
