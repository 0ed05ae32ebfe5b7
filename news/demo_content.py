"""Text of the news demo: CCHC articles, directive documents and radio episodes (realistic, no real names).

Articles name roles ("lãnh đạo UBND thành phố", "công chức Bộ phận một cửa"), never invented officials.
Central documents are real and cited as published; province, city and ward documents are samples and say so.
"""

import datetime

from django.utils import timezone

ROMAN_QUARTERS = ("I", "II", "III", "IV")


def period_words(day):
    """The periods an article dated `day` speaks of, for the {…} in its text: articles are dated
    relative to the day the demo is loaded, so the years they name are too.

    nam: its year; nam_truoc: the year before (whose reform indices are announced in this one);
    quy: the last quarter ended ("III năm 2026"); nua_nam: the last half-year ended.
    """
    quarter = (day.month - 1) // 3  # the current quarter's index is the number of the last one ended
    quy = f"{ROMAN_QUARTERS[quarter - 1]} năm {day.year if quarter else day.year - 1}"
    nua_nam = f"6 tháng đầu năm {day.year}" if day.month > 6 else f"6 tháng cuối năm {day.year - 1}"
    return {"nam": day.year, "nam_truoc": day.year - 1, "quy": quy, "nua_nam": nua_nam}


def published_articles(today=None, articles=None):
    """`articles` (default: ARTICLES) as the demo publishes them on `today` (default: today): the {…} in
    title, lead and paragraphs filled with the periods of each article's date."""
    today = today or timezone.localdate()
    published = []
    for slug, title, topics, lead, paragraphs, *rest in ARTICLES if articles is None else articles:
        words = period_words(today - datetime.timedelta(days=rest[3]))  # rest: featured, unit, image, days
        published.append(
            (slug, title.format(**words), topics, lead.format(**words), [p.format(**words) for p in paragraphs], *rest)
        )
    return published


# The article whose date sets the last year of the sample reform indices.
INDICES_ARTICLE = "ket-qua-chi-so-cai-cach-hanh-chinh"
# Slugs that named a year before the years followed the dates: a demo loaded then keeps its article.
FORMER_SLUGS = {
    "chi-linh-trien-khai-ke-hoach-cai-cach-hanh-chinh": "chi-linh-trien-khai-ke-hoach-cai-cach-hanh-chinh-nam-2024",
    "tren-98-ho-so-duoc-giai-quyet-dung-han": "tren-98-ho-so-duoc-giai-quyet-dung-han-trong-quy-i",
    "ket-qua-chi-so-cai-cach-hanh-chinh": "ket-qua-chi-so-cai-cach-hanh-chinh-nam-2023",
    "ra-soat-van-ban-quy-pham-phap-luat": "ra-soat-van-ban-quy-pham-phap-luat-nam-2024",
    "cong-khai-tai-chinh-ngan-sach": "cong-khai-tai-chinh-ngan-sach-nam-2024",
}

