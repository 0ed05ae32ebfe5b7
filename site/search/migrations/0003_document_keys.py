"""Documents are keyed "<type>:<id>" so that objects other than pages (published answers) are indexed.

Both tables hold derived data only (search_rebuild refills them), so they are recreated.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0002_seed_synonyms"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.DeleteModel(name="IndexQueueItem"),
        migrations.DeleteModel(name="SearchEntry"),
        migrations.CreateModel(
            name="IndexQueueItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=80, unique=True, verbose_name="Tài liệu")),
                ("reason", models.CharField(max_length=32, verbose_name="Lý do")),
                ("enqueued_at", models.DateTimeField(db_index=True, verbose_name="Thời điểm xếp hàng")),
                ("attempts", models.PositiveIntegerField(default=0, verbose_name="Số lần thử")),
                ("last_error", models.TextField(blank=True, verbose_name="Lỗi gần nhất")),
                ("next_try", models.DateTimeField(db_index=True, verbose_name="Thử lại lúc")),
            ],
            options={
                "verbose_name": "Việc cập nhật chỉ mục",
                "verbose_name_plural": "Hàng đợi cập nhật chỉ mục",
                "ordering": ["next_try", "id"],
            },
        ),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("key", models.CharField(max_length=80, primary_key=True, serialize=False, verbose_name="Tài liệu")),
                ("type", models.CharField(db_index=True, max_length=32, verbose_name="Loại")),
                ("title", models.TextField(verbose_name="Tiêu đề")),
                ("code", models.CharField(blank=True, db_index=True, max_length=64, verbose_name="Mã")),
                ("status", models.CharField(blank=True, db_index=True, max_length=32, verbose_name="Tình trạng")),
                ("field", models.CharField(blank=True, max_length=255, verbose_name="Lĩnh vực")),
                ("level", models.CharField(blank=True, max_length=255, verbose_name="Cấp thực hiện")),
                ("agency", models.CharField(blank=True, max_length=255, verbose_name="Cơ quan")),
                ("online_kind", models.CharField(blank=True, max_length=255, verbose_name="Dịch vụ công trực tuyến")),
                ("ward", models.CharField(blank=True, max_length=255, verbose_name="Phường, xã")),
                ("hidden", models.BooleanField(default=False, verbose_name="Ẩn khỏi kết quả mặc định")),
                ("url", models.CharField(max_length=1000, verbose_name="Đường dẫn")),
                ("date", models.DateField(blank=True, null=True, verbose_name="Ngày")),
                ("summary", models.TextField(blank=True, verbose_name="Tóm tắt")),
                ("body", models.TextField(blank=True, verbose_name="Nội dung")),
                ("title_folded", models.TextField(blank=True)),
                ("keywords_folded", models.TextField(blank=True)),
                ("text_folded", models.TextField(blank=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_entries",
                        to="wagtailcore.page",
                    ),
                ),
            ],
            options={
                "verbose_name": "Bản sao tìm kiếm trong cơ sở dữ liệu",
                "verbose_name_plural": "Bản sao tìm kiếm trong cơ sở dữ liệu",
            },
        ),
    ]
