"""Text of the demo's departments and themes: department news, theme pages and their articles, and who each
demo article is written for. Roles only, never invented names; figures are samples.

Dates: an article's date is days before today. Text may say {nam}, {nam_truoc}, {quy} and {nua_nam};
news.demo_content.published_articles fills them from the article's own date (period_words), so a text
never names a year or quarter its date contradicts.
"""

# Theme pages: (slug, parent: "city" or a department slug, title, topic slug, lead, body [(kind, text)])
THEME_PAGES = [
    (
        "pho-bien-giao-duc-phap-luat",
        "phong-tu-phap",
        "Phổ biến, giáo dục pháp luật",
        "pho-bien-giao-duc-phap-luat",
        "Văn bản pháp luật mới, hỏi – đáp pháp luật và hoạt động hòa giải ở cơ sở do Phòng Tư pháp, thường trực "
        "Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố, cập nhật.",
        [
            ("heading", "Hội đồng phối hợp phổ biến, giáo dục pháp luật"),
            (
                "paragraph",
                "Hội đồng giúp UBND thành phố phối hợp các phòng, ban, đoàn thể và UBND các phường, xã đưa pháp "
                "luật đến với người dân, doanh nghiệp. Phòng Tư pháp là cơ quan thường trực của Hội đồng.",
            ),
            ("heading", "Hỏi pháp luật ở đâu?"),
            (
                "paragraph",
                "Người dân, doanh nghiệp gửi câu hỏi qua mục phản ánh, kiến nghị của Cổng thông tin hoặc gọi điện "
                "thoại của Phòng Tư pháp. Câu trả lời có ích cho nhiều người được đăng công khai trong chuyên đề "
                "này.",
            ),
            ("heading", "Hòa giải ở cơ sở"),
            (
                "paragraph",
                "Mỗi khu dân cư có tổ hòa giải giúp các bên tự giải quyết mâu thuẫn nhỏ theo pháp luật, không "
                "mất phí. Liên hệ trưởng khu dân cư hoặc công chức tư pháp - hộ tịch của phường, xã.",
            ),
        ],
    ),
    (
        "iso-9001",
        "phong-kinh-te",
        "Hệ thống quản lý chất lượng ISO 9001",
        "iso-9001",
        "Các cơ quan chuyên môn và UBND các phường, xã giải quyết thủ tục hành chính theo quy trình của Hệ thống "
        "quản lý chất lượng theo tiêu chuẩn quốc gia TCVN ISO 9001:2015; Phòng Kinh tế hướng dẫn và kiểm tra.",
        [
            ("quote", "Công khai, minh bạch, đúng hẹn; lấy sự hài lòng của người dân, doanh nghiệp làm thước đo."),
            ("heading", "Phạm vi áp dụng"),
            (
                "paragraph",
                "Toàn bộ thủ tục hành chính thuộc thẩm quyền giải quyết của UBND thành phố và UBND các phường, "
                "xã. Mỗi thủ tục có quy trình nội bộ ghi rõ bước, người thực hiện và thời gian.",
            ),
            ("heading", "Người dân được lợi gì?"),
            (
                "paragraph",
                "Hồ sơ đi theo một quy trình đã công bố, ai xử lý bước nào đều được ghi lại; khi hồ sơ chậm, "
                "biết ngay chậm ở khâu nào. Quy trình được cập nhật mỗi khi thủ tục được sửa đổi, bổ sung.",
            ),
            ("heading", "Đánh giá và cải tiến"),
            (
                "paragraph",
                "Hằng năm mỗi đơn vị đánh giá nội bộ, xem xét của lãnh đạo và khắc phục điểm chưa phù hợp; kết "
                "quả được báo cáo UBND thành phố và đăng trong chuyên đề này.",
            ),
        ],
    ),
    (
        "phong-chong-tham-nhung",
        "city",
        "Phòng, chống tham nhũng, tiêu cực",
        "phong-chong-tham-nhung",
        "Công khai, minh bạch trong hoạt động công vụ, kê khai tài sản, thu nhập và nơi người dân, doanh nghiệp "
        "phản ánh hành vi nhũng nhiễu, tiêu cực của cán bộ, công chức.",
        [
            ("heading", "Phản ánh hành vi nhũng nhiễu ở đâu?"),
            (
                "paragraph",
                "Gọi đường dây nóng của UBND thành phố hoặc gửi phản ánh, kiến nghị trên Cổng thông tin. Người "
                "phản ánh được giữ bí mật thông tin cá nhân và được trả lời trong thời hạn quy định.",
            ),
            ("heading", "Công khai, minh bạch"),
            (
                "paragraph",
                "Thủ tục hành chính, phí, lệ phí, thời hạn giải quyết và kết quả giải quyết hồ sơ hằng tháng "
                "được công khai trên Cổng thông tin; bản kê khai tài sản, thu nhập được công khai tại cơ quan.",
            ),
        ],
    ),
    (
        "mat-tran-to-quoc-va-cac-doan-the",
        "city",
        "Mặt trận Tổ quốc và các đoàn thể",
        "mat-tran-to-quoc-doan-the",
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố và các đoàn thể tham gia giám sát, phản biện và tuyên truyền "
        "cải cách hành chính đến từng hội viên, đoàn viên, khu dân cư.",
        [
            ("heading", "Giám sát và phản biện"),
            (
                "paragraph",
                "Mặt trận giám sát việc giải quyết thủ tục hành chính, tiếp nhận ý kiến của nhân dân về thái độ "
                "phục vụ của cán bộ, công chức và kiến nghị cơ quan có thẩm quyền xử lý.",
            ),
            ("heading", "Các đoàn thể cùng tham gia"),
            (
                "paragraph",
                "Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Hội Nông dân, Hội Cựu chiến binh và Liên đoàn Lao động "
                "hướng dẫn hội viên, đoàn viên dùng dịch vụ công trực tuyến và phản ánh những vướng mắc gặp phải.",
            ),
        ],
    ),
    (
        "bieu-duong-phe-phan",
        "city",
        "Biểu dương, phê phán",
        "bieu-duong-phe-phan",
        "Kịp thời biểu dương tập thể, cá nhân làm tốt cải cách hành chính và phê phán những việc làm chưa tốt, "
        "để người dân, doanh nghiệp cùng theo dõi.",
        [
            ("heading", "Căn cứ biểu dương, phê phán"),
            (
                "paragraph",
                "Kết quả giải quyết hồ sơ đúng hạn, ý kiến đánh giá của người dân tại Bộ phận một cửa, kết quả "
                "kiểm tra công vụ và phản ánh, kiến nghị đã được xác minh.",
            ),
            (
                "paragraph",
                "Phê phán nêu tên đơn vị và việc làm chưa tốt, không nêu thông tin cá nhân của người dân liên "
                "quan; đơn vị bị phê phán báo cáo kết quả khắc phục.",
            ),
        ],
    ),
]

