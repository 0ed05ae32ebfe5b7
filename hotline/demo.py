"""Demo content: hotline pages for the city and the 19 wards, feedback topics, sample Q&A.

Phone numbers are illustrative; senders are fictional initials with placeholder numbers (0000000001…).
"""

from datetime import timedelta

from django.utils import timezone

from hotline.models import FeedbackSubmission, FeedbackTopic, HotlineContact, HotlinePage
from hotline.topics import seed_topics

ORDER = 60
SLUG = "duong-day-nong"
ILLUSTRATIVE = "Số điện thoại trong dữ liệu mẫu chỉ mang tính minh họa."
CITY_HOURS = "Thứ Hai đến thứ Sáu: sáng 7 giờ 30 – 11 giờ 30; chiều 13 giờ 30 – 17 giờ"
CITY_ADDRESS = "Số 104 đường Nguyễn Trãi, phường Sao Đỏ, thành phố Chí Linh, tỉnh Hải Dương"

CITY_CONTACTS = [
    ("Văn phòng HĐND và UBND thành phố", "Đường dây nóng của Chủ tịch UBND thành phố", "Chánh Văn phòng",
     "0220 3882 666", CITY_HOURS + "\nNgoài giờ hành chính: nhắn tin hoặc để lại lời nhắn."),
    ("Văn phòng HĐND và UBND thành phố", "Phản ánh, kiến nghị về quy định hành chính", "Chuyên viên kiểm soát TTHC",
     "0220 3882 345", CITY_HOURS),
    ("Bộ phận tiếp nhận và trả kết quả thành phố", "Hướng dẫn hồ sơ, tiến độ giải quyết thủ tục", "Tổ trưởng bộ phận",
     "0220 3882 555", CITY_HOURS),
    ("Phòng Tư pháp", "Hộ tịch, chứng thực", "Trưởng phòng", "0220 3882 111", CITY_HOURS),
    ("Phòng Tài nguyên và Môi trường", "Đất đai, môi trường", "Trưởng phòng", "0220 3882 222", CITY_HOURS),
    ("Phòng Quản lý đô thị", "Cấp phép xây dựng, trật tự đô thị", "Trưởng phòng", "0220 3882 333", CITY_HOURS),
    ("Phòng Tài chính – Kế hoạch", "Đăng ký hộ kinh doanh", "Trưởng phòng", "0220 3882 444", CITY_HOURS),
]