# (slug, title, topic slugs, lead, paragraphs, featured, unit, image, days ago)
# unit: "city" or a ward slug; image: index into IMAGES or None. Title, lead and paragraphs may name
# {nam}, {nam_truoc}, {quy} or {nua_nam} (period_words of the article's date).
ARTICLES = [
    (
        "chi-linh-trien-khai-ke-hoach-cai-cach-hanh-chinh",
        "Chí Linh triển khai Kế hoạch cải cách hành chính năm {nam}",
        ["chi-dao-dieu-hanh"],
        "UBND thành phố Chí Linh ban hành kế hoạch cải cách hành chính năm {nam} với 6 nhóm nhiệm vụ, "
        "trong đó trọng tâm là cải cách thủ tục hành chính và xây dựng chính quyền số.",
        [
            "Kế hoạch giao nhiệm vụ cụ thể cho từng phòng, ban chuyên môn và UBND các phường, xã; gắn kết quả "
            "thực hiện với đánh giá, xếp loại thi đua cuối năm của tập thể và người đứng đầu.",
            "Thành phố đặt mục tiêu 100% thủ tục hành chính đủ điều kiện được cung cấp dưới dạng dịch vụ công "
            "trực tuyến toàn trình; tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%; mức độ hài lòng của người dân "
            "đạt trên 90%.",
            "Lãnh đạo UBND thành phố yêu cầu các đơn vị rà soát, cập nhật kịp thời danh mục thủ tục hành chính "
            "được công bố mới, sửa đổi, bãi bỏ và niêm yết công khai đầy đủ tại Bộ phận một cửa.",
        ],
        True, "city", 0, 3,
    ),
    (
        "tren-98-ho-so-duoc-giai-quyet-dung-han",
        "Trên 98% hồ sơ thủ tục hành chính được giải quyết đúng hạn trong quý {quy}",
        ["co-che-mot-cua", "cai-cach-thu-tuc-hanh-chinh"],
        "Quý {quy}, Bộ phận một cửa thành phố và các phường, xã tiếp nhận hơn 14.000 hồ sơ; tỷ lệ giải quyết đúng "
        "hạn đạt trên 98%, tăng so với cùng kỳ năm trước.",
        [
            "Lĩnh vực có số hồ sơ lớn nhất là chứng thực, hộ tịch và đất đai. Các hồ sơ quá hạn chủ yếu thuộc "
            "lĩnh vực đất đai do phải xác minh nguồn gốc sử dụng đất; đơn vị giải quyết đã có văn bản xin lỗi "
            "người dân theo quy định.",
            "Tỷ lệ hồ sơ nộp trực tuyến tiếp tục tăng, đặc biệt ở các thủ tục đăng ký khai sinh, đăng ký thường "
            "trú và cấp bản sao trích lục hộ tịch.",
        ],
        True, "city", 2, 9,
    ),
    (
        "nop-ho-so-truc-tuyen-toan-trinh-khong-can-den-tru-so",
        "Nộp hồ sơ trực tuyến toàn trình: người dân không cần đến trụ sở",
        ["chinh-quyen-dien-tu-chinh-quyen-so", "cai-cach-thu-tuc-hanh-chinh"],
        "Với dịch vụ công trực tuyến toàn trình, người dân nộp hồ sơ, theo dõi tiến độ, thanh toán phí và nhận "
        "kết quả điện tử mà không phải đến Bộ phận một cửa.",
        [
            "Người dân đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử VNeID, chọn thủ tục, "
            "khai tờ khai điện tử và đính kèm bản chụp giấy tờ. Hệ thống gửi thông báo khi hồ sơ được tiếp nhận, "
            "khi cần bổ sung và khi có kết quả.",
            "Công chức Bộ phận một cửa thành phố khuyến nghị người dân kiểm tra kỹ ảnh chụp giấy tờ trước khi "
            "gửi, vì ảnh mờ hoặc thiếu trang là lý do thường gặp nhất khiến hồ sơ phải bổ sung.",
        ],
        True, "city", 1, 15,
    ),
    (
        "mo-hinh-tra-ket-qua-tai-nha-qua-buu-dien",
        "Mô hình trả kết quả thủ tục hành chính tại nhà qua dịch vụ bưu chính công ích",
        ["mo-hinh-dien-hinh", "co-che-mot-cua"],
        "Nhiều người cao tuổi ở các xã xa trung tâm đã nhận kết quả thủ tục hành chính tại nhà qua dịch vụ "
        "bưu chính công ích, tiết kiệm thời gian đi lại.",
        [
            "Khi nộp hồ sơ, người dân chỉ cần đăng ký nhận kết quả qua bưu điện và ghi rõ địa chỉ. Nhân viên bưu "
            "điện nhận kết quả tại Bộ phận một cửa và chuyển phát trong ngày làm việc tiếp theo.",
            "Mô hình được đánh giá là cách làm hay, phù hợp với địa bàn rộng, giao thông đi lại còn khó khăn "
            "vào mùa mưa.",
        ],
        True, "city", 0, 21,
    ),
    (
        "hoi-nghi-tap-huan-nghiep-vu-mot-cua-cho-cong-chuc-cap-xa",
        "Tập huấn nghiệp vụ một cửa cho công chức cấp xã",
        ["co-che-mot-cua", "cai-cach-che-do-cong-vu"],
        "Hơn 120 công chức làm việc tại Bộ phận một cửa các phường, xã được tập huấn về quy trình tiếp nhận, "
        "số hóa hồ sơ và sử dụng Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
        [
            "Nội dung tập huấn tập trung vào số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và tái sử dụng "
            "dữ liệu đã số hóa để người dân không phải nộp lại giấy tờ đã có trong hệ thống.",
            "Học viên được thực hành trên môi trường thử nghiệm, xử lý các tình huống thường gặp như hồ sơ cần "
            "bổ sung, hồ sơ liên thông giữa nhiều cơ quan và hồ sơ trả kết quả qua bưu chính.",
        ],
        False, "city", 3, 28,
    ),
    (
        "ket-qua-chi-so-cai-cach-hanh-chinh",
        "Thành phố cải thiện thứ hạng Chỉ số cải cách hành chính năm {nam_truoc}",
        ["chi-so-par-index-sipas"],
        "Kết quả xác định Chỉ số cải cách hành chính năm {nam_truoc} cho thấy thành phố tăng điểm ở hầu hết các lĩnh "
        "vực, nhất là cải cách thủ tục hành chính và chính quyền số.",
        [
            "Các tiêu chí còn bị trừ điểm gồm tỷ lệ hồ sơ trực tuyến của một số lĩnh vực và việc cập nhật, công "
            "khai thủ tục hành chính chưa kịp thời ở một vài đơn vị.",
            "UBND thành phố giao Phòng Nội vụ chủ trì phân tích từng tiêu chí bị trừ điểm, đề xuất giải pháp khắc "
            "phục và theo dõi kết quả hằng quý.",
        ],
        False, "city", 2, 35,
    ),
    (
        "khao-sat-muc-do-hai-long-sipas-tai-bo-phan-mot-cua",
        "Khảo sát mức độ hài lòng của người dân tại Bộ phận một cửa",
        ["chi-so-par-index-sipas", "co-che-mot-cua"],
        "Người dân đến giao dịch tại Bộ phận một cửa có thể đánh giá mức độ hài lòng bằng thiết bị điện tử "
        "đặt tại quầy hoặc quét mã QR bằng điện thoại.",
        [
            "Kết quả đánh giá được tổng hợp hằng tháng, công khai và là căn cứ để đánh giá, xếp loại công chức "
            "làm việc tại Bộ phận một cửa.",
            "Những góp ý cụ thể về thái độ phục vụ, thời gian chờ và hướng dẫn hồ sơ được chuyển đến đơn vị "
            "liên quan để trả lời và khắc phục.",
        ],
        False, "city", None, 42,
    ),
    (
        "ra-soat-van-ban-quy-pham-phap-luat",
        "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do thành phố ban hành",
        ["cai-cach-the-che"],
        "Thành phố tổ chức rà soát toàn bộ văn bản quy phạm pháp luật còn hiệu lực do HĐND và UBND thành phố "
        "ban hành để kịp thời sửa đổi, bãi bỏ các quy định không còn phù hợp.",
        [
            "Kết quả rà soát được công bố công khai; các văn bản hết hiệu lực được đưa ra khỏi danh mục để người "
            "dân, doanh nghiệp không áp dụng nhầm.",
            "Công tác kiểm tra, rà soát văn bản được thực hiện song song với việc lấy ý kiến người dân và doanh "
            "nghiệp về các quy định liên quan đến thủ tục hành chính.",
        ],
        False, "city", 3, 50,
    ),
    (
        "sap-xep-to-chuc-bo-may-cac-phong-chuyen-mon",
        "Sắp xếp tổ chức bộ máy các cơ quan chuyên môn theo hướng tinh gọn",
        ["cai-cach-to-chuc-bo-may"],
        "Thành phố hoàn thành việc sắp xếp, kiện toàn các cơ quan chuyên môn thuộc UBND thành phố theo quy định "
        "mới, bảo đảm không gián đoạn việc giải quyết thủ tục hành chính.",
        [
            "Chức năng, nhiệm vụ của từng cơ quan được xác định rõ, khắc phục tình trạng chồng chéo; thủ tục hành "
            "chính của các lĩnh vực chuyển giao được cập nhật lại trên Cổng thông tin.",
            "Người dân vẫn nộp hồ sơ tại Bộ phận một cửa như trước; chỉ cơ quan xử lý phía sau thay đổi.",
        ],
        False, "city", None, 58,
    ),
    (
        "danh-gia-xep-loai-cong-chuc-gan-voi-ket-qua-giai-quyet-ho-so",
        "Đánh giá công chức gắn với kết quả giải quyết hồ sơ của người dân",
        ["cai-cach-che-do-cong-vu"],
        "Kết quả giải quyết hồ sơ đúng hạn và ý kiến đánh giá của người dân trở thành tiêu chí quan trọng khi "
        "đánh giá, xếp loại công chức hằng năm.",
        [
            "Mỗi hồ sơ quá hạn phải có văn bản giải trình và xin lỗi người dân; công chức để hồ sơ quá hạn nhiều "
            "lần không được xếp loại hoàn thành tốt nhiệm vụ.",
            "Thành phố đồng thời khen thưởng kịp thời những công chức có nhiều sáng kiến rút ngắn thời gian giải "
            "quyết thủ tục hành chính.",
        ],
        False, "city", 3, 66,
    ),
    (
        "cong-khai-tai-chinh-ngan-sach",
        "Công khai dự toán ngân sách và thực hiện tự chủ tài chính tại các đơn vị sự nghiệp",
        ["cai-cach-tai-chinh-cong"],
        "Dự toán ngân sách năm {nam} của thành phố được công khai trên Cổng thông tin; các đơn vị sự nghiệp công "
        "lập tiếp tục được giao quyền tự chủ tài chính.",
        [
            "Việc công khai giúp người dân theo dõi, giám sát việc sử dụng ngân sách nhà nước, đồng thời là một "
            "tiêu chí đánh giá Chỉ số cải cách hành chính.",
            "Các đơn vị được giao tự chủ phải xây dựng quy chế chi tiêu nội bộ, công khai trong đơn vị và báo cáo "
            "kết quả thực hiện hằng năm.",
        ],
        False, "city", 2, 74,
    ),
    (
        "trung-tam-giam-sat-dieu-hanh-do-thi-thong-minh-tiep-nhan-phan-anh",
        "Trung tâm giám sát, điều hành đô thị thông minh tiếp nhận phản ánh của người dân",
        ["trung-tam-dieu-hanh-thong-minh", "chinh-quyen-dien-tu-chinh-quyen-so"],
        "Người dân có thể gửi phản ánh về hạ tầng, môi trường, trật tự đô thị qua ứng dụng trên điện thoại; "
        "Trung tâm chuyển ngay đến đơn vị có trách nhiệm xử lý.",
        [
            "Mỗi phản ánh được gắn vị trí, hình ảnh và theo dõi đến khi có kết quả. Người gửi nhận thông báo khi "
            "phản ánh được tiếp nhận và khi được xử lý xong.",
            "Trung tâm cũng theo dõi các chỉ số về giải quyết thủ tục hành chính, giúp lãnh đạo thành phố chỉ đạo "
            "kịp thời những lĩnh vực có nhiều hồ sơ chậm.",
        ],
        True, "city", 1, 80,
    ),
    (
        "hoi-dap-khai-sinh-truc-tuyen-can-giay-to-gi",
        "Hỏi – đáp: Đăng ký khai sinh trực tuyến cần chuẩn bị giấy tờ gì?",
        ["hoi-dap", "cai-cach-thu-tuc-hanh-chinh"],
        "Nhiều bạn đọc hỏi về giấy tờ cần có khi đăng ký khai sinh trực tuyến. Bộ phận một cửa thành phố "
        "hướng dẫn như sau.",
        [
            "Người đi đăng ký chuẩn bị bản chụp giấy chứng sinh; trường hợp không có giấy chứng sinh thì có văn "
            "bản của người làm chứng xác nhận về việc sinh. Thông tin cư trú và giấy tờ tùy thân được khai thác "
            "từ Cơ sở dữ liệu quốc gia về dân cư nên không phải nộp lại.",
            "Kết quả là bản điện tử giấy khai sinh; người dân có thể đăng ký nhận thêm bản giấy qua bưu chính "
            "hoặc tại Bộ phận một cửa.",
        ],
        False, "city", None, 88,
    ),
    (
        "hoi-dap-ho-so-qua-han-thi-nguoi-dan-lam-gi",
        "Hỏi – đáp: Hồ sơ bị trễ hẹn, người dân cần làm gì?",
        ["hoi-dap", "co-che-mot-cua"],
        "Khi hồ sơ quá hạn giải quyết, cơ quan giải quyết phải gửi văn bản xin lỗi và hẹn lại thời gian trả "
        "kết quả; người dân có quyền phản ánh qua đường dây nóng.",
        [
            "Theo quy định về cơ chế một cửa, cơ quan để hồ sơ quá hạn phải nêu rõ lý do, thời gian hẹn trả kết "
            "quả mới và chịu trách nhiệm về việc chậm trễ.",
            "Người dân có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ trên phiếu hẹn, hoặc gửi phản ánh, kiến nghị "
            "trên Cổng thông tin này để được trả lời công khai.",
        ],
        False, "city", None, 95,
    ),
    (
        "so-hoa-ho-so-ket-qua-giai-quyet-thu-tuc-hanh-chinh",
        "Đẩy mạnh số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        ["chinh-quyen-dien-tu-chinh-quyen-so", "co-che-mot-cua"],
        "Hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa ngay khi tiếp nhận để tái sử dụng, giúp người "
        "dân không phải nộp lại giấy tờ đã có.",
        [
            "Tỷ lệ số hóa hồ sơ tại Bộ phận một cửa thành phố đã đạt mức cao; một số phường, xã còn chậm do thiếu "
            "thiết bị quét và nhân lực.",
            "Thành phố bố trí kinh phí mua sắm máy quét cho các đơn vị và giao nhiệm vụ kiểm tra chất lượng dữ "
            "liệu số hóa định kỳ.",
        ],
        False, "city", 1, 103,
    ),
    (
        "phong-trao-thi-dua-cai-cach-hanh-chinh-trong-truong-hoc",
        "Cuộc thi tìm hiểu cải cách hành chính thu hút đông đảo đoàn viên, thanh niên",
        ["mo-hinh-dien-hinh", "chi-dao-dieu-hanh"],
        "Cuộc thi tìm hiểu về cải cách hành chính dành cho đoàn viên, thanh niên thành phố nhận được hàng nghìn "
        "bài dự thi trực tuyến.",
        [
            "Các câu hỏi xoay quanh dịch vụ công trực tuyến, cơ chế một cửa và quyền phản ánh, kiến nghị của người "
            "dân. Nhiều đoàn viên đã hướng dẫn người thân trong gia đình nộp hồ sơ trực tuyến sau cuộc thi.",
            "Ban Tổ chức trao giải cho các tập thể, cá nhân có kết quả cao và chia sẻ đáp án chi tiết để người dân "
            "cùng tìm hiểu.",
        ],
        False, "city", 3, 110,
    ),
    (
        "thanh-toan-phi-le-phi-truc-tuyen",
        "Thanh toán phí, lệ phí thủ tục hành chính trực tuyến ngày càng phổ biến",
        ["chinh-quyen-dien-tu-chinh-quyen-so", "cai-cach-tai-chinh-cong"],
        "Người dân có thể thanh toán phí, lệ phí ngay khi nộp hồ sơ trực tuyến bằng tài khoản ngân hàng hoặc ví "
        "điện tử, có biên lai điện tử.",
        [
            "Thanh toán trực tuyến giúp giảm tiền mặt tại quầy, rút ngắn thời gian giao dịch và minh bạch khoản thu.",
            "Bộ phận một cửa hướng dẫn tận tình cho người cao tuổi còn chưa quen thao tác trên điện thoại.",
        ],
        False, "city", None, 120,
    ),
    (
        "kiem-tra-cong-vu-cai-cach-hanh-chinh-6-thang",
        "Kiểm tra công tác cải cách hành chính và kỷ luật, kỷ cương hành chính {nua_nam}",
        ["chi-dao-dieu-hanh", "cai-cach-che-do-cong-vu"],
        "Đoàn kiểm tra của thành phố làm việc tại một số phường, xã về kết quả cải cách hành chính, việc niêm yết "
        "thủ tục và chấp hành giờ giấc làm việc.",
        [
            "Đoàn ghi nhận nhiều đơn vị niêm yết thủ tục hành chính đầy đủ, có hướng dẫn mẫu đơn rõ ràng; một số "
            "nơi còn niêm yết thủ tục đã bị bãi bỏ và được yêu cầu khắc phục ngay.",
            "Kết quả kiểm tra được thông báo công khai và là căn cứ đánh giá Chỉ số cải cách hành chính của các "
            "phường, xã.",
        ],
        False, "city", 2, 135,
    ),
    (
        "lien-thong-dang-ky-khai-sinh-thuong-tru-bao-hiem-y-te",
        "Liên thông đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
        ["cai-cach-thu-tuc-hanh-chinh", "chinh-quyen-dien-tu-chinh-quyen-so"],
        "Nhóm thủ tục liên thông giúp cha mẹ chỉ cần nộp một bộ hồ sơ trực tuyến để con được đăng ký khai sinh, "
        "đăng ký thường trú và cấp thẻ bảo hiểm y tế.",
        [
            "Thay vì đến ba cơ quan, người dân khai một tờ khai điện tử; dữ liệu được chuyển liên thông giữa các "
            "cơ quan và kết quả được trả về tài khoản của người nộp.",
            "Đây là một trong hai nhóm thủ tục liên thông được triển khai theo Đề án 06 của Chính phủ.",
        ],
        False, "city", 1, 150,
    ),
    (
        "bo-phan-mot-cua-thanh-pho-keo-dai-gio-tiep-nhan",
        "Bộ phận một cửa thành phố tiếp nhận hồ sơ cả sáng thứ Bảy",
        ["co-che-mot-cua"],
        "Để thuận tiện cho người lao động, Bộ phận một cửa thành phố tiếp nhận và trả kết quả thủ tục hành chính "
        "vào sáng thứ Bảy hằng tuần.",
        [
            "Các lĩnh vực tiếp nhận vào sáng thứ Bảy gồm chứng thực, hộ tịch và một số thủ tục về đất đai, xây dựng.",
            "Người dân nên đặt lịch trước qua tổng đài hoặc Cổng thông tin để được phục vụ nhanh hơn.",
        ],
        False, "city", 0, 165,
    ),
    (
        "hoi-dap-tra-cuu-tinh-trang-ho-so",
        "Hỏi – đáp: Tra cứu tình trạng hồ sơ thủ tục hành chính bằng cách nào?",
        ["hoi-dap"],
        "Người dân có thể tra cứu tình trạng hồ sơ bằng mã hồ sơ ghi trên giấy tiếp nhận, qua Cổng Dịch vụ công "
        "hoặc quét mã QR trên phiếu hẹn.",
        [
            "Kết quả tra cứu cho biết hồ sơ đang ở bước nào, cơ quan nào đang xử lý và ngày hẹn trả kết quả.",
            "Nếu cần hỗ trợ, người dân gọi số đường dây nóng in trên phiếu hẹn hoặc ở cuối trang Cổng thông tin.",
        ],
        False, "city", None, 180,
    ),
    (
        "hoi-nghi-doi-thoai-doanh-nghiep-ve-thu-tuc-hanh-chinh",
        "Đối thoại với doanh nghiệp về thủ tục hành chính trong lĩnh vực đầu tư, xây dựng",
        ["cai-cach-thu-tuc-hanh-chinh", "cai-cach-the-che"],
        "Tại hội nghị đối thoại, doanh nghiệp nêu nhiều kiến nghị về thời gian cấp phép xây dựng và thủ tục đất "
        "đai; các cơ quan chuyên môn trả lời trực tiếp tại hội nghị.",
        [
            "Những kiến nghị vượt thẩm quyền được tổng hợp, báo cáo cấp có thẩm quyền; kết quả trả lời được công "
            "khai trên Cổng thông tin.",
            "Lãnh đạo thành phố cam kết rút ngắn thời gian giải quyết các thủ tục có nhiều phản ánh.",
        ],
        False, "city", 3, 200,
    ),
    # Ward news
    (
        "phuong-sao-do-ra-mat-to-cong-nghe-so-cong-dong",
        "Phường Sao Đỏ ra mắt tổ công nghệ số cộng đồng hướng dẫn người dân dùng dịch vụ công",
        ["chinh-quyen-dien-tu-chinh-quyen-so", "mo-hinh-dien-hinh"],
        "Các tổ công nghệ số cộng đồng ở khu dân cư hướng dẫn người dân cài đặt, kích hoạt tài khoản định danh "
        "điện tử và nộp hồ sơ trực tuyến.",
        [
            "Thành viên tổ là cán bộ khu dân cư, đoàn viên thanh niên và công chức phường; mỗi tổ phụ trách hướng "
            "dẫn tại nhà cho người cao tuổi, người khuyết tật.",
            "Sau một tháng ra mắt, số hồ sơ nộp trực tuyến của phường tăng rõ rệt.",
        ],
        False, "phuong-sao-do", 1, 4,
    ),
    (
        "phuong-sao-do-niem-yet-thu-tuc-hanh-chinh-bang-ma-qr",
        "Phường Sao Đỏ niêm yết thủ tục hành chính bằng mã QR",
        ["cai-cach-thu-tuc-hanh-chinh", "co-che-mot-cua"],
        "Người dân quét mã QR tại Bộ phận một cửa phường để xem đầy đủ thành phần hồ sơ, lệ phí và mẫu đơn của "
        "từng thủ tục ngay trên điện thoại.",
        [
            "Mã QR dẫn đến trang thủ tục trên Cổng thông tin nên luôn cập nhật theo quyết định công bố mới nhất.",
            "Bảng niêm yết giấy vẫn được giữ cho người không dùng điện thoại thông minh.",
        ],
        False, "phuong-sao-do", None, 30,
    ),
    (
        "phuong-sao-do-ket-qua-giai-quyet-ho-so-6-thang",
        "Phường Sao Đỏ: không có hồ sơ quá hạn trong {nua_nam}",
        ["co-che-mot-cua"],
        "Bộ phận một cửa phường Sao Đỏ giải quyết đúng và trước hạn toàn bộ hồ sơ tiếp nhận trong {nua_nam}.",
        [
            "Phường phân công công chức theo dõi từng lĩnh vực, nhắc hạn hằng ngày trên hệ thống và báo cáo lãnh đạo "
            "những hồ sơ sắp đến hạn.",
            "Ý kiến đánh giá của người dân tại quầy đạt mức hài lòng cao.",
        ],
        False, "phuong-sao-do", None, 60,
    ),
    (
        "phuong-pha-lai-ho-tro-nguoi-dan-nop-ho-so-truc-tuyen",
        "Phường Phả Lại bố trí điểm hỗ trợ người dân nộp hồ sơ trực tuyến",
        ["chinh-quyen-dien-tu-chinh-quyen-so", "co-che-mot-cua"],
        "Tại Bộ phận một cửa phường Phả Lại, một máy tính và một công chức được bố trí riêng để hướng dẫn người "
        "dân tự nộp hồ sơ trực tuyến.",
        [
            "Người dân được hướng dẫn từng bước, từ đăng nhập bằng tài khoản định danh điện tử đến đính kèm giấy tờ.",
            "Nhiều người sau lần đầu được hướng dẫn đã tự nộp hồ sơ tại nhà ở những lần sau.",
        ],
        False, "phuong-pha-lai", 0, 12,
    ),
    (
        "phuong-pha-lai-doi-thoai-nguoi-dan-ve-dat-dai",
        "Phường Phả Lại đối thoại với người dân về thủ tục đất đai",
        ["cai-cach-thu-tuc-hanh-chinh", "hoi-dap"],
        "Buổi đối thoại giải đáp nhiều câu hỏi về cấp giấy chứng nhận quyền sử dụng đất lần đầu và đăng ký biến động.",
        [
            "Công chức địa chính hướng dẫn cụ thể thành phần hồ sơ và những giấy tờ thường bị thiếu.",
            "Các kiến nghị chưa trả lời được tại buổi đối thoại được phường ghi nhận và trả lời bằng văn bản.",
        ],
        False, "phuong-pha-lai", None, 45,
    ),
    (
        "xa-le-loi-tuyen-truyen-cai-cach-hanh-chinh-qua-loa-truyen-thanh",
        "Xã Lê Lợi tuyên truyền cải cách hành chính qua hệ thống truyền thanh cơ sở",
        ["chi-dao-dieu-hanh", "mo-hinh-dien-hinh"],
        "Hằng tuần, đài truyền thanh xã phát chuyên mục cải cách hành chính, giới thiệu thủ tục mới và giải đáp "
        "thắc mắc của người dân.",
        [
            "Nội dung phát thanh được biên tập ngắn gọn, dễ hiểu, phát vào buổi sáng sớm và chiều tối khi người dân "
            "ở nhà.",
            "Các câu hỏi của người dân gửi qua tổ trưởng khu dân cư được giải đáp trong số phát thanh tiếp theo.",
        ],
        False, "xa-le-loi", 3, 20,
    ),
    (
        "xa-le-loi-so-hoa-so-ho-tich",
        "Xã Lê Lợi hoàn thành số hóa sổ hộ tịch",
        ["chinh-quyen-dien-tu-chinh-quyen-so"],
        "Toàn bộ sổ hộ tịch lưu trữ tại xã đã được số hóa, giúp việc cấp bản sao trích lục nhanh hơn.",
        [
            "Người dân đề nghị cấp bản sao trích lục khai sinh, kết hôn có thể nhận kết quả ngay trong ngày.",
            "Dữ liệu hộ tịch số hóa được kết nối với cơ sở dữ liệu hộ tịch điện tử toàn quốc.",
        ],
        False, "xa-le-loi", None, 70,
    ),
]