# (slug, title, topic slugs, lead, paragraphs, featured, unit, image, days ago); unit: "city", a ward's or a
# department's slug.
THEME_ARTICLES = [
    (
        "tap-huan-viet-tin-bai-tuyen-truyen-cai-cach-hanh-chinh",
        "Tập huấn viết tin, bài tuyên truyền cải cách hành chính cho cán bộ phường, xã",
        ["chi-dao-dieu-hanh"],
        "Phòng Văn hóa - Thông tin tập huấn cho cán bộ phụ trách truyền thanh và trang thông tin của các phường, "
        "xã cách viết tin, bài cải cách hành chính ngắn gọn, dễ hiểu.",
        [
            "Học viên thực hành viết tin về thủ tục mới công bố, chọn ảnh có mô tả cho người khiếm thị và đăng tin "
            "lên trang của phường, xã trên Cổng thông tin.",
            "Phòng đề nghị mỗi phường, xã đăng ít nhất hai tin cải cách hành chính mỗi tháng.",
        ],
        False, "phong-van-hoa-thong-tin", 3, 6,
    ),
    (
        "thong-tin-cai-cach-hanh-chinh-qua-zalo-oa",
        "Thông tin cải cách hành chính đến với người dân qua Zalo OA của thành phố",
        ["chinh-quyen-dien-tu-chinh-quyen-so"],
        "Người dân quan tâm Zalo OA của UBND thành phố nhận tin về thủ tục mới, lịch tiếp nhận hồ sơ và hướng "
        "dẫn nộp hồ sơ trực tuyến.",
        [
            "Mỗi tin trên Zalo OA dẫn về trang thủ tục hoặc bài viết trên Cổng thông tin, nơi nội dung luôn được "
            "cập nhật.",
            "Người dân cũng có thể gửi câu hỏi qua Zalo OA; câu hỏi được chuyển đến phòng, ban phụ trách trả lời.",
        ],
        False, "phong-van-hoa-thong-tin", 1, 26,
    ),
    (
        "tuyen-truyen-phap-luat-ve-dat-dai-tai-khu-dan-cu",
        "Tuyên truyền pháp luật về đất đai tại các khu dân cư",
        ["pho-bien-giao-duc-phap-luat"],
        "Phòng Tư pháp phối hợp UBND các phường, xã tổ chức tuyên truyền những quy định về đất đai người dân "
        "thường hỏi: cấp giấy chứng nhận lần đầu, tách thửa, thừa kế.",
        [
            "Tại mỗi buổi, công chức tư pháp và địa chính giải đáp trực tiếp câu hỏi của người dân; tài liệu hỏi – "
            "đáp được phát miễn phí.",
            "Những câu hỏi nhiều người quan tâm được tổng hợp và trả lời trong chuyên đề phổ biến, giáo dục pháp "
            "luật trên Cổng thông tin.",
        ],
        False, "phong-tu-phap", 3, 5,
    ),
    (
        "gioi-thieu-quy-dinh-ve-dang-ky-ho-kinh-doanh",
        "Giới thiệu quy định về đăng ký hộ kinh doanh cho các hộ kinh doanh trên địa bàn",
        ["pho-bien-giao-duc-phap-luat", "cai-cach-thu-tuc-hanh-chinh"],
        "Hội nghị giới thiệu quy định về đăng ký hộ kinh doanh, thay đổi nội dung đăng ký và nộp hồ sơ trực "
        "tuyến, dành cho các hộ kinh doanh và doanh nghiệp nhỏ.",
        [
            "Phòng Tư pháp và Phòng Kinh tế hướng dẫn thành phần hồ sơ, thời hạn giải quyết và những lỗi thường "
            "gặp khiến hồ sơ phải bổ sung.",
            "Các câu hỏi chưa trả lời tại hội nghị được trả lời bằng văn bản và đăng công khai.",
        ],
        False, "phong-tu-phap", None, 18,
    ),
    (
        "boi-duong-ky-nang-cho-hoa-giai-vien-o-co-so",
        "Bồi dưỡng kỹ năng cho hòa giải viên ở cơ sở",
        ["pho-bien-giao-duc-phap-luat"],
        "Hòa giải viên của các tổ hòa giải ở khu dân cư được bồi dưỡng kỹ năng lắng nghe, thuyết phục và kiến "
        "thức pháp luật về hôn nhân, gia đình, đất đai.",
        [
            "Học viên thực hành trên các tình huống hòa giải thường gặp ở khu dân cư.",
            "Phòng Tư pháp cung cấp tài liệu để hòa giải viên tra cứu khi cần.",
        ],
        False, "phong-tu-phap", None, 40,
    ),
    (
        "danh-gia-noi-bo-he-thong-quan-ly-chat-luong-iso-9001",
        "Đánh giá nội bộ Hệ thống quản lý chất lượng ISO 9001 năm {nam}",
        ["iso-9001"],
        "Đoàn đánh giá nội bộ kiểm tra việc áp dụng quy trình ISO trong giải quyết thủ tục hành chính tại các "
        "phòng chuyên môn và một số phường, xã.",
        [
            "Đoàn đối chiếu hồ sơ thực tế với quy trình đã công bố: thời gian từng bước, người xử lý, phiếu theo "
            "dõi quá trình giải quyết hồ sơ.",
            "Các điểm chưa phù hợp được ghi nhận để đơn vị khắc phục; Phòng Kinh tế tổng hợp báo cáo UBND thành "
            "phố.",
        ],
        False, "phong-kinh-te", 2, 14,
    ),
    (
        "cap-nhat-quy-trinh-iso-theo-thu-tuc-moi-cong-bo",
        "Cập nhật quy trình ISO theo các thủ tục hành chính mới công bố",
        ["iso-9001", "cai-cach-thu-tuc-hanh-chinh"],
        "Khi tỉnh công bố thủ tục hành chính mới, sửa đổi hoặc bãi bỏ, các đơn vị phải cập nhật quy trình nội bộ "
        "trong Hệ thống quản lý chất lượng.",
        [
            "Phòng Kinh tế hướng dẫn các đơn vị rà soát danh mục quy trình với danh mục thủ tục hành chính trên "
            "Cổng thông tin, bảo đảm không còn quy trình của thủ tục đã bị bãi bỏ.",
        ],
        False, "phong-kinh-te", None, 48,
    ),
    (
        "huong-dan-doanh-nghiep-thu-tuc-linh-vuc-cong-thuong",
        "Hướng dẫn doanh nghiệp, hộ kinh doanh thủ tục trong lĩnh vực công thương",
        ["cai-cach-thu-tuc-hanh-chinh"],
        "Phòng Kinh tế hướng dẫn doanh nghiệp, hộ kinh doanh các thủ tục thường gặp trong lĩnh vực công thương và "
        "cách nộp hồ sơ trực tuyến.",
        [
            "Doanh nghiệp có thể hẹn lịch làm việc với Phòng Kinh tế qua điện thoại để được hướng dẫn trước khi "
            "nộp hồ sơ.",
        ],
        False, "phong-kinh-te", None, 33,
    ),
    (
        "huong-dan-tu-danh-gia-chi-so-cai-cach-hanh-chinh",
        "Hướng dẫn các phường, xã tự đánh giá Chỉ số cải cách hành chính năm {nam}",
        ["chi-so-par-index-sipas", "chi-dao-dieu-hanh"],
        "Phòng Nội vụ hướng dẫn UBND các phường, xã tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {nam} "
        "kèm tài liệu kiểm chứng.",
        [
            "Mỗi tiêu chí phải có tài liệu kiểm chứng; tiêu chí không có tài liệu sẽ không được tính điểm.",
            "Kết quả thẩm định được công bố trên trang chỉ số cải cách hành chính của thành phố và của từng "
            "phường, xã.",
        ],
        False, "phong-noi-vu", 2, 19,
    ),
    (
        "cong-khai-ban-ke-khai-tai-san-thu-nhap",
        "Công khai bản kê khai tài sản, thu nhập năm {nam_truoc}",
        ["phong-chong-tham-nhung"],
        "Các cơ quan, đơn vị của thành phố công khai bản kê khai tài sản, thu nhập năm {nam_truoc} của người có "
        "nghĩa vụ kê khai theo quy định.",
        [
            "Bản kê khai được niêm yết tại trụ sở cơ quan hoặc công bố tại cuộc họp; việc công khai được báo cáo "
            "về Thanh tra thành phố.",
        ],
        False, "city", None, 44,
    ),
    (
        "phan-anh-hanh-vi-nhung-nhieu-qua-duong-day-nong",
        "Người dân, doanh nghiệp phản ánh hành vi nhũng nhiễu qua đường dây nóng",
        ["phong-chong-tham-nhung", "co-che-mot-cua"],
        "Mọi phản ánh về việc cán bộ, công chức gây khó khăn, đòi hỏi thêm giấy tờ ngoài quy định đều được tiếp "
        "nhận qua đường dây nóng và mục phản ánh, kiến nghị của Cổng thông tin.",
        [
            "Phản ánh được chuyển đến thủ trưởng đơn vị quản lý người bị phản ánh để xác minh, xử lý và trả lời "
            "người phản ánh.",
            "Thông tin cá nhân của người phản ánh được giữ bí mật.",
        ],
        False, "city", None, 11,
    ),
    (
        "mat-tran-giam-sat-giai-quyet-thu-tuc-hanh-chinh",
        "Ủy ban MTTQ thành phố giám sát việc giải quyết thủ tục hành chính tại Bộ phận một cửa",
        ["mat-tran-to-quoc-doan-the", "co-che-mot-cua"],
        "Đoàn giám sát của Ủy ban Mặt trận Tổ quốc Việt Nam thành phố làm việc tại Bộ phận một cửa thành phố và "
        "một số phường, xã về việc giải quyết thủ tục hành chính.",
        [
            "Đoàn ghi nhận việc niêm yết thủ tục đầy đủ, hồ sơ quá hạn có văn bản xin lỗi người dân; đồng thời kiến "
            "nghị bố trí thêm chỗ ngồi chờ và người hướng dẫn vào giờ cao điểm.",
            "UBND thành phố giao các đơn vị tiếp thu kiến nghị và báo cáo kết quả thực hiện.",
        ],
        False, "city", 3, 8,
    ),
    (
        "hoi-phu-nu-phuong-sao-do-huong-dan-hoi-vien-nop-ho-so-truc-tuyen",
        "Hội Liên hiệp Phụ nữ phường Sao Đỏ hướng dẫn hội viên nộp hồ sơ trực tuyến",
        ["mat-tran-to-quoc-doan-the", "chinh-quyen-dien-tu-chinh-quyen-so"],
        "Tại các buổi sinh hoạt chi hội, hội viên được hướng dẫn kích hoạt tài khoản định danh điện tử và nộp hồ "
        "sơ đăng ký khai sinh trực tuyến.",
        [
            "Mỗi chi hội cử một hội viên thành thạo điện thoại thông minh làm đầu mối hướng dẫn các hội viên khác.",
        ],
        False, "phuong-sao-do", 1, 16,
    ),
    (
        "doan-vien-thanh-nien-tinh-nguyen-ho-tro-tai-bo-phan-mot-cua",
        "Đoàn viên thanh niên tình nguyện hỗ trợ người dân tại Bộ phận một cửa",
        ["mat-tran-to-quoc-doan-the", "co-che-mot-cua"],
        "Đoàn Thanh niên thành phố bố trí đoàn viên tình nguyện hướng dẫn người dân lấy số thứ tự, khai tờ khai "
        "và nộp hồ sơ trực tuyến tại Bộ phận một cửa.",
        [
            "Đoàn viên được công chức Bộ phận một cửa tập huấn trước khi hỗ trợ, không thay người dân ký hay nộp "
            "giấy tờ.",
        ],
        False, "city", None, 52,
    ),
    (
        "bieu-duong-tap-the-ca-nhan-tieu-bieu-trong-cai-cach-hanh-chinh",
        "Biểu dương tập thể, cá nhân tiêu biểu trong cải cách hành chính quý {quy}",
        ["bieu-duong-phe-phan", "mo-hinh-dien-hinh"],
        "UBND thành phố biểu dương các Bộ phận một cửa và công chức có kết quả giải quyết hồ sơ đúng hạn cao, "
        "được người dân đánh giá hài lòng trong quý {quy}.",
        [
            "Căn cứ biểu dương là số liệu giải quyết hồ sơ trên hệ thống và kết quả đánh giá của người dân tại "
            "quầy.",
            "Các đơn vị được biểu dương chia sẻ cách làm tại hội nghị giao ban cải cách hành chính.",
        ],
        False, "city", 3, 7,
    ),
    (
        "phe-binh-don-vi-de-ho-so-qua-han-khong-xin-loi",
        "Phê bình đơn vị để hồ sơ quá hạn mà không gửi văn bản xin lỗi người dân",
        ["bieu-duong-phe-phan", "co-che-mot-cua"],
        "Qua kiểm tra quý {quy}, UBND thành phố phê bình các đơn vị để hồ sơ quá hạn nhưng không gửi văn bản "
        "xin lỗi và hẹn lại ngày trả kết quả cho người dân.",
        [
            "Các đơn vị bị phê bình phải rà soát toàn bộ hồ sơ quá hạn, gửi văn bản xin lỗi và báo cáo kết quả khắc "
            "phục trong 15 ngày.",
            "Người dân có hồ sơ quá hạn mà chưa nhận văn bản xin lỗi có thể phản ánh qua đường dây nóng.",
        ],
        False, "city", None, 24,
    ),
]

