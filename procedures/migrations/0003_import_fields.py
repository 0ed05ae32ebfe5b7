# Fields the open-data records carry that the national template has no slot for.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_seed_reference_data")]

    operations = [
        migrations.AddField(
            model_name="procedurepage",
            name="code_local",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="Mã do cổng dịch vụ công của tỉnh hiển thị, ví dụ 1.001699.000.00.00.H17 (nếu có).",
                max_length=64,
                verbose_name="Mã áp dụng tại địa phương",
            ),
        ),
        migrations.AddField(
            model_name="procedurepage",
            name="ministry",
            field=models.CharField(
                blank=True,
                help_text="Bộ, ngành công bố thủ tục trong danh mục quốc gia.",
                max_length=255,
                verbose_name="Bộ, ngành quản lý",
            ),
        ),
        migrations.AddField(
            model_name="procedurepage",
            name="data_source",
            field=models.TextField(
                blank=True,
                help_text="Nơi bản ghi được đọc khi nhập (kho dữ liệu, trang web).",
                verbose_name="Nguồn dữ liệu",
            ),
        ),
    ]
