"""Demo roles: apply the groups and workflows, and create a few editor accounts (random passwords)."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from units.roles import (
    CATALOGUE_EDITORS,
    CITY_NEWS_EDITORS,
    MODERATORS,
    REPORTERS,
    apply_roles,
    department_groups,
    ward_groups,
)

ORDER = 90

# Role accounts, not people: (username, group name or ward/department slug + role, display name).
ACCOUNTS = [
    ("bientap.thanhpho", CITY_NEWS_EDITORS, "Biên tập thành phố"),
    ("kiemduyet.thanhpho", MODERATORS, "Kiểm duyệt thành phố"),
    ("bientap.tthc", CATALOGUE_EDITORS, "Biên tập TTHC"),
    ("noivu.baocao", REPORTERS, "Phòng Nội vụ"),
    ("bientap.saodo", ("phuong-sao-do", 0), "Biên tập Sao Đỏ"),
    ("lanhdao.saodo", ("phuong-sao-do", 1), "Lãnh đạo Sao Đỏ"),
    ("bientap.tuphap", ("phong-tu-phap", 0), "Biên tập Phòng Tư pháp"),
    ("lanhdao.tuphap", ("phong-tu-phap", 1), "Lãnh đạo Phòng Tư pháp"),
]


def load(ctx):
    apply_roles(log=ctx.log)
    User = get_user_model()
    created = []
    for username, target, display in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        if isinstance(target, tuple):
            slug, role = target
            ward, department = ctx.wards.get(slug), getattr(ctx, "departments", {}).get(slug)
            if ward is None and department is None:
                continue
            group = ward_groups(ward)[role] if ward is not None else department_groups(department)[role]
        else:
            group = Group.objects.get(name=target)
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username, f"{username}@example.invalid", password, first_name=display, last_name=""
        )
        user.groups.add(group)
        created.append((username, password))
    for username, password in created:
        ctx.log(f"Tài khoản mẫu {username} / {password} (chỉ hiển thị một lần)")
    ctx.log(f"Tài khoản biên tập mẫu: {len(ACCOUNTS)} (mới tạo {len(created)})")
    _plan(ctx)


def _plan(ctx):
    """The year's communication plan (targets as in the 2022 CCHC propaganda plan)."""
    from django.utils import timezone

    from units.models import PlanTask

    year = timezone.localdate().year
    tasks = [
        (None, "Chuyên mục phát thanh cải cách hành chính hằng tháng", PlanTask.Product.RADIO, 12),
        (None, "Đăng văn bản chỉ đạo, điều hành về cải cách hành chính", PlanTask.Product.DOCUMENTS, 10),
        (None, "Cập nhật, công khai thủ tục hành chính", PlanTask.Product.PROCEDURES, 20),
        (None, "Tin, bài cải cách hành chính của thành phố", PlanTask.Product.ARTICLES, 24),
    ]
    tasks += [
        (ward, f"Tin, bài cải cách hành chính – {ward.title}", PlanTask.Product.ARTICLES, 8)
        for ward in ctx.wards.values()
    ]
    created = 0
    for unit, title, product, target in tasks:
        _task, new = PlanTask.objects.get_or_create(
            year=year, unit=unit, product=product, defaults={"title": title, "target": target}
        )
        created += new
    ctx.log(f"Kế hoạch tuyên truyền {year}: {len(tasks)} nhiệm vụ (mới tạo {created})")