# (code, title, topic slug, ward slug or None, classification, procedure keyword, question, answer, unit, days ago)
ANSWERS = [
    (
        "PA-0000000001", "Đăng ký khai sinh cho con khi cha mẹ chưa đăng ký kết hôn", "ho-tich-chung-thuc",
        "phuong-sao-do", "other", "khai sinh",
        "Công dân hỏi: con sinh ra khi cha mẹ chưa đăng ký kết hôn thì đăng ký khai sinh thế nào, có ghi được "
        "tên cha trong giấy khai sinh không?",
        "Theo Luật Hộ tịch năm 2014 và Nghị định số 123/2015/NĐ-CP, khi đăng ký khai sinh mà chưa xác định "
        "được cha thì phần ghi về người cha trong sổ hộ tịch và giấy khai sinh để trống. Nếu người cha làm thủ "
        "tục nhận con, UBND cấp xã kết hợp giải quyết việc nhận cha, con và đăng ký khai sinh.\n\n"
        "Hồ sơ gồm: tờ khai đăng ký khai sinh, giấy chứng sinh, tờ khai đăng ký nhận cha, con và chứng cứ "
        "chứng minh quan hệ cha, con. Hồ sơ nộp tại Bộ phận một cửa UBND phường hoặc trực tuyến trên Cổng Dịch "
        "vụ công quốc gia.",
        "UBND phường Sao Đỏ", 40,
    ),
    (
        "PA-0000000002", "Có phải nộp bản sao có chứng thực khi đã mang bản chính để đối chiếu?",
        "ho-tich-chung-thuc", None, "delay", "chứng thực bản sao",
        "Công dân phản ánh: khi nộp hồ sơ, cán bộ yêu cầu nộp bản sao có chứng thực dù công dân đã mang bản "
        "chính để đối chiếu.",
        "Theo khoản 2 Điều 6 Nghị định số 23/2015/NĐ-CP, cơ quan, tổ chức tiếp nhận bản sao không được yêu cầu "
        "bản sao có chứng thực nếu người nộp xuất trình bản chính để đối chiếu; người tiếp nhận có trách nhiệm "
        "đối chiếu và xác nhận.\n\nUBND thành phố đã nhắc nhở bộ phận tiếp nhận và chấn chỉnh việc yêu cầu giấy "
        "tờ ngoài quy định. Cảm ơn công dân đã phản ánh.",
        "Văn phòng HĐND và UBND thành phố", 33,
    ),
    (
        "PA-0000000003", "Hồ sơ đất đai trễ hẹn thì cơ quan có phải thông báo không?", "dat-dai", None, "delay",
        "quyền sử dụng đất",
        "Công dân hỏi: hồ sơ đăng ký đất đai đã quá ngày hẹn trả kết quả nhưng chưa nhận được thông báo nào.",
        "Theo Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông, khi hồ sơ quá hạn giải "
        "quyết, cơ quan giải quyết phải có văn bản xin lỗi tổ chức, cá nhân và hẹn lại thời gian trả kết quả.\n\n"
        "Văn phòng đăng ký đất đai đã kiểm tra, gửi phiếu xin lỗi, hẹn lại ngày trả kết quả và trả kết quả cho "
        "công dân đúng ngày hẹn mới.",
        "Phòng Tài nguyên và Môi trường", 26,
    ),
    (
        "PA-0000000004", "Đăng ký hộ kinh doanh trực tuyến mất bao lâu?", "dang-ky-kinh-doanh", None, "other",
        "hộ kinh doanh",
        "Người dân hỏi có thể đăng ký hộ kinh doanh qua mạng không và thời hạn cấp giấy chứng nhận.",
        "Hộ kinh doanh có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia. Theo Nghị định số "
        "01/2021/NĐ-CP, trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ, cơ quan đăng ký kinh doanh "
        "cấp Giấy chứng nhận đăng ký hộ kinh doanh; nếu hồ sơ chưa hợp lệ, cơ quan thông báo rõ nội dung cần "
        "sửa đổi, bổ sung.",
        "Phòng Tài chính – Kế hoạch", 19,
    ),
    (
        "PA-0000000005", "Xây nhà ở riêng lẻ tại xã có phải xin giấy phép xây dựng?", "xay-dung-nha-o",
        "xa-hoang-hoa-tham", "other", "giấy phép xây dựng",
        "Người dân ở xã hỏi: xây nhà 2 tầng trên đất ở của gia đình có phải xin giấy phép xây dựng không.",
        "Theo điểm i khoản 2 Điều 89 Luật Xây dựng (sửa đổi năm 2020), nhà ở riêng lẻ ở nông thôn có quy mô "
        "dưới 7 tầng, thuộc khu vực không có quy hoạch đô thị, quy hoạch xây dựng khu chức năng hoặc quy hoạch "
        "chi tiết xây dựng điểm dân cư nông thôn được phê duyệt thì được miễn giấy phép xây dựng (trừ công trình "
        "trong khu bảo tồn, khu di tích lịch sử – văn hóa).\n\nĐề nghị Ông/Bà liên hệ công chức địa chính – xây "
        "dựng của xã để được kiểm tra quy hoạch tại vị trí thửa đất trước khi xây dựng.",
        "UBND xã Hoàng Hoa Thám", 12,
    ),
    (
        "PA-0000000006", "Không còn yêu cầu sổ hộ khẩu khi làm thủ tục hành chính", "cu-tru-can-cuoc",
        "phuong-cong-hoa", "regulation", "",
        "Công dân phản ánh một số nơi vẫn yêu cầu xuất trình sổ hộ khẩu hoặc giấy xác nhận cư trú khi làm thủ "
        "tục.",
        "Sổ hộ khẩu, sổ tạm trú không còn giá trị sử dụng từ ngày 01/01/2023 theo Luật Cư trú năm 2020. Nghị "
        "định số 104/2022/NĐ-CP đã sửa các quy định yêu cầu nộp, xuất trình sổ hộ khẩu; cơ quan giải quyết thủ "
        "tục khai thác thông tin cư trú trong Cơ sở dữ liệu quốc gia về dân cư, qua thẻ căn cước hoặc ứng dụng "
        "định danh điện tử.\n\nUBND phường đã quán triệt cán bộ tiếp nhận không yêu cầu các giấy tờ này.",
        "UBND phường Cộng Hòa", 6,
    ),
    (
        "PA-0000000007", "Đề nghị bố trí máy lấy số thứ tự tại Bộ phận một cửa", "khac", "phuong-sao-do",
        "proposal", "",
        "Người dân kiến nghị bố trí máy lấy số thứ tự và thêm ghế chờ tại Bộ phận một cửa phường vì buổi sáng "
        "thường đông.",
        "UBND phường tiếp thu kiến nghị. Từ tháng này, Bộ phận một cửa đã bố trí máy lấy số thứ tự, bổ sung "
        "ghế chờ và niêm yết số điện thoại hướng dẫn để người dân hỏi trước khi đến nộp hồ sơ.",
        "UBND phường Sao Đỏ", 3,
    ),
]

