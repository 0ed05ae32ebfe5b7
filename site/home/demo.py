"""Demo content of the site shell: Chí Linh's city home page, its 19 wards and communes, settings."""

from wagtail.models import Site

from home import demo_departments, site_url
from home.factories import tree_root
from home.models import ContentPage, HomePage, SiteSettings, WardHomePage

ORDER = 0

# The 2022 plan's 19 units (14 wards, 5 communes).
WARDS = [
    "Sao Đỏ", "Bến Tắm", "Chí Minh", "Cổ Thành", "Cộng Hòa", "Hoàng Tân", "Hoàng Tiến",
    "Phả Lại", "Thái Học", "Văn An", "Văn Đức", "An Lạc", "Đồng Lạc", "Tân Dân",
]
COMMUNES = ["Bắc An", "Hoàng Hoa Thám", "Hưng Đạo", "Lê Lợi", "Nhân Huệ"]

CITY_NAME = "Ủy ban nhân dân thành phố Chí Linh"


def _add_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load(ctx):
    home = HomePage.objects.first()
    if home is None:
        root = tree_root()
        # Wagtail's installer leaves a "Welcome" page; the portal's home replaces it.
        default_home = root.get_children().filter(content_type__model="page").first()
        home = HomePage(
            title="Cổng thông tin cải cách hành chính thành phố Chí Linh",
            slug="trang-chu",
            intro=(
                "<p>Công khai đầy đủ, kịp thời thủ tục hành chính; thông tin cải cách hành chính; "
                "tiếp nhận và trả lời phản ánh, kiến nghị của người dân, doanh nghiệp.</p>"
            ),
        )
        _add_child(root, home)
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.site_name = "Chí Linh"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Chí Linh"
            )
        if default_home is not None:
            default_home.delete()
        ctx.log("Trang chủ thành phố: đã tạo")
    ctx.home = home

    site = Site.objects.get(root_page=home)
    if site.is_default_site:
        site_url.apply()  # the public address (SITE_URL), when one is set
    settings_obj = SiteSettings.for_site(site)
    if not settings_obj.address:
        settings_obj.unit_name = CITY_NAME
        settings_obj.parent_unit_name = "Tỉnh Hải Dương"
        settings_obj.address = "Số 104 đường Nguyễn Trãi, phường Sao Đỏ, thành phố Chí Linh, tỉnh Hải Dương"
        settings_obj.phone = "0220 3882 345"
        settings_obj.email = "ubnd.chilinh@haiduong.gov.vn"
        settings_obj.office_hours = (
            "Sáng: 7 giờ 30 – 11 giờ 30; chiều: 13 giờ 30 – 17 giờ (thứ Hai đến thứ Sáu)"
        )
        settings_obj.hotline_numbers = [
            ("phone", {"label": "Đường dây nóng UBND thành phố", "number": "0220 3882 666"}),
            ("phone", {"label": "Tổng đài Cổng Dịch vụ công quốc gia", "number": "18001096"}),
        ]
        settings_obj.zalo_oa_url = "https://zalo.me/"
        settings_obj.facebook_url = "https://www.facebook.com/"
        settings_obj.responsible_person = "Chánh Văn phòng HĐND và UBND thành phố"
        settings_obj.save()
        ctx.log("Thông tin cổng: đã cấu hình")

    ctx.wards = {}
    units = [(WardHomePage.UnitKind.WARD, n) for n in WARDS] + [
        (WardHomePage.UnitKind.COMMUNE, n) for n in COMMUNES
    ]
    created = 0
    for index, (kind, name) in enumerate(units, start=1):
        slug = WardHomePage.slug_for(kind, name)
        ward = WardHomePage.objects.child_of(home).filter(slug=slug).first()
        if ward is None:
            label = "Phường" if kind == WardHomePage.UnitKind.WARD else "Xã"
            ward = _add_child(
                home,
                WardHomePage(
                    title=f"{label} {name}",
                    slug=slug,
                    unit_kind=kind,
                    unit_name=name,
                    intro=f"<p>Trang thông tin cải cách hành chính của UBND {label.lower()} {name}.</p>",
                    address=f"Trụ sở UBND {label.lower()} {name}, thành phố Chí Linh, tỉnh Hải Dương",
                    desk_address=f"Bộ phận một cửa, trụ sở UBND {label.lower()} {name}",
                    office_hours="Thứ Hai đến thứ Sáu: sáng 7 giờ 30 – 11 giờ 30; chiều 13 giờ 30 – 17 giờ",
                    phone=f"0220 3885 {100 + index:03d}",
                    hotline=f"0220 3886 {100 + index:03d}",
                ),
            )
            created += 1
        ctx.wards[slug] = ward
    ctx.log(f"Trang phường, xã: {len(units)} (mới tạo {created})")

    if not ContentPage.objects.child_of(home).filter(slug="gioi-thieu").exists():
        _add_child(
            home,
            ContentPage(
                title="Giới thiệu",
                slug="gioi-thieu",
                show_in_menus=True,
                lead="Cổng thông tin phục vụ công khai thủ tục hành chính và tuyên truyền cải cách hành chính.",
                body=[
                    ("heading", "Mục đích"),
                    (
                        "paragraph",
                        "<p>Thực hiện Kế hoạch tuyên truyền cải cách hành chính năm 2022, cổng thông tin "
                        "công khai kịp thời, đầy đủ thủ tục hành chính, tin tức cải cách hành chính, số "
                        "điện thoại đường dây nóng và kết quả trả lời phản ánh, kiến nghị.</p>",
                    ),
                ],
            ),
        )
        ctx.log("Trang giới thiệu: đã tạo")
    demo_departments.load(ctx, home)
