"""The Vietnamese language layer (search.vietnamese): pure functions, no Django or engine needed."""

import unicodedata

import pytest

from search.vietnamese import (
    MAX_VARIANTS,
    expand_synonyms,
    fold,
    has_diacritics,
    looks_like_procedure_code,
    matched_phrases,
    normalize,
    normalize_code,
    search_text,
    syllables,
)

PROCEDURE_NAMES = [
    "Đăng ký khai sinh",
    "Cấp Giấy chứng nhận quyền sử dụng đất",
    "Thủ tục hòa giải",
    "Cấp lại thẻ Căn cước",
    "Đăng ký kết hôn có yếu tố nước ngoài",
    "Khai báo tạm trú cho người nước ngoài tại Việt Nam bằng Phiếu khai báo tạm trú",
    "Thủ tục thực hiện hỗ trợ khám chữa bệnh, tiền ăn cho người khuyết tật",
    "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
]

SYNONYMS = [
    ["sổ đỏ", "giấy chứng nhận quyền sử dụng đất"],
    ["GPXD", "giấy phép xây dựng"],
    ["CCCD", "căn cước công dân", "căn cước"],
]


def nfd(text):
    return unicodedata.normalize("NFD", text)


# --- normalize: tone placement -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        # "new style" (mark on the second vowel of open oa/oe/uy) -> traditional placement
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("uỷ", "ủy"),
        ("tuỳ", "tùy"),
        ("hoá", "hóa"),
        ("toà", "tòa"),
        ("thoả", "thỏa"),
        ("xoá", "xóa"),
        ("huỷ", "hủy"),
        # already traditional: unchanged
        ("hòa", "hòa"),
        ("thủy", "thủy"),
        ("khỏe", "khỏe"),
        ("ủy", "ủy"),
        # qu / gi are consonant clusters: the mark stays on the following vowel
        ("quý", "quý"),
        ("qúy", "quý"),
        ("quả", "quả"),
        ("qủa", "quả"),
        ("giá", "giá"),
        ("gía", "giá"),
        ("giữ", "giữ"),
        ("gìn", "gìn"),
        ("gì", "gì"),
        # a vowel with its own mark (ơ ư â ê ô ă) always carries the tone
        ("thuở", "thuở"),
        ("thủơ", "thuở"),
        ("người", "người"),
        ("ngừơi", "người"),
        ("rựơu", "rượu"),
        ("quyết", "quyết"),
        ("qúyêt", "quyết"),
        ("khuyến", "khuyến"),
        ("khúyên", "khuyến"),
        ("nghiêng", "nghiêng"),
        ("hoặc", "hoặc"),
        ("thuế", "thuế"),
        # three vowels: the middle one
        ("ngòai", "ngoài"),
        ("xóay", "xoáy"),
        ("khuỷu", "khuỷu"),
        # a final consonant moves the mark to the last vowel, in every style
        ("hòang", "hoàng"),
        ("tóan", "toán"),
        ("thóat", "thoát"),
        ("huỳnh", "huỳnh"),
        # open two-vowel syllables keep the mark on the first vowel
        ("mía", "mía"),
        ("múa", "múa"),
        ("tài", "tài"),
        ("cháu", "cháu"),
    ],
)
def test_normalize_places_tone_traditionally(typed, canonical):
    assert normalize(typed) == canonical


def test_normalize_keeps_case_and_punctuation():
    assert normalize("Hoà") == "Hòa"
    assert normalize("HOÀ BÌNH") == "HÒA BÌNH"
    assert normalize("ỦY BAN") == "ỦY BAN"
    assert normalize("Uỷ ban nhân dân xã") == "Ủy ban nhân dân xã"
    assert normalize("uỷ ban") == normalize("ủy ban") == "ủy ban"
    assert normalize("(hoà giải), thuỷ-lợi; khoẻ!") == "(hòa giải), thủy-lợi; khỏe!"
    assert normalize("3152/QĐ-BTP") == "3152/QĐ-BTP"


def test_normalize_collapses_whitespace_and_drops_invisible_characters():
    assert normalize("  Đăng  ký\tkhai\n\nsinh ") == "Đăng ký khai sinh"
    assert normalize("Thỏa\u00a0thuận") == "Thỏa thuận"
    assert normalize("kết\u200b hôn\ufeff") == "kết hôn"
    assert normalize("") == ""
    assert normalize("   ") == ""