# Open items for the admin queue: (code, topic, ward, days ago, status, content)
QUEUE = [
    ("PA-00000000A1", "dat-dai", "phuong-sao-do", 25, FeedbackSubmission.Status.ASSIGNED,
     "Hồ sơ chuyển nhượng quyền sử dụng đất nộp đã lâu nhưng chưa nhận được kết quả, đề nghị kiểm tra."),
    ("PA-00000000A2", "giao-thong-ha-tang", None, 6, FeedbackSubmission.Status.RECEIVED,
     "Đề nghị sửa chữa đoạn đường liên xã bị hư hỏng; nội dung có thể thuộc thẩm quyền của cấp tỉnh."),
    ("PA-00000000A3", "ho-tich-chung-thuc", "phuong-ben-tam", 1, FeedbackSubmission.Status.RECEIVED,
     "Hỏi thủ tục trích lục bản sao giấy khai sinh khi bản chính đã bị mất."),
]


def _city_hotline(ctx):
    page = HotlinePage.objects.child_of(ctx.home).first()
    if page:
        return False
    page = HotlinePage(
        title="Đường dây nóng",
        slug=SLUG,
        show_in_menus=True,
        intro=(
            "Các số điện thoại tiếp nhận phản ánh, kiến nghị của người dân, doanh nghiệp về thủ tục hành chính "
            "và thái độ, hành vi của cán bộ, công chức thành phố Chí Linh."
        ),
        note=ILLUSTRATIVE,
    )
    for unit, topic, position, phone, hours in CITY_CONTACTS:
        page.contacts.add(
            HotlineContact(unit=unit, topic=topic, position=position, phone=phone, address=CITY_ADDRESS,
                           office_hours=hours)
        )
    ctx.home.add_child(instance=page)
    page.save_revision().publish()
    return True


def unit_phrase(ward):
    """"phường Sao Đỏ" / "xã Lê Lợi": the unit kind in lower case inside a sentence."""
    return f"{ward.get_unit_kind_display().lower()} {ward.unit_name}"


