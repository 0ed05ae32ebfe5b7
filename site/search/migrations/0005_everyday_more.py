"""More seeds of the everyday vocabulary: situations of residence, insurance, tax, small business,
foreigners, families of soldiers and fallen soldiers, land and civil status, said the way people say
them at the one-stop desk, each mapped to the words of the catalogue's own names (checked against the
591 procedures of procedures/demo_data/procedures.json). Added where missing; editors' entries and
edits are left alone.
"""

from django.db import migrations

DOCUMENT, EVENT, OLD, ACTION = "giay-to", "su-kien", "ten-cu", "viec-can-lam"

SEED = [
    # Residence.
    ("ở nhờ\ncho ở nhờ\nđến ở nhờ\nở tạm vài hôm\nở lại vài hôm\nngủ lại qua đêm\nkhách ở qua đêm\nngười thân đến ở\n"
     "khách đến ở", "thông báo lưu trú", EVENT),
    ("đi làm xa\nđi làm công nhân\nđi làm ăn ở tỉnh khác\nvắng nhà lâu\nđi khỏi địa phương", "khai báo tạm vắng", EVENT),
    ("giấy xác nhận cư trú\ngiấy xác nhận nơi ở\nxác nhận nơi ở\nchứng minh nơi ở\ngiấy chứng minh nơi ở\n"
     "xác nhận chỗ ở\ngiấy thay sổ hộ khẩu", "xác nhận thông tin về cư trú", DOCUMENT),
    # Insurance and pensions.
    ("tự đóng bảo hiểm\ntự đóng bảo hiểm xã hội\nbảo hiểm tự nguyện\ntự đóng để có lương hưu\nkhông có công ty đóng bảo hiểm",
     "đóng BHXH tự nguyện", EVENT),
    ("tai nạn khi làm việc\nbị tai nạn ở công ty\nbị tai nạn ở xưởng\ntai nạn lúc đang làm\ntai nạn trên đường đi làm\n"
     "bị thương khi làm việc", "tai nạn lao động", EVENT),
    ("nhận lương hưu thay\nlĩnh lương hưu thay\nlãnh lương hưu thay\nnhận thay lương hưu\nlĩnh thay\nlãnh thay\nlĩnh hộ",
     "ủy quyền lĩnh thay", EVENT),
    # Tax.
    ("lấy lại tiền thuế\nđòi lại tiền thuế\nthuế nộp thừa\nbị trừ thuế nhiều\nkhấu trừ thuế nhiều\ntự quyết toán thuế\n"
     "quyết toán thuế cá nhân\nquyết toán thuế thu nhập cá nhân", "quyết toán thuế\nhoàn thuế", EVENT),
    ("cho thuê nhà\ncho thuê căn hộ\ncho thuê phòng trọ\ncho thuê mặt bằng\ncho thuê nhà mặt phố\ntiền cho thuê nhà",
     "khai thuế đối với cá nhân cho thuê bất động sản", EVENT),
    # Small business.
    ("bán rượu\nbán bia rượu\nbán rượu chai\nkinh doanh rượu\nbán rượu bia", "giấy phép bán lẻ rượu", EVENT),
    ("chuyển địa chỉ quán\ndời quán\nchuyển quán\nđổi địa chỉ kinh doanh\nchuyển địa chỉ kinh doanh\nchuyển cửa hàng\n"
     "thêm ngành hàng\nđổi ngành nghề kinh doanh", "thay đổi nội dung đăng ký hộ kinh doanh", EVENT),
    # Foreigners.
    ("ở lâu dài tại Việt Nam\nở lâu dài ở Việt Nam\nkhỏi gia hạn visa\nkhông phải gia hạn visa\nvisa dài hạn\nthẻ cư trú",
     "cấp thẻ tạm trú cho người nước ngoài", EVENT),
    ("người nước ngoài ở nhà\nkhách nước ngoài ở nhà\nbạn nước ngoài đến ở\nngười nước ngoài đến ở\nngười nước ngoài ở nhờ\n"
     "khách nước ngoài ở lại", "khai báo tạm trú cho người nước ngoài", EVENT),
    ("gia hạn visa\ngia hạn thị thực\nở thêm ít ngày\nvisa sắp hết hạn", "gia hạn tạm trú", EVENT),
    # Families of soldiers and fallen soldiers.
    ("vợ liệt sĩ\ncon liệt sĩ\nbố liệt sĩ\nmẹ liệt sĩ\ncha mẹ liệt sĩ\ngia đình liệt sĩ\nmẹ Việt Nam anh hùng",
     "thân nhân liệt sĩ", EVENT),
    ("đang đi bộ đội\nđang tại ngũ\nđang đi nghĩa vụ\nanh đi bộ đội\ncon bộ đội\ncon của bộ đội\nem của bộ đội",
     "hạ sĩ quan, binh sĩ tại ngũ", EVENT),
    # Land.
    ("đất hết hạn\nđất hết hạn sử dụng\nsổ hết hạn\nđất nông nghiệp hết hạn\nhết thời hạn sử dụng đất",
     "gia hạn sử dụng đất\nthời hạn sử dụng đất", EVENT),
    ("mua đất giấy tay\nmua bằng giấy tay\ngiấy viết tay\nmua đất chưa sang tên\nmua nhà chưa sang tên",
     "chưa thực hiện thủ tục chuyển quyền", EVENT),
    ("xem quy hoạch\nkiểm tra quy hoạch\ncó dính quy hoạch\nđất dính quy hoạch\nbị quy hoạch", "cung cấp thông tin quy hoạch", EVENT),
    # Civil status.
    ("chưa có giấy khai sinh\nchưa từng làm khai sinh\nchưa bao giờ khai sinh\nkhai sinh cho người già\nkhai sinh cho người lớn",
     "đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân", EVENT),
    ("mất giấy kết hôn\nmất giấy đăng ký kết hôn\nthất lạc giấy kết hôn\nxin lại giấy kết hôn", "đăng ký lại kết hôn", EVENT),
    ("xin lại giấy khai sinh\nsao lại giấy khai sinh\nmất giấy khai sinh bản chính",
     "bản sao giấy khai sinh", EVENT),
    # What must be done.
    ("bị cháy\ncháy mất\ncháy hết", "cấp lại", ACTION),
    ("sắp hết hạn\nhết hạn rồi", "gia hạn", ACTION),
]  # fmt: skip


def seed(apps, schema_editor):
    EverydayTerm = apps.get_model("portal_search", "EverydayTerm")
    for phrases, means, kind in SEED:
        EverydayTerm.objects.get_or_create(
            phrases=phrases, defaults={"means": means, "kind": kind, "origin": "mac-dinh"}
        )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0004_everydayterm")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