# (filename, title, alt text, palette, motif)
IMAGES = [
    ("news-demo-mot-cua.jpg", "Minh họa: quầy Bộ phận một cửa",
     "Hình minh họa: người dân làm thủ tục tại quầy Bộ phận một cửa", "desk"),
    ("news-demo-truc-tuyen.jpg", "Minh họa: nộp hồ sơ trên điện thoại",
     "Hình minh họa: điện thoại hiển thị biểu mẫu nộp hồ sơ trực tuyến đã gửi thành công", "phone"),
    ("news-demo-bieu-do.jpg", "Minh họa: biểu đồ kết quả",
     "Hình minh họa: biểu đồ cột thể hiện kết quả giải quyết hồ sơ tăng dần", "chart"),
    ("news-demo-hoi-nghi.jpg", "Minh họa: hội nghị",
     "Hình minh họa: hội trường với bàn chủ tọa và băng rôn đỏ", "meeting"),
]

SAMPLE_NOTE = "Văn bản mẫu của nội dung minh họa; số, ký hiệu không phải của văn bản thật."

# (slug, doc type, number, date, issuing body, level, subject, summary, related article slugs)
DIRECTIVES = [
    ("nghi-quyet-76-nq-cp", "nghi-quyet", "76/NQ-CP", "2021-07-15", "Chính phủ", "trung-uong",
     "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030",
     "Xác định 6 nội dung cải cách: thể chế, thủ tục hành chính, tổ chức bộ máy, chế độ công vụ, tài chính công, "
     "xây dựng và phát triển Chính phủ điện tử, Chính phủ số.",
     ["chi-linh-trien-khai-ke-hoach-cai-cach-hanh-chinh"]),
    ("nghi-dinh-61-2018-nd-cp", "nghi-dinh", "61/2018/NĐ-CP", "2018-04-23", "Chính phủ", "trung-uong",
     "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
     "Quy định nguyên tắc, trình tự tiếp nhận, giải quyết và trả kết quả thủ tục hành chính theo cơ chế một cửa, "
     "một cửa liên thông; trách nhiệm xin lỗi khi hồ sơ quá hạn.",
     ["hoi-dap-ho-so-qua-han-thi-nguoi-dan-lam-gi"]),
    ("nghi-dinh-107-2021-nd-cp", "nghi-dinh", "107/2021/NĐ-CP", "2021-12-06", "Chính phủ", "trung-uong",
     "Sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên "
     "thông trong giải quyết thủ tục hành chính",
     "Bổ sung quy định về số hóa hồ sơ, kết quả giải quyết thủ tục hành chính và đánh giá chất lượng giải quyết.",
     ["so-hoa-ho-so-ket-qua-giai-quyet-thu-tuc-hanh-chinh"]),
    ("nghi-dinh-45-2020-nd-cp", "nghi-dinh", "45/2020/NĐ-CP", "2020-04-08", "Chính phủ", "trung-uong",
     "Về thực hiện thủ tục hành chính trên môi trường điện tử",
     "Quy định việc thực hiện thủ tục hành chính trên môi trường điện tử, giá trị pháp lý của hồ sơ và kết quả "
     "điện tử.",
     ["nop-ho-so-truc-tuyen-toan-trinh-khong-can-den-tru-so"]),
    ("quyet-dinh-468-qd-ttg", "quyet-dinh", "468/QĐ-TTg", "2021-03-27", "Thủ tướng Chính phủ", "trung-uong",
     "Phê duyệt Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
     "Đặt mục tiêu tách bạch giữa tiếp nhận và giải quyết hồ sơ, số hóa hồ sơ và tăng tỷ lệ giải quyết trực tuyến.",
     []),
    ("quyet-dinh-06-qd-ttg", "quyet-dinh", "06/QĐ-TTg", "2022-01-06", "Thủ tướng Chính phủ", "trung-uong",
     "Phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số "
     "quốc gia giai đoạn 2022 – 2025, tầm nhìn đến năm 2030",
     "Đề án 06: khai thác Cơ sở dữ liệu quốc gia về dân cư để giảm giấy tờ trong thủ tục hành chính.",
     ["lien-thong-dang-ky-khai-sinh-thuong-tru-bao-hiem-y-te"]),
    ("ke-hoach-cai-cach-hanh-chinh-tinh-nam-2024", "ke-hoach", "25/KH-UBND", "2024-01-12", "UBND tỉnh Hải Dương",
     "tinh", "Cải cách hành chính nhà nước năm 2024 (văn bản mẫu)",
     f"Giao chỉ tiêu cải cách hành chính năm 2024 cho các sở, ngành và địa phương. {SAMPLE_NOTE}", []),
    ("ke-hoach-tuyen-truyen-cai-cach-hanh-chinh-nam-2022", "ke-hoach", "18/KH-UBND", "2022-02-15",
     "UBND thành phố Chí Linh", "thanh-pho",
     "Tuyên truyền cải cách hành chính năm 2022 (văn bản mẫu)",
     "Tuyên truyền bằng nhiều hình thức: tin bài trên cổng thông tin, chuyên mục phát thanh, mô hình điển hình, "
     f"mạng xã hội Zalo, Facebook; công khai Chỉ số CCHC và SIPAS. {SAMPLE_NOTE}",
     ["phong-trao-thi-dua-cai-cach-hanh-chinh-trong-truong-hoc"]),
    ("cong-van-day-manh-dich-vu-cong-truc-tuyen", "cong-van", "412/UBND-VP", "2024-03-05",
     "UBND thành phố Chí Linh", "thanh-pho",
     "Về việc đẩy mạnh tiếp nhận, giải quyết hồ sơ trực tuyến (văn bản mẫu)",
     f"Yêu cầu các phường, xã hướng dẫn người dân nộp hồ sơ trực tuyến và báo cáo kết quả hằng tháng. {SAMPLE_NOTE}",
     ["nop-ho-so-truc-tuyen-toan-trinh-khong-can-den-tru-so", "phuong-pha-lai-ho-tro-nguoi-dan-nop-ho-so-truc-tuyen"]),
    ("ke-hoach-cai-cach-hanh-chinh-phuong-sao-do-2024", "ke-hoach", "09/KH-UBND", "2024-01-20",
     "UBND phường Sao Đỏ", "phuong-xa", "Cải cách hành chính năm 2024 của phường Sao Đỏ (văn bản mẫu)",
     f"Cụ thể hóa kế hoạch của thành phố tại phường: niêm yết bằng mã QR, tổ công nghệ số cộng đồng. {SAMPLE_NOTE}",
     ["phuong-sao-do-ra-mat-to-cong-nghe-so-cong-dong"]),
]