def test_normalize_decomposed_input():
    for name in PROCEDURE_NAMES:
        assert normalize(nfd(name)) == name
    assert normalize(nfd("Thủ tục hoà giải")) == "Thủ tục hòa giải"
    assert unicodedata.is_normalized("NFC", normalize(nfd("Nghiêng người")))


def test_normalize_legacy_combining_tone_forms():
    # Unikey/VNI "tổ hợp": precomposed base letter followed by a combining tone mark.
    assert normalize("Đăng k\u0079\u0301 khai sinh") == "Đăng ký khai sinh"
    assert normalize("ng\u01b0\u01a1\u0300i") == "người"
    assert normalize("quy\u00ea\u0301t") == "quyết"
    assert normalize("hoa\u0300") == "hòa"
    assert normalize("thuy\u0309") == "thủy"
    # Tone before the shape mark (both combining), which NFC alone leaves uncomposed.
    assert normalize("ke\u0301\u0302t ho\u0302n") == "kết hôn"
    # Deprecated tone code points U+0340/U+0341.
    assert normalize("kho\u0341m") == "khóm"
    # Icelandic eth from legacy font converters stands for Đ.
    assert normalize("\u00d0ăng ký") == "Đăng ký"


def test_normalize_leaves_non_syllables_alone():
    assert normalize("café") == "café"
    assert normalize("Müller") == "Müller"
    # Glued words (as scraped) carry two marks: only composition, no tone moved.
    assert normalize("LuậtLuật") == "LuậtLuật"
    assert normalize("https://dichvucong.gov.vn/p/home/dvc-tthc.html?ma=1.001193") == (
        "https://dichvucong.gov.vn/p/home/dvc-tthc.html?ma=1.001193"
    )


def test_normalize_is_idempotent_and_stable_on_official_names():
    for name in PROCEDURE_NAMES:
        assert normalize(name) == name
        assert normalize(normalize(name)) == name


# --- fold ----------------------------------------------------------------------------------------


def test_fold_procedure_names():
    assert fold("Đăng ký khai sinh") == "dang ki khai sinh"
    assert fold("Cấp Giấy chứng nhận quyền sử dụng đất") == "cap giay chung nhan quyen su dung dat"
    assert fold("Thủ tục hòa giải") == "thu tuc hoa giai"
    assert fold("Cấp lại thẻ Căn cước") == "cap lai the can cuoc"
    assert fold("Đăng ký kết hôn có yếu tố nước ngoài") == "dang ki ket hon co yeu to nuoc ngoai"


def test_fold_unifies_styles_case_and_encodings():
    expected = "thu tuc hoa giai"
    for typed in [
        "Thủ tục hòa giải",
        "Thủ tục hoà giải",
        "THỦ TỤC HOÀ GIẢI",
        nfd("Thủ tục hoà giải"),
        "thu tuc hoa giai",
        "  Thu   Tuc HOA giai ",
        "Thu\u0309 tu\u0323c hoa\u0300 gia\u0309i",
    ]:
        assert fold(typed) == expected
    assert fold("ĐĂNG KÝ") == fold("đăng ký") == fold("\u00d0ăng ký") == "dang ki"
    assert fold("uỷ ban") == fold("ủy ban") == "uy ban"
    assert fold("khoẻ") == fold("khỏe") == "khoe"


@pytest.mark.parametrize(
    ("a", "b", "folded"),
    [
        ("đăng ký", "đăng kí", "dang ki"),
        ("dang ky", "dang ki", "dang ki"),
        ("lý lịch", "lí lịch", "li lich"),
        ("Mỹ thuật", "mĩ thuật", "mi thuat"),
        ("quy định", "qui định", "qui dinh"),
        ("quý", "quí", "qui"),
        ("công ty", "công ti", "cong ti"),
        ("sỹ quan", "sĩ quan", "si quan"),
        ("kỹ thuật", "kĩ thuật", "ki thuat"),
        ("hy sinh", "hi sinh", "hi sinh"),
        ("ly hôn", "li hôn", "li hon"),
    ],
)
def test_fold_unifies_i_y_variants(a, b, folded):
    assert fold(a) == fold(b) == folded


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ủy ban", "uy ban"),
        ("thủy lợi", "thuy loi"),
        ("máy bay", "may bay"),
        ("ấy", "ay"),
        ("khuyến khích", "khuyen khich"),
        ("quyên góp", "quyen gop"),
        ("yên tâm", "yen tam"),
        ("Y tế", "y te"),
        ("y", "y"),
        ("yêu cầu", "yeu cau"),
        ("huỳnh", "huynh"),
        ("quýt", "quyt"),  # closed syllable: only open "consonant + y" is unified
        ("quyết định", "quyet dinh"),
    ],
)
def test_fold_keeps_other_y(text, folded):
    assert fold(text) == folded