def _ward_hotline(ward, index):
    if HotlinePage.objects.child_of(ward).exists():
        return False
    hours = ward.office_hours or CITY_HOURS
    page = HotlinePage(
        title=f"Đường dây nóng {ward.title}",
        slug=SLUG,
        intro=f"Số điện thoại tiếp nhận phản ánh, kiến nghị của người dân tại {unit_phrase(ward)}.",
        note=ILLUSTRATIVE,
    )
    contacts = [
        (f"UBND {unit_phrase(ward)}", "Đường dây nóng của Chủ tịch UBND", "Chủ tịch UBND",
         ward.hotline or f"0220 3886 {100 + index:03d}"),
        ("Bộ phận một cửa", "Hướng dẫn hồ sơ, thủ tục hành chính", "Công chức một cửa",
         ward.phone or f"0220 3885 {100 + index:03d}"),
        (f"Công an {unit_phrase(ward)}", "An ninh trật tự, cư trú", "Trực ban", f"0220 3887 {100 + index:03d}"),
    ]
    for unit, topic, position, phone in contacts:
        page.contacts.add(
            HotlineContact(unit=unit, topic=topic, position=position, phone=phone,
                           address=ward.address, office_hours=hours)
        )
    ward.add_child(instance=page)
    page.save_revision().publish()
    return True


def _procedure(keyword):
    if not keyword:
        return None
    try:
        from procedures.models import ProcedurePage
    except ImportError:
        return None
    return ProcedurePage.objects.live().filter(title__icontains=keyword).order_by("title").first()


def _fictional_sender(number, ward):
    place = ward.title if ward else "thành phố Chí Linh"
    return {
        "name": f"N.V.{chr(64 + number)} (người gửi mẫu)",
        "phone": f"{number:010d}",
        "address": f"Địa chỉ mẫu, {place}",
    }


def load(ctx):
    made = int(_city_hotline(ctx))
    for index, ward in enumerate(ctx.wards.values(), start=1):
        made += int(_ward_hotline(ward, index))
    ctx.log(f"Trang đường dây nóng: {HotlinePage.objects.count()} (mới tạo {made})")

    seed_topics(FeedbackTopic)
    topics = {topic.slug: topic for topic in FeedbackTopic.objects.all()}
    now = timezone.now()
    new = 0
    for number, (code, title, topic, ward_slug, kind, keyword, question, answer, unit, ago) in enumerate(
        ANSWERS, start=1
    ):
        if FeedbackSubmission.objects.filter(tracking_code=code).exists():
            continue
        ward = ctx.wards.get(ward_slug) if ward_slug else None
        received = now - timedelta(days=ago)
        item = FeedbackSubmission(
            tracking_code=code, created_at=received, topic=topics[topic], ward=ward, classification=kind,
            procedure=_procedure(keyword), content=question, consent_at=received,
            consent_version=FeedbackSubmission.CONSENT_VERSION, **_fictional_sender(number, ward),
            status=FeedbackSubmission.Status.PUBLISHED, assigned_unit=unit, answer_text=answer,
            answering_unit=unit, answered_at=received + timedelta(days=2),
            published_at=received + timedelta(days=3), public_title=title, public_question=question,
        )
        item.save()
        new += 1
    for number, (code, topic, ward_slug, ago, status, content) in enumerate(QUEUE, start=len(ANSWERS) + 1):
        if FeedbackSubmission.objects.filter(tracking_code=code).exists():
            continue
        ward = ctx.wards.get(ward_slug) if ward_slug else None
        received = now - timedelta(days=ago)
        FeedbackSubmission(
            tracking_code=code, created_at=received, topic=topics[topic], ward=ward, content=content,
            consent_at=received, consent_version=FeedbackSubmission.CONSENT_VERSION, status=status,
            assigned_at=received + timedelta(days=1) if status == FeedbackSubmission.Status.ASSIGNED else None,
            **_fictional_sender(number, ward),
        ).save()
        new += 1
    ctx.log(f"Phản ánh, kiến nghị mẫu: {FeedbackSubmission.objects.count()} (mới tạo {new})")
