"""Demo departments: the index "Các phòng, ban chuyên môn" and the four departments the 2022 plan names.

Duties follow the usual remit of a city's specialised departments; people are named by their role only,
telephone numbers are illustrative (as everywhere in the demo).
"""

from home.departments import DepartmentIndexPage, DepartmentPage

INDEX_SLUG = "phong-ban"
OFFICE = "Trụ sở HĐND và UBND thành phố, số 104 đường Nguyễn Trãi, phường Sao Đỏ, thành phố Chí Linh"
HOURS = "Thứ Hai đến thứ Sáu: sáng 7 giờ 30 – 11 giờ 30; chiều 13 giờ 30 – 17 giờ"

# (slug, title, intro, duties (list items), floor, phone suffix, contacts: (position, phone suffix or None))
DEPARTMENTS = [
    (
        "phong-van-hoa-thong-tin",
        "Phòng Văn hóa - Thông tin",
        "Tham mưu, giúp UBND thành phố quản lý nhà nước về văn hóa, gia đình, thể dục, thể thao, du lịch, "
        "thông tin và truyền thông; chủ trì tuyên truyền cải cách hành chính và biên tập Cổng thông tin.",
        [
            "Xây dựng và tổ chức thực hiện kế hoạch tuyên truyền cải cách hành chính hằng năm của thành phố.",
            "Biên tập tin, bài và chuyên mục phát thanh cải cách hành chính; quản lý nội dung Cổng thông tin.",
            "Hướng dẫn các phường, xã tuyên truyền qua hệ thống truyền thanh cơ sở và mạng xã hội.",
        ],
        "Tầng 3",
        "401",
        [("Trưởng phòng – phụ trách chung", "401"), ("Công chức phụ trách Cổng thông tin", "402")],
    ),
    (
        "phong-tu-phap",
        "Phòng Tư pháp",
        "Tham mưu, giúp UBND thành phố quản lý nhà nước về công tác xây dựng và thi hành pháp luật, phổ biến, "
        "giáo dục pháp luật, hòa giải ở cơ sở, hộ tịch, chứng thực.",
        [
            "Thẩm định, rà soát, hệ thống hóa văn bản quy phạm pháp luật của HĐND và UBND thành phố.",
            "Thường trực Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố; hướng dẫn hòa giải ở cơ sở.",
            "Hướng dẫn nghiệp vụ hộ tịch, chứng thực cho công chức tư pháp - hộ tịch các phường, xã.",
        ],
        "Tầng 2",
        "411",
        [
            ("Trưởng phòng – phụ trách chung", "411"),
            ("Phó Trưởng phòng – phụ trách phổ biến, giáo dục pháp luật", "412"),
            ("Công chức phụ trách hộ tịch, chứng thực", None),
        ],
    ),
    (
        "phong-noi-vu",
        "Phòng Nội vụ",
        "Tham mưu, giúp UBND thành phố quản lý nhà nước về tổ chức bộ máy, cán bộ, công chức, viên chức, "
        "cải cách hành chính, thi đua, khen thưởng; cơ quan thường trực cải cách hành chính của thành phố.",
        [
            "Tham mưu kế hoạch cải cách hành chính hằng năm; theo dõi, đánh giá, xác định Chỉ số cải cách hành "
            "chính của các phòng, ban và phường, xã.",
            "Theo dõi kỷ luật, kỷ cương hành chính; đánh giá, xếp loại cán bộ, công chức.",
            "Thường trực công tác thi đua, khen thưởng; đề xuất biểu dương tập thể, cá nhân tiêu biểu.",
        ],
        "Tầng 2",
        "421",
        [("Trưởng phòng – phụ trách chung", "421"), ("Công chức phụ trách cải cách hành chính", "422")],
    ),
    (
        "phong-kinh-te",
        "Phòng Kinh tế",
        "Tham mưu, giúp UBND thành phố quản lý nhà nước về công nghiệp, thương mại, khoa học và công nghệ, "
        "trong đó có việc áp dụng Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015.",
        [
            "Hướng dẫn, kiểm tra việc xây dựng, áp dụng, duy trì và cải tiến Hệ thống quản lý chất lượng theo "
            "TCVN ISO 9001:2015 tại các cơ quan chuyên môn và UBND các phường, xã.",
            "Hỗ trợ doanh nghiệp, hộ kinh doanh về thủ tục trong lĩnh vực công thương.",
            "Tổng hợp tình hình phát triển công nghiệp, thương mại và dịch vụ trên địa bàn.",
        ],
        "Tầng 4",
        "431",
        [("Trưởng phòng – phụ trách chung", "431"), ("Công chức phụ trách khoa học và công nghệ, ISO", "432")],
    ),
]


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _phone(suffix):
    return f"0220 3882 {suffix}"


def load(ctx, home):
    """Create what is missing; ctx.departments maps each department's slug to its page."""
    index = DepartmentIndexPage.objects.child_of(home).first()
    if index is None:
        index = _publish(
            home,
            DepartmentIndexPage(
                title="Các phòng, ban chuyên môn",
                slug=INDEX_SLUG,
                show_in_menus=False,  # listed under "Chuyên mục" on the home page: the menu stays one row
                intro=(
                    "<p>Các cơ quan chuyên môn tham mưu, giúp UBND thành phố quản lý nhà nước từng lĩnh vực. "
                    "Mỗi phòng tự cập nhật trang của mình: chức năng, nhiệm vụ, liên hệ, tin hoạt động và các "
                    "chuyên đề phụ trách.</p>"
                ),
            ),
        )
    ctx.departments = {}
    created = 0
    for slug, title, intro, duties, floor, phone, contacts in DEPARTMENTS:
        page = DepartmentPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = _publish(
                index,
                DepartmentPage(
                    title=title,
                    slug=slug,
                    intro=f"<p>{intro}</p>",
                    duties="<ul>" + "".join(f"<li>{d}</li>" for d in duties) + "</ul>",
                    address=f"{floor}, {OFFICE}",
                    phone=_phone(phone),
                    office_hours=HOURS,
                    contacts=[
                        ("contact", {"position": position, "name": "", "phone": _phone(s) if s else "", "email": ""})
                        for position, s in contacts
                    ],
                ),
            )
            created += 1
        ctx.departments[slug] = page
    ctx.log(f"Phòng, ban chuyên môn: {len(DEPARTMENTS)} (mới tạo {created})")
