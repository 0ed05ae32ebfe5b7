"""The search's own language work, engine-free: query analysis, highlight mapping, spelling, reranking."""

from search import analysis, highlight, rerank, spelling
from search.synonyms import merge_groups

GROUPS = [
    ["sổ đỏ", "sổ hồng", "giấy chứng nhận quyền sử dụng đất"],
    ["khai sinh", "giấy khai sinh"],
    ["GPLX", "giấy phép lái xe", "bằng lái xe"],
]


def contents(plan):
    return [" ".join(v.content) for v in plan.variants]


def test_fillers_leave_the_subject():
    plan = analysis.analyze("Thủ tục đăng ký kết hôn ở đâu", GROUPS)
    assert plan.variants[0].content == ["dang", "ki", "ket", "hon"]
    # Typed with marks, "lâm" is not the verb "làm": it stays.
    assert analysis.analyze("lâm nghiệp").variants[0].content == ["lam", "nghiep"]
    assert analysis.analyze("lam nghiep").variants[0].content == ["nghiep"]
    # Nothing but fillers: they are the query.
    assert analysis.analyze("thủ tục").variants[0].content == ["thu", "tuc"]


def test_request_verbs_map_to_the_catalogue_verbs():
    found = contents(analysis.analyze("xin giay phep xay dung", GROUPS))
    assert "cap giay phep xay dung" in found
    found = contents(analysis.analyze("lam lai bang lai xe", GROUPS))
    # Verb mapping and a synonym combined (two levels of expansion).
    assert "cap lai giay phep lai xe" in found


def test_synonyms_expand_and_groups_merge():
    found = contents(analysis.analyze("lam so do", GROUPS))
    assert "giay chung nhan quyen su dung dat" in found
    merged = merge_groups([["sổ đỏ", "giấy chứng nhận"], ["Sổ Đỏ", "sổ hồng"], ["CCCD", "căn cước"]])
    assert merged == [["sổ đỏ", "giấy chứng nhận", "sổ hồng"], ["CCCD", "căn cước"]]


def test_codes_are_recognised_inside_and_alone():
    plan = analysis.analyze("1. 014064")
    assert plan.code == "1.014064" and plan.code_only
    plan = analysis.analyze("thu tuc 1.012753.h19 cap so")
    assert plan.code == "1.012753.H19" and not plan.code_only
    assert analysis.analyze("1.0011").code == ""


def test_corrections_become_variants():
    plan = analysis.analyze("dang ky khia sinh", GROUPS, corrections=["đăng ký khai sinh"])
    kinds = {v.kind: " ".join(v.content) for v in plan.variants}
    assert kinds["correction"] == "dang ki khai sinh"
    assert plan.variants[0].kind == "original"


def test_highlight_terms_escapes_and_marks_original_words():
    text = "Hồ sơ gồm <Tờ khai> đăng ký kết hôn & giấy tờ tùy thân."
    html = highlight.highlight_terms(text, {"ket", "hon"})
    assert "<mark>kết</mark> <mark>hôn</mark>" in html
    assert "&lt;Tờ khai&gt;" in html and "&amp;" in html
    assert highlight.highlight_terms(text, {"xyz"}) == ""


def test_highlight_finds_every_written_form_at_its_place():
    text = "ĐĂNG KÝ  khai sinh\n(đăng kí lại) dang ky; ký hiệu Kỳ, đang ký 1.001193 hộ,khai "
    marks = highlight.term_marks(text, {"dang", "ki", "khai", "1.001193"})
    assert [text[a:b] for a, b in marks] == [
        "ĐĂNG", "KÝ", "khai", "đăng", "kí", "dang", "ky", "ký", "Kỳ", "đang", "ký", "1.001193", "khai",
    ]  # fmt: skip
    assert highlight.term_marks("khaing khai.sinh ky", {"khai", "ki"}) == [(17, 19)]
    # Decomposed marks (NFD) and invisible characters: found word by word instead.
    decomposed = "đa\u0306ng ky\u0301 kha\u200bi sinh"
    assert [decomposed[a:b] for a, b in highlight.term_marks(decomposed, {"dang", "ki", "khai"})] == [
        "đa\u0306ng", "ky\u0301", "kha\u200bi",
    ]  # fmt: skip


