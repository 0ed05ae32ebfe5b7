"""Seed the topics with the themes of the CCHC communication plan."""

from django.db import migrations

TOPICS = [
    ("chi-dao-dieu-hanh", "Chỉ đạo, điều hành và kế hoạch cải cách hành chính"),
    ("cai-cach-the-che", "Cải cách thể chế"),
    ("cai-cach-thu-tuc-hanh-chinh", "Cải cách thủ tục hành chính"),
    ("cai-cach-to-chuc-bo-may", "Cải cách tổ chức bộ máy hành chính"),
    ("cai-cach-che-do-cong-vu", "Cải cách chế độ công vụ"),
    ("cai-cach-tai-chinh-cong", "Cải cách tài chính công"),
    ("chinh-quyen-dien-tu-chinh-quyen-so", "Xây dựng chính quyền điện tử, chính quyền số"),
    ("co-che-mot-cua", "Cơ chế một cửa, một cửa liên thông"),
    ("mo-hinh-dien-hinh", "Mô hình, cách làm hay, điển hình tiên tiến"),
    ("chi-so-par-index-sipas", "Chỉ số CCHC (PAR Index) và Chỉ số hài lòng (SIPAS)"),
    ("trung-tam-dieu-hanh-thong-minh", "Trung tâm giám sát, điều hành đô thị thông minh"),
    ("hoi-dap", "Hỏi – đáp cải cách hành chính"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("news", "Topic")
    for order, (slug, name) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
