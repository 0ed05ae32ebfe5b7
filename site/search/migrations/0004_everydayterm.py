"""The everyday vocabulary (EverydayTerm) with its seeds: what citizens say → what the catalogue says.

Seeds are written by hand from how people ask at the one-stop desk (documents by their nicknames, life
events, names retired by reforms, ways of saying what must be done); `manage.py search_mine_vocabulary`
adds entries mined from the procedures' own text. Editors maintain both after.
"""

import modelsearch.index
import wagtail.models.preview
from django.db import migrations, models

DOCUMENT, EVENT, OLD, ACTION = "giay-to", "su-kien", "ten-cu", "viec-can-lam"

SEED = [
    # Documents by the names people give them.
    ("cà vẹt\ncà vẹt xe\ngiấy đăng ký xe\nđăng ký xe bản gốc", "chứng nhận đăng ký xe", DOCUMENT),
    ("bằng lái\nbằng lái xe\nbằng xe máy\nbằng ô tô\nbằng A1\nbằng B2", "giấy phép lái xe", DOCUMENT),
    ("biển số\nbấm biển\nbấm biển số\nbiển kiểm soát", "biển số xe", DOCUMENT),
    ("giấy báo tử\ngiấy chứng tử\ngiấy khai tử\ntrích lục khai tử", "khai tử", DOCUMENT),
    ("giấy hôn thú\ngiấy đăng ký kết hôn\ngiấy chứng nhận kết hôn\ngiấy kết hôn", "kết hôn", DOCUMENT),
    ("giấy chứng sinh\ntrích lục khai sinh\ngiấy khai sanh", "khai sinh", DOCUMENT),
    ("sổ hộ khẩu\nhộ khẩu\nhộ khẩu thường trú", "thường trú", OLD),
    ("sổ tạm trú\ngiấy tạm trú\nKT3\ntạm trú tạm vắng", "tạm trú", OLD),
    ("chứng minh thư\nchứng minh nhân dân\nCMND\nCMT\ncăn cước công dân\nCCCD\nthẻ căn cước công dân\n"
     "căn cước gắn chip\nthẻ chip", "thẻ căn cước", OLD),
    ("sổ đỏ\nsổ hồng\nbìa đỏ\nbìa hồng\nsổ nhà đất\nsổ đất\nsổ nhà\ngiấy tờ nhà đất",
     "giấy chứng nhận quyền sử dụng đất\ngiấy chứng nhận", DOCUMENT),
    ("sổ bảo hiểm\nsổ bảo hiểm xã hội", "sổ BHXH", DOCUMENT),
    ("thẻ bảo hiểm\nthẻ bảo hiểm y tế\nbảo hiểm y tế", "thẻ BHYT", DOCUMENT),
    ("giấy phép kinh doanh\ngiấy đăng ký kinh doanh\ngiấy phép buôn bán",
     "giấy chứng nhận đăng ký hộ kinh doanh\ngiấy chứng nhận đăng ký doanh nghiệp", OLD),
    ("giấy không tiền án\nkhông tiền án tiền sự\ntiền án\ntiền sự\ngiấy xác nhận không phạm tội",
     "phiếu lý lịch tư pháp", DOCUMENT),
    ("giấy phép xây nhà\nphép xây nhà\ngiấy phép xây dựng nhà\nxin phép xây", "giấy phép xây dựng", DOCUMENT),
    ("bản sao công chứng\ncông chứng bản sao\nphoto công chứng\nsao y\nsao y bản chính\ncông chứng giấy tờ",
     "chứng thực bản sao", DOCUMENT),
    ("thẻ khuyết tật\ngiấy chứng nhận khuyết tật\ngiấy khuyết tật", "giấy xác nhận khuyết tật", DOCUMENT),
    ("sổ hộ nghèo\nsổ nghèo\ngiấy chứng nhận hộ nghèo", "hộ nghèo", DOCUMENT),
    ("giấy độc thân\ngiấy xác nhận độc thân\nxác nhận độc thân", "xác nhận tình trạng hôn nhân", DOCUMENT),
    ("mã số thuế cá nhân\nMST cá nhân", "đăng ký thuế lần đầu", DOCUMENT),
    ("passport", "hộ chiếu", DOCUMENT),
    ("quán ăn\nquán cà phê\nquán nước\nquán nhậu\ntiệm tạp hóa\ncửa hàng tạp hóa\nsạp chợ\nquầy hàng",
     "hộ kinh doanh", DOCUMENT),
    # Life events and situations.
    ("sinh con\nđẻ\nsinh em bé\ncó em bé\nmới sinh\nmới đẻ\nsinh cháu\ncon mới sinh", "khai sinh\nthai sản", EVENT),
    ("cưới\ncưới vợ\ncưới chồng\ncưới nhau\nlấy vợ\nlấy chồng\nlấy nhau\nđi bước nữa\ntái hôn\nthành hôn",
     "kết hôn", EVENT),
    ("lấy chồng nước ngoài\nlấy vợ nước ngoài\nlấy người nước ngoài\ncưới người nước ngoài",
     "kết hôn có yếu tố nước ngoài", EVENT),
    ("ly dị\nbỏ nhau\nly thân", "ly hôn", EVENT),
    ("qua đời\ntừ trần\nchết\ntạ thế\nngười mất\nngười chết\ncó người mất\nmất rồi", "khai tử", EVENT),
    ("ma chay\nđám ma\nđám tang\ntang lễ\nchôn cất\nhỏa táng\nmai táng phí\ntiền mai táng\ntiền ma chay",
     "mai táng", EVENT),
    ("nghỉ hưu\nvề hưu\nhưu trí", "lương hưu", EVENT),
    ("thất nghiệp\nmất việc\nnghỉ việc\nbị đuổi việc", "trợ cấp thất nghiệp\nbảo hiểm xã hội một lần", EVENT),
    ("rút bảo hiểm\nrút BHXH\nrút sổ bảo hiểm\nrút bảo hiểm xã hội\nlấy tiền bảo hiểm\nrút sổ",
     "hưởng bảo hiểm xã hội một lần", EVENT),
    ("mang thai\ncó bầu\nnghỉ đẻ\nnghỉ sinh\nsinh đẻ", "thai sản", EVENT),
    ("nghỉ ốm\nbị ốm", "ốm đau", EVENT),
    ("mở quán\nmở quán ăn\nmở quán cà phê\nmở cửa hàng\nmở tiệm\nmở shop\nbán tạp hóa\nbuôn bán nhỏ\n"
     "kinh doanh nhỏ\nbán hàng ăn", "đăng ký thành lập hộ kinh doanh", EVENT),
    ("mở công ty\nlập công ty\nmở doanh nghiệp", "đăng ký thành lập công ty", EVENT),
    ("đóng cửa quán\ndẹp quán\ndẹp hộ kinh doanh\nkhông kinh doanh nữa\nkhông buôn bán nữa\nnghỉ bán hẳn",
     "chấm dứt hoạt động hộ kinh doanh", EVENT),
    ("nghỉ bán\ntạm nghỉ bán\ntạm nghỉ kinh doanh\nđóng cửa tạm\nnghỉ bán vài tháng",
     "tạm ngừng kinh doanh", EVENT),
    ("xây nhà\nlàm nhà\nxây lại nhà\nxây nhà mới\ncất nhà\nxây nhà ở", "giấy phép xây dựng", EVENT),
    ("sửa nhà\ncơi nới\ncải tạo nhà\nsửa chữa nhà", "giấy phép xây dựng sửa chữa, cải tạo", EVENT),
    ("mua đất\nbán đất\nmua bán đất\nmua nhà đất\nbán nhà đất\nsang tên sổ đỏ\nsang tên đất\nsang tên nhà đất\n"
     "sang tên sổ\nchuyển nhượng đất", "đăng ký biến động quyền sử dụng đất\nchuyển nhượng quyền sử dụng đất", EVENT),
    ("cho đất\ntặng đất\ncho con đất\ncho tặng nhà đất", "tặng cho quyền sử dụng đất", EVENT),
    ("thừa kế đất\nchia thừa kế\nhưởng thừa kế\nnhận thừa kế\nchia tài sản thừa kế", "phân chia di sản", EVENT),
    ("tách sổ\nchia đôi mảnh đất\nchia đất\nchia mảnh đất\ntách đất", "tách thửa", EVENT),
    ("gộp sổ\ngộp đất\nnhập thửa", "hợp thửa", EVENT),
    ("lấn đất\nlấn chiếm đất\nlấn sang đất\ntranh chấp ranh giới\nhàng xóm lấn\ncãi nhau về đất\nxây lấn",
     "tranh chấp đất đai", EVENT),
    ("nhận con nuôi\nnhận nuôi\nxin con nuôi", "nuôi con nuôi", EVENT),
    ("nhận con\nnhận bố\nnhận cha\nnhận mẹ", "nhận cha, mẹ, con", EVENT),
    ("đổi tên\nđổi họ\nsửa tên\nsửa họ\nsửa ngày sinh\nsai ngày sinh\nsai tên\nđổi dân tộc\nsửa giấy khai sinh",
     "thay đổi, cải chính, bổ sung thông tin hộ tịch", EVENT),
    ("đi nghĩa vụ\nnhập ngũ\nđi bộ đội\nkhám nghĩa vụ\nđăng ký quân sự\nđi lính", "nghĩa vụ quân sự", EVENT),
    ("chuyển lớp\nchuyển trường cho con\nxin học trường khác", "chuyển trường", EVENT),
    ("nhà nghèo\nhộ khó khăn\ngia đình khó khăn\nnhà khó khăn", "hộ nghèo, hộ cận nghèo", EVENT),
    ("chuyển hộ khẩu\nnhập khẩu\nnhập hộ khẩu\nchuyển về ở\nvề ở nhà chồng\nvề ở nhà vợ\nchuyển khẩu",
     "đăng ký thường trú", EVENT),
    ("thuê trọ\nở trọ\nthuê phòng trọ\nnhà trọ\nđăng ký ở trọ\nkhai báo tạm trú", "đăng ký tạm trú", EVENT),
    ("đi vắng\nvắng nhà\nđi xa nhà\nđi làm ăn xa\nvắng mặt ở địa phương", "khai báo tạm vắng", EVENT),
    ("tách khẩu\ntách hộ khẩu\nra ở riêng\ntách ra ở riêng", "tách hộ", EVENT),
    ("cắt khẩu\nxóa hộ khẩu\ncắt hộ khẩu\nchuyển khẩu đi", "xóa đăng ký thường trú", EVENT),
    ("tàn tật\nngười tàn tật\nbị tật", "khuyết tật", EVENT),
    ("làm di chúc\nviết di chúc\nlập di chúc\ndi chúc", "chứng thực di chúc", EVENT),
    ("không nhận thừa kế\ntừ chối thừa kế\nkhông nhận di sản", "từ chối nhận di sản", EVENT),
    ("ký xác nhận chữ ký\nxác nhận chữ ký\nký giấy tờ", "chứng thực chữ ký", EVENT),
    ("dịch giấy tờ\ndịch thuật công chứng\ncông chứng bản dịch", "chứng thực chữ ký người dịch", EVENT),
    ("thế chấp sổ đỏ\nthế chấp nhà\nthế chấp đất\nvay ngân hàng", "đăng ký biện pháp bảo đảm bằng quyền sử dụng đất", EVENT),
    ("giải chấp\nxóa thế chấp\nrút sổ đỏ ngân hàng", "xóa đăng ký biện pháp bảo đảm", EVENT),
    ("chặt cây\nđốn cây", "chặt hạ cây xanh", EVENT),
    ("đào đường\nlấn vỉa hè\ndùng vỉa hè\nchiếm vỉa hè", "sử dụng tạm thời lòng đường, vỉa hè", EVENT),
    ("mua xe\nxe mới mua\nmua xe mới\nmua xe máy", "đăng ký xe lần đầu", EVENT),
    ("mua xe cũ\nmua lại xe\nbán xe\nsang tên đổi chủ\nđổi chủ xe", "sang tên xe\nthay đổi chủ xe", EVENT),
    ("đi xuất khẩu lao động\nđi lao động nước ngoài\nđi du học", "hộ chiếu phổ thông", EVENT),
    ("nghiện ma túy\nbị nghiện\nnghiện hút", "cai nghiện ma túy", EVENT),
    ("khen thưởng\nbằng khen\ntặng khen", "giấy khen", EVENT),
    # What must be done, said the everyday way.
    ("đổi lại\nlàm mới\nđổi sang", "cấp đổi", ACTION),
    ("báo mất\nkhai báo mất", "trình báo mất", ACTION),
    ("đánh rơi\nđánh mất\nlàm mất\nthất lạc\nbị thất lạc\nlỡ làm mất", "cấp lại\nbị mất", ACTION),
    ("bị mất", "cấp lại", ACTION),
    ("bị rách\nrách nát\ncũ nát\nbị hỏng\như hỏng\nbị nhòe", "cấp đổi", ACTION),
    ("ghi sai\nbị sai\nsai thông tin\nin sai", "đính chính\ncải chính", ACTION),
    ("xin phép", "cấp giấy phép", ACTION),
    ("mức độ 3\nmột phần trực tuyến", "dịch vụ công trực tuyến một phần", OLD),
    ("mức độ 4\nnộp online\nlàm online\nnộp trên mạng", "dịch vụ công trực tuyến toàn trình", OLD),
]  # fmt: skip