def test_fold_keeps_codes_and_punctuation_readable():
    assert fold("1.001193") == "1.001193"
    assert fold("1.012753.H19") == "1.012753.h19"
    assert fold("1.000494.000.00.00.H29") == "1.000494.000.00.00.h29"
    assert fold("3152/QĐ-BTP") == "3152/qd-btp"
    assert fold("Nghị định 123/2015/NĐ-CP, Điều 7.") == "nghi dinh 123/2015/nd-cp, dieu 7."
    assert fold("“Trực tuyến” – 7 Ngày") == "“truc tuyen” – 7 ngay"


def test_fold_empty_and_ascii():
    assert fold("") == ""
    assert fold(" \u200b ") == ""
    assert fold("GPXD") == "gpxd"
    assert fold("CCCD gắn chip") == "cccd gan chip"


def test_fold_agrees_with_normalize():
    for name in PROCEDURE_NAMES + ["Thủ tục hoà giải", "Uỷ ban", nfd("Khoẻ mạnh")]:
        assert fold(normalize(name)) == fold(name)
        assert fold(nfd(name)) == fold(name)
        assert fold(name).isascii()


# --- search_text and syllables -------------------------------------------------------------------


def test_search_text_lowercases_keeps_diacritics():
    assert search_text("Thủ tục HOÀ giải") == "thủ tục hòa giải"
    assert search_text(nfd("Đăng Ký Kết Hôn")) == "đăng ký kết hôn"
    assert search_text("  Cấp lại thẻ  Căn cước ") == "cấp lại thẻ căn cước"
    assert search_text("đăng kí") == "đăng kí"  # the i/y merge belongs to fold() only


def test_syllables_split_like_the_standard_analyzer():
    assert syllables("Đăng ký kết hôn có yếu tố nước ngoài") == [
        "đăng", "ký", "kết", "hôn", "có", "yếu", "tố", "nước", "ngoài",
    ]  # fmt: skip
    assert syllables("Thủ tục hoà giải (cấp xã).") == ["thủ", "tục", "hòa", "giải", "cấp", "xã"]
    assert syllables("Quyết định 3152/QĐ-BTP") == ["quyết", "định", "3152", "qđ", "btp"]
    assert syllables(nfd("CĂN CƯỚC")) == ["căn", "cước"]


def test_syllables_keep_codes_and_numbers_whole():
    assert syllables("Mã 1.001193, cấp xã") == ["mã", "1.001193", "cấp", "xã"]
    assert syllables("1.000494.000.00.00.H29") == ["1.000494.000.00.00.h29"]
    assert syllables("1.012753.H19.") == ["1.012753.h19"]
    assert syllables("lệ phí 1,5 triệu") == ["lệ", "phí", "1,5", "triệu"]
    assert syllables("a, b") == ["a", "b"]
    assert syllables("") == []


# --- has_diacritics ------------------------------------------------------------------------------


def test_has_diacritics():
    assert has_diacritics("Đăng ký khai sinh")
    assert has_diacritics("dang ky khai sinh") is False
    assert has_diacritics("đ")
    assert has_diacritics("Đ")
    assert has_diacritics("ho\u0300a")  # combining mark
    assert has_diacritics(nfd("hòa"))
    assert has_diacritics("can cuoc ơ")
    assert has_diacritics("") is False
    assert has_diacritics("1.001193") is False
    assert has_diacritics("“CCCD” – 7 ngày") is True
    assert has_diacritics("“CCCD” – 7 ngay") is False


# --- procedure codes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1.001193", "1.001193"),
        ("2.000509", "2.000509"),
        ("1.012753.H19", "1.012753.H19"),
        ("1.012753.h19", "1.012753.H19"),
        ("1.000494.000.00.00.H29", "1.000494.000.00.00.H29"),
        ("1.000494.000.00.00.h29", "1.000494.000.00.00.H29"),
        (" 1. 001193 ", "1.001193"),
        ("1 .012753 . h19", "1.012753.H19"),
        ("2.000509;", "2.000509"),
        ("1.001193.", "1.001193"),
        ("(1.001193)", "1.001193"),
    ],
)
def test_procedure_codes(typed, code):
    assert looks_like_procedure_code(typed)
    assert normalize_code(typed) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hoà giải",
        "1.0011",
        "1.0011930",
        "12.001193",
        "1.001193.H1",
        "1.001193.000.00",
        "3152/QĐ-BTP",
        "1.001193 đăng ký",
        "2025",
    ],
)
def test_not_procedure_codes(text):
    assert looks_like_procedure_code(text) is False


