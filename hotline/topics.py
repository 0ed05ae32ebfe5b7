"""Default feedback topics ("lĩnh vực phản ánh"), seeded by a migration and by the demo."""

TOPICS = [
    ("Hộ tịch, chứng thực", "ho-tich-chung-thuc"),
    ("Đất đai", "dat-dai"),
    ("Xây dựng, nhà ở", "xay-dung-nha-o"),
    ("Đăng ký kinh doanh", "dang-ky-kinh-doanh"),
    ("Cư trú, căn cước", "cu-tru-can-cuoc"),
    ("Lao động, người có công, xã hội", "lao-dong-nguoi-co-cong-xa-hoi"),
    ("Giáo dục", "giao-duc"),
    ("Y tế, bảo hiểm", "y-te-bao-hiem"),
    ("Tài nguyên, môi trường", "tai-nguyen-moi-truong"),
    ("Giao thông, hạ tầng", "giao-thong-ha-tang"),
    ("Thái độ, hành vi của cán bộ, công chức", "thai-do-can-bo-cong-chuc"),
    ("Khác", "khac"),
]


def seed_topics(model):
    """Create missing default topics (matched by slug); editors' renames are kept. Returns how many."""
    existing = set(model.objects.values_list("slug", flat=True))
    rows = [
        model(name=name, slug=slug, sort_order=order * 10)
        for order, (name, slug) in enumerate(TOPICS, start=1)
        if slug not in existing and not model.objects.filter(name=name).exists()
    ]
    model.objects.bulk_create(rows)
    return len(rows)