# (slug, number, title, summary, transcript paragraphs, days ago, tone notes in Hz)
EPISODES = [
    ("so-1-dich-vu-cong-truc-tuyen-toan-trinh", 1,
     "Dịch vụ công trực tuyến toàn trình: nộp hồ sơ không cần đến trụ sở",
     "Chương trình giới thiệu cách nộp hồ sơ trực tuyến toàn trình và những lỗi thường gặp khi đính kèm giấy tờ.",
     [
         "Kính thưa quý thính giả, chào mừng quý vị đến với chuyên mục cải cách hành chính.",
         "Hiện nay, nhiều thủ tục hành chính đã được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình. Người "
         "dân chỉ cần đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử, khai thông tin, đính "
         "kèm ảnh chụp giấy tờ và theo dõi kết quả ngay trên điện thoại.",
         "Quý vị lưu ý chụp giấy tờ rõ nét, đủ các trang. Nếu cần hỗ trợ, hãy gọi đường dây nóng của Bộ phận một "
         "cửa hoặc đến điểm hỗ trợ tại trụ sở phường, xã.",
     ], 7, [523, 659, 784]),
    ("so-2-bo-phan-mot-cua-cap-xa", 2,
     "Bộ phận một cửa cấp xã: nơi người dân được phục vụ",
     "Những thay đổi tại Bộ phận một cửa các phường, xã: niêm yết bằng mã QR, số hóa hồ sơ, trả kết quả qua bưu "
     "chính.",
     [
         "Kính thưa quý thính giả, Bộ phận một cửa là nơi người dân đến nộp hồ sơ và nhận kết quả thủ tục hành chính.",
         "Tại nhiều phường, xã, thủ tục hành chính nay được niêm yết bằng mã QR, hồ sơ được số hóa ngay khi tiếp "
         "nhận và người dân có thể đăng ký nhận kết quả tại nhà qua bưu điện.",
     ], 37, [440, 554, 659]),
    ("so-3-danh-gia-su-hai-long-sipas", 3,
     "Đánh giá sự hài lòng: tiếng nói của người dân giúp cải thiện dịch vụ",
     "Vì sao ý kiến đánh giá của người dân tại quầy và trong phiếu khảo sát SIPAS lại quan trọng.",
     [
         "Kính thưa quý thính giả, mỗi năm, Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính "
         "nhà nước, gọi tắt là SIPAS, được khảo sát và công bố.",
         "Ý kiến của quý vị tại thiết bị đánh giá ở quầy một cửa hay trong phiếu khảo sát là căn cứ để cơ quan "
         "nhà nước biết mình cần cải thiện ở đâu. Xin quý vị dành ít phút đánh giá sau mỗi lần giao dịch.",
     ], 67, [392, 494, 587]),
]
