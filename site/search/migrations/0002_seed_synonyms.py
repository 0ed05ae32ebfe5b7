"""Seed synonym groups: abbreviations and the everyday names citizens use. Editors maintain them after."""

from django.db import migrations

SEED = [
    ("sổ đỏ\nsổ hồng\nbìa đỏ\ngiấy chứng nhận quyền sử dụng đất", "Tên thường gọi của Giấy chứng nhận"),
    ("GCN\ngiấy chứng nhận", "Viết tắt"),
    ("QSDĐ\nquyền sử dụng đất", "Viết tắt"),
    ("tách sổ\ntách thửa", "Cách gọi thông thường"),
    ("GPXD\ngiấy phép xây dựng\nphép xây dựng", "Viết tắt"),
    ("CCCD\ncăn cước công dân\ncăn cước\nthẻ căn cước\nCMND\nchứng minh nhân dân\nchứng minh thư", "Giấy tờ tùy thân"),
    ("HKD\nhộ kinh doanh\nhộ kinh doanh cá thể", "Viết tắt"),
    ("TTHC\nthủ tục hành chính", "Viết tắt"),
    ("CCHC\ncải cách hành chính", "Viết tắt"),
    ("khai sinh\ngiấy khai sinh", "Cách gọi thông thường"),
    ("đăng ký kết hôn\ngiấy kết hôn\ngiấy chứng nhận kết hôn\ngiấy đăng ký kết hôn", "Cách gọi thông thường"),
    ("khai tử\ngiấy chứng tử\nbáo tử", "Cách gọi thông thường"),
    ("xác nhận tình trạng hôn nhân\ngiấy xác nhận độc thân\nxác nhận độc thân\ngiấy độc thân", "Cách gọi thông thường"),
    ("nhập hộ khẩu\nđăng ký thường trú", "Cách gọi cũ"),
    ("cắt hộ khẩu\ncắt khẩu\nxóa đăng ký thường trú", "Cách gọi cũ"),
    ("công chứng\nchứng thực", "Cách gọi thông thường"),
    ("BHXH\nbảo hiểm xã hội", "Viết tắt"),
    ("BHYT\nbảo hiểm y tế\nthẻ bảo hiểm y tế", "Viết tắt"),
    ("BHTN\nbảo hiểm thất nghiệp", "Viết tắt"),
    ("TNLĐ\ntai nạn lao động", "Viết tắt"),
    ("BNN\nbệnh nghề nghiệp", "Viết tắt"),
    ("TNCN\nthu nhập cá nhân", "Viết tắt"),
    ("MST\nmã số thuế", "Viết tắt"),
    ("HTX\nhợp tác xã", "Viết tắt"),
    ("DNTN\ndoanh nghiệp tư nhân", "Viết tắt"),
    ("ĐKKD\nđăng ký kinh doanh", "Viết tắt"),
    ("UBND\nỦy ban nhân dân", "Viết tắt"),
    ("PCCC\nphòng cháy chữa cháy\nphòng cháy, chữa cháy", "Viết tắt"),
    ("GPLX\ngiấy phép lái xe\nbằng lái xe\nbằng lái", "Cách gọi thông thường"),
    ("LLTP\nlý lịch tư pháp", "Viết tắt"),
    ("sang tên xe\nthay đổi chủ xe", "Cách gọi thông thường"),
    ("hộ chiếu\npassport", "Cách gọi thông thường"),
    ("visa\nthị thực", "Cách gọi thông thường"),
    ("CSDL\ncơ sở dữ liệu", "Viết tắt"),
    ("PAKN\nphản ánh, kiến nghị\nphản ánh kiến nghị", "Viết tắt"),
    ("nhận con nuôi\nnuôi con nuôi", "Cách gọi thông thường"),
    ("tiền mai táng\nmai táng phí\nchi phí mai táng", "Cách gọi thông thường"),
]


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    for phrases, note in SEED:
        SearchSynonym.objects.get_or_create(phrases=phrases, defaults={"note": note})


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