# --- synonyms ------------------------------------------------------------------------------------


def test_synonyms_match_with_or_without_diacritics():
    assert expand_synonyms("so do", SYNONYMS) == ["so do", "giấy chứng nhận quyền sử dụng đất"]
    assert expand_synonyms("Sổ Đỏ", SYNONYMS) == ["Sổ Đỏ", "giấy chứng nhận quyền sử dụng đất"]
    assert expand_synonyms("cấp lại sổ đỏ bị mất", SYNONYMS) == [
        "cấp lại sổ đỏ bị mất",
        "cấp lại giấy chứng nhận quyền sử dụng đất bị mất",
    ]
    assert matched_phrases("SO DO", SYNONYMS) == ["sổ đỏ"]


def test_synonyms_work_in_both_directions():
    assert expand_synonyms("Cấp Giấy chứng nhận quyền sử dụng đất", SYNONYMS) == [
        "Cấp Giấy chứng nhận quyền sử dụng đất",
        "Cấp sổ đỏ",
    ]
    assert expand_synonyms("xin giay phep xay dung", SYNONYMS) == [
        "xin giay phep xay dung",
        "xin GPXD",
    ]
    assert expand_synonyms("gpxd nhà ở", SYNONYMS) == ["gpxd nhà ở", "giấy phép xây dựng nhà ở"]


def test_synonyms_only_at_syllable_boundaries():
    assert expand_synonyms("so don", SYNONYMS) == ["so don"]
    assert expand_synonyms("hồ sơ đơn", SYNONYMS) == ["hồ sơ đơn"]
    assert expand_synonyms("GPXDS", SYNONYMS) == ["GPXDS"]
    assert expand_synonyms("căn cước", SYNONYMS[:2]) == ["căn cước"]
    assert matched_phrases("so don", SYNONYMS) == []


def test_synonyms_prefer_the_longest_phrase():
    assert matched_phrases("Cấp lại thẻ căn cước công dân", SYNONYMS) == ["căn cước công dân"]
    assert expand_synonyms("Cấp lại thẻ căn cước công dân", SYNONYMS) == [
        "Cấp lại thẻ căn cước công dân",
        "Cấp lại thẻ CCCD",
        "Cấp lại thẻ căn cước",
    ]
    assert expand_synonyms("Cấp lại thẻ Căn cước", SYNONYMS) == [
        "Cấp lại thẻ Căn cước",
        "Cấp lại thẻ CCCD",
        "Cấp lại thẻ căn cước công dân",
    ]


def test_synonyms_several_groups_and_limit():
    query = "GPXD và sổ đỏ"
    assert matched_phrases(query, SYNONYMS) == ["GPXD", "sổ đỏ"]
    assert expand_synonyms(query, SYNONYMS) == [
        "GPXD và sổ đỏ",
        "giấy phép xây dựng và sổ đỏ",
        "GPXD và giấy chứng nhận quyền sử dụng đất",
    ]
    assert expand_synonyms(query, SYNONYMS, limit=2) == [
        "GPXD và sổ đỏ",
        "giấy phép xây dựng và sổ đỏ",
    ]
    many = [["a b", *[f"phrase {n}" for n in range(20)]]]
    assert len(expand_synonyms("a b c", many)) == MAX_VARIANTS


def test_synonyms_deduplicate_and_normalize_the_query():
    groups = [["thủ tục hòa giải", "thủ tục hoà giải", "hòa giải cơ sở"]]
    assert expand_synonyms("  Thủ tục  hoà giải ", groups) == [
        "Thủ tục hòa giải",
        "hòa giải cơ sở",
    ]
    assert expand_synonyms("đăng kí", [["đăng ký", "ĐK"]]) == ["đăng kí", "ĐK"]
    assert expand_synonyms("", SYNONYMS) == [""]
    assert expand_synonyms("cccd", [[], ["", "CCCD", "căn cước"]]) == ["cccd", "căn cước"]