# Who each demo article is written for (news.models.audiences): officials, businesses, citizens.
OFFICIALS, BUSINESSES, CITIZENS = "can-bo-cong-chuc", "doanh-nghiep", "nguoi-dan"
ARTICLE_AUDIENCES = {
    "chi-linh-trien-khai-ke-hoach-cai-cach-hanh-chinh": (OFFICIALS,),
    "tren-98-ho-so-duoc-giai-quyet-dung-han": (CITIZENS, BUSINESSES),
    "nop-ho-so-truc-tuyen-toan-trinh-khong-can-den-tru-so": (CITIZENS, BUSINESSES),
    "mo-hinh-tra-ket-qua-tai-nha-qua-buu-dien": (CITIZENS,),
    "hoi-nghi-tap-huan-nghiep-vu-mot-cua-cho-cong-chuc-cap-xa": (OFFICIALS,),
    "ket-qua-chi-so-cai-cach-hanh-chinh": (OFFICIALS, CITIZENS),
    "khao-sat-muc-do-hai-long-sipas-tai-bo-phan-mot-cua": (CITIZENS, BUSINESSES),
    "ra-soat-van-ban-quy-pham-phap-luat": (OFFICIALS, BUSINESSES),
    "sap-xep-to-chuc-bo-may-cac-phong-chuyen-mon": (OFFICIALS, CITIZENS),
    "danh-gia-xep-loai-cong-chuc-gan-voi-ket-qua-giai-quyet-ho-so": (OFFICIALS,),
    "cong-khai-tai-chinh-ngan-sach": (CITIZENS, OFFICIALS),
    "trung-tam-giam-sat-dieu-hanh-do-thi-thong-minh-tiep-nhan-phan-anh": (CITIZENS,),
    "hoi-dap-khai-sinh-truc-tuyen-can-giay-to-gi": (CITIZENS,),
    "hoi-dap-ho-so-qua-han-thi-nguoi-dan-lam-gi": (CITIZENS, BUSINESSES),
    "so-hoa-ho-so-ket-qua-giai-quyet-thu-tuc-hanh-chinh": (OFFICIALS, CITIZENS),
    "phong-trao-thi-dua-cai-cach-hanh-chinh-trong-truong-hoc": (CITIZENS,),
    "thanh-toan-phi-le-phi-truc-tuyen": (CITIZENS, BUSINESSES),
    "kiem-tra-cong-vu-cai-cach-hanh-chinh-6-thang": (OFFICIALS,),
    "lien-thong-dang-ky-khai-sinh-thuong-tru-bao-hiem-y-te": (CITIZENS,),
    "bo-phan-mot-cua-thanh-pho-keo-dai-gio-tiep-nhan": (CITIZENS, BUSINESSES),
    "hoi-dap-tra-cuu-tinh-trang-ho-so": (CITIZENS, BUSINESSES),
    "hoi-nghi-doi-thoai-doanh-nghiep-ve-thu-tuc-hanh-chinh": (BUSINESSES,),
    "phuong-sao-do-ra-mat-to-cong-nghe-so-cong-dong": (CITIZENS,),
    "phuong-sao-do-niem-yet-thu-tuc-hanh-chinh-bang-ma-qr": (CITIZENS,),
    "phuong-sao-do-ket-qua-giai-quyet-ho-so-6-thang": (CITIZENS, OFFICIALS),
    "phuong-pha-lai-ho-tro-nguoi-dan-nop-ho-so-truc-tuyen": (CITIZENS,),
    "phuong-pha-lai-doi-thoai-nguoi-dan-ve-dat-dai": (CITIZENS,),
    "xa-le-loi-tuyen-truyen-cai-cach-hanh-chinh-qua-loa-truyen-thanh": (CITIZENS,),
    "xa-le-loi-so-hoa-so-ho-tich": (CITIZENS, OFFICIALS),
    "tap-huan-viet-tin-bai-tuyen-truyen-cai-cach-hanh-chinh": (OFFICIALS,),
    "thong-tin-cai-cach-hanh-chinh-qua-zalo-oa": (CITIZENS,),
    "tuyen-truyen-phap-luat-ve-dat-dai-tai-khu-dan-cu": (CITIZENS,),
    "gioi-thieu-quy-dinh-ve-dang-ky-ho-kinh-doanh": (BUSINESSES,),
    "boi-duong-ky-nang-cho-hoa-giai-vien-o-co-so": (OFFICIALS, CITIZENS),
    "danh-gia-noi-bo-he-thong-quan-ly-chat-luong-iso-9001": (OFFICIALS,),
    "cap-nhat-quy-trinh-iso-theo-thu-tuc-moi-cong-bo": (OFFICIALS,),
    "huong-dan-doanh-nghiep-thu-tuc-linh-vuc-cong-thuong": (BUSINESSES,),
    "huong-dan-tu-danh-gia-chi-so-cai-cach-hanh-chinh": (OFFICIALS,),
    "cong-khai-ban-ke-khai-tai-san-thu-nhap": (OFFICIALS,),
    "phan-anh-hanh-vi-nhung-nhieu-qua-duong-day-nong": (CITIZENS, BUSINESSES),
    "mat-tran-giam-sat-giai-quyet-thu-tuc-hanh-chinh": (CITIZENS, OFFICIALS),
    "hoi-phu-nu-phuong-sao-do-huong-dan-hoi-vien-nop-ho-so-truc-tuyen": (CITIZENS,),
    "doan-vien-thanh-nien-tinh-nguyen-ho-tro-tai-bo-phan-mot-cua": (CITIZENS,),
    "bieu-duong-tap-the-ca-nhan-tieu-bieu-trong-cai-cach-hanh-chinh": (OFFICIALS,),
    "phe-binh-don-vi-de-ho-so-qua-han-khong-xin-loi": (OFFICIALS, CITIZENS),
}