def seed(apps, schema_editor):
    EverydayTerm = apps.get_model("portal_search", "EverydayTerm")
    for phrases, means, kind in SEED:
        EverydayTerm.objects.get_or_create(
            phrases=phrases, defaults={"means": means, "kind": kind, "origin": "mac-dinh"}
        )


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_document_keys")]

    operations = [
        migrations.CreateModel(
            name="EverydayTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "phrases",
                    models.TextField(
                        help_text="Mỗi dòng một cách nói, ví dụ: «cưới vợ», «lấy chồng». Gõ có dấu; người dân gõ không dấu vẫn khớp.",
                        verbose_name="Cách người dân nói",
                    ),
                ),
                (
                    "means",
                    models.TextField(
                        help_text="Mỗi dòng một cách gọi như trong tên thủ tục, ví dụ: «kết hôn». Mỗi dòng được tìm thay cho cách nói.",
                        verbose_name="Tên gọi trong danh mục thủ tục",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("giay-to", "Tên thường gọi của giấy tờ, tài sản, cơ sở"),
                            ("su-kien", "Sự kiện, hoàn cảnh trong cuộc sống"),
                            ("ten-cu", "Tên gọi cũ (trước cải cách)"),
                            ("viec-can-lam", "Cách nói việc cần làm"),
                        ],
                        default="su-kien",
                        max_length=16,
                        verbose_name="Loại",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=255, verbose_name="Ghi chú")),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("mac-dinh", "Có sẵn khi cài đặt"),
                            ("trich-xuat", "Trích từ văn bản thủ tục"),
                            ("bien-tap", "Biên tập viên thêm"),
                        ],
                        default="bien-tap",
                        max_length=16,
                        verbose_name="Nguồn",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="Đang dùng")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="Cập nhật")),
            ],
            options={
                "verbose_name": "Cách nói đời thường",
                "verbose_name_plural": "Cách nói đời thường",
                "ordering": ["kind", "phrases"],
            },
            bases=(wagtail.models.preview.PreviewableMixin, modelsearch.index.Indexed, models.Model),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