def test_typo_matching_only_when_a_word_is_unknown():
    vocabulary = spelling.Vocabulary(["Đăng ký khai sinh", "Đăng ký kết hôn"])
    assert not analysis.analyze("dang ky khai sinh", known=vocabulary).variants[0].fuzzy
    assert analysis.analyze("dang ky khai sinhh", known=vocabulary).variants[0].fuzzy
    assert not analysis.analyze("dang ky ket hun", known=vocabulary).variants[0].fuzzy  # 3 letters: no edits
    assert analysis.analyze("dang ky khai sinh").variants[0].fuzzy  # no vocabulary: always


def test_snippet_is_cut_around_the_densest_matches():
    text = (
        ("Bước 1: chuẩn bị hồ sơ theo quy định. " * 20)
        + "Người yêu cầu đăng ký khai sinh nộp tờ khai. "
        + ("Bước 3: nhận kết quả. " * 20)
    )
    html = highlight.highlight_terms(text, {"khai", "sinh"})
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>khai</mark> <mark>sinh</mark>" in html
    assert len(html) < highlight.SNIPPET_CHARS + 120


def test_spelling_uses_neighbours_and_titles_diacritics():
    vocabulary = spelling.Vocabulary(
        [
            "Đăng ký kết hôn",
            "Đăng ký khai sinh",
            "Đăng ký thường trú",
            "Cấp giấy phép xây dựng",
            "Xác lập quyền sở hữu toàn dân",
            "Sở hữu nhà ở",
            "Khai thác nước dưới đất",
        ]
    )
    assert vocabulary.suggest("dang ki ket hun") == "đăng ký kết hôn"  # "hôn" after "kết", not "hữu"
    assert vocabulary.suggest("dang ky khia sinh") == "đăng ký khai sinh"
    assert vocabulary.suggest("giay phep xay dugn") == "giấy phép xây dựng"
    assert vocabulary.suggest("dang ky ket hon") == ""  # nothing to correct
    # Words our titles do not use are left alone unless a correction fits their neighbours.
    assert vocabulary.suggest("khai sinh ban nhap chua duyet") == ""
    # Request verbs and fillers are understood, not typos: "lam" is "làm", never "lại".
    vocabulary = spelling.Vocabulary(["Cấp lại giấy khai sinh", "Đăng ký khai sinh", "Cấp lại giấy phép"])
    assert vocabulary.suggest("lam giay khai sinh") == ""
    assert vocabulary.suggest("xin giay khai sinh") == ""
    assert vocabulary.suggest("lam giay khia sinh") == "lam giấy khai sinh"


def test_rerank_prefers_titles_the_request_explains():
    plan = analysis.analyze("lam giay khai sinh", GROUPS)
    candidates = [
        {"score": 10.0, "title": "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh", "code": "2.000635"},
        {"score": 8.0, "title": "Đăng ký khai sinh", "code": "1.001193"},
    ]
    assert [c["code"] for c in rerank.rerank(plan, candidates)] == ["1.001193", "2.000635"]


def test_rerank_keeps_an_exact_code_first():
    plan = analysis.analyze("1.014064 cap lai can cuoc")
    candidates = [
        {"score": 50.0, "title": "Cấp lại thẻ căn cước", "code": "2.001194"},
        {"score": 40.0, "title": "Cấp lại thẻ căn cước (thực hiện tại cấp xã)", "code": "1.014064"},
    ]
    assert rerank.rerank(plan, candidates)[0]["code"] == "1.014064"


def test_snippets_are_cut_from_the_start_of_long_texts():
    text = ("Bước 1: chuẩn bị hồ sơ theo quy định. " * 80) + "Người yêu cầu đăng ký khai sinh nộp tờ khai."
    assert len(text) > highlight.SCAN_CHARS
    assert highlight.highlight_terms(text, {"khai", "sinh"}) == ""  # beyond the scanned start
    assert "<mark>khai</mark>" in highlight.highlight_terms(text, {"khai", "sinh"}, scan_chars=len(text))


def test_small_words_of_a_sentence_are_not_marked():
    vocabulary = spelling.Vocabulary(["Đăng ký khai sinh", "Cấp thẻ căn cước cho người dưới 14 tuổi"])
    plan = analysis.analyze(
        "cho tôi hỏi làm giấy khai sinh cho con gái mới đẻ ở đâu thì được ạ", known=vocabulary
    )
    assert plan.variants[0].long
    terms = plan.all_terms()
    assert "khai" in terms and "sinh" in terms and "cho" not in terms and "duoc" not in terms
