"""Records ↔ blocks on the 591 real records (no database): lossless lines, stable round trips, and the
parsing of steps, dossier cases, channels and legal basis."""

import json
from pathlib import Path

import pytest

from procedures.importing import mapping

REAL_DATA = Path(__file__).resolve().parents[1] / "procedures" / "demo_data" / "procedures.json"
RECORDS = json.loads(REAL_DATA.read_text(encoding="utf-8"))
BY_CODE = {r["code"]: r for r in RECORDS}


def test_every_published_line_survives_and_the_round_trip_is_stable():
    for record in RECORDS:
        documents = record.get("documents", [])
        blocks = mapping.dossier_blocks(documents)
        lines = mapping.dossier_lines(blocks)
        assert mapping.dossier_blocks(lines) == blocks, record["code"]
        for line in documents:  # whole, as a case heading, split into a case and its item, or into the
            # document and its form's file name (written back as "document;file")
            name, file_name = mapping.split_file_name(line)
            assert (
                line in lines
                or line.rstrip(":") in lines
                or line.rstrip(":") + ":" in lines
                or (file_name and f"{name};{file_name}" in lines)
                or any(out.endswith(":") and line.startswith(out[:-1]) for out in lines)
            ), (record["code"], line)

        steps = record.get("steps", [])
        step_blocks = mapping.steps_blocks(steps)
        assert mapping.steps_blocks(mapping.steps_lines(step_blocks)) == step_blocks, record["code"]

        laws = record.get("legal_basis", [])
        assert mapping.legal_basis_lines(mapping.legal_basis_blocks(laws)) == laws, record["code"]

        submission = record.get("submission", [])
        channels = mapping.channel_blocks([dict(s, channel=_channel(s["method"])) for s in submission])
        entries = mapping.channel_entries(channels)
        if len({s["method"] for s in submission}) == len(submission):
            assert entries == submission, record["code"]
        else:  # a channel published once per unnamed case is one entry listing the distinct values
            assert [e["method"] for e in entries] == list(dict.fromkeys(s["method"] for s in submission))
            for entry in entries:
                published = [s for s in submission if s["method"] == entry["method"]]
                assert all(s["time"] in (entry["time"] or "") for s in published if s["time"]), record["code"]
        assert mapping.channel_blocks([dict(e, channel=_channel(e["method"])) for e in entries]) == channels
        assert mapping.form_titles(mapping.form_blocks(record.get("forms", []))) == record.get("forms", [])
        assert not mapping.block_problems(mapping.canonical(blocks)), record["code"]


def _channel(method):
    from procedures.importing.records import channel_code

    return channel_code(method)


def test_steps_keep_sub_points_under_their_step():
    blocks = mapping.steps_blocks(BY_CODE["1.000253"]["steps"])
    assert [b["value"]["title"] for b in blocks] == ["Bước 1", "Bước 2", "Bước 3"]
    second = blocks[1]["value"]["description"].split("\n")
    assert second[0].startswith("Khai, nộp Phiếu khai báo tạm trú")
    assert (
        second[1] == "Cán bộ trực ban Công an cấp xã tiếp nhận hồ sơ kiểm tra tính pháp lý và nội dung hồ sơ:"
    )
    # Without any "Bước", each published line is a step of its own.
    plain = ["Nộp hồ sơ tại Bộ phận một cửa.", "Nhận kết quả."]
    assert [b["value"] for b in mapping.steps_blocks(plain)] == [
        {"title": "", "description": plain[0]},
        {"title": "", "description": plain[1]},
    ]


def test_case_notes_become_cases():
    blocks = mapping.dossier_blocks(
        [
            "Tờ khai theo mẫu.",
            "Trường hợp bị tai nạn giao thông thì có thêm biên bản của cơ quan Công an.",
            "Đối với Quân đội nhân dân: Giấy giới thiệu của đơn vị.",
            "Trường hợp thuê nhà ở xã hội:",
            "Giấy tờ chứng minh điều kiện.",
            "Hợp đồng thuê.",
        ]
    )
    cases = [(b["value"]["case_name"], [i["name"] for i in b["value"]["items"]]) for b in blocks]
    assert cases == [
        ("", ["Tờ khai theo mẫu."]),
        ("Trường hợp bị tai nạn giao thông", ["Có thêm biên bản của cơ quan Công an."]),
        ("Đối với Quân đội nhân dân", ["Giấy giới thiệu của đơn vị."]),
        ("Trường hợp thuê nhà ở xã hội", ["Giấy tờ chứng minh điều kiện.", "Hợp đồng thuê."]),
    ]
    # A lower-case "trường hợp" continues a sentence: it stays a document.
    kept = mapping.dossier_blocks(["trường hợp khác thì nộp bản sao."])
    assert kept[0]["value"]["case_name"] == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Luật Doanh nghiệp (59/2020/QH14)",
            {"number": "59/2020/QH14", "title": "Luật Doanh nghiệp", "date": None, "issuer": "Quốc hội"},
        ),
        (
            "Nghị định số 168/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ về đăng ký doanh nghiệp",
            {
                "number": "168/2025/NĐ-CP",
                "title": "Nghị định số 168/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ về đăng ký doanh nghiệp",
                "date": "2025-06-30",
                "issuer": "Chính phủ",
            },
        ),
        (
            "Thông tư số 17/2024/TT-BCA ngày 15/5/2024 của Bộ Công an quy định biểu mẫu",
            {
                "number": "17/2024/TT-BCA",
                "title": "Thông tư số 17/2024/TT-BCA ngày 15/5/2024 của Bộ Công an quy định biểu mẫu",
                "date": "2024-05-15",
                "issuer": "Bộ Công an",
            },
        ),
        (
            "Thông tư quy định cách thức thực hiện khai báo (53/2016/TT-BCA)",
            {
                "number": "53/2016/TT-BCA",
                "title": "Thông tư quy định cách thức thực hiện khai báo",
                "date": None,
                "issuer": "Bộ Công an",
            },
        ),
        ("Luật Đất đai 2024", {"number": "", "title": "Luật Đất đai 2024", "date": None, "issuer": ""}),
    ],
)
def test_legal_basis_reads_number_date_issuer(text, expected):
    assert mapping.parse_legal_basis(text) == expected


def test_channel_wording_beyond_the_label_is_kept():
    entry = {"method": "Trực tiếp tại cơ quan hành chính nhà nước", "time": "5 ngày", "fee": None}
    blocks = mapping.channel_blocks([dict(entry, channel="in_person")])
    assert blocks[0]["value"]["method"] == "truc_tiep"
    assert mapping.channel_entries(blocks) == [entry]


def test_block_problems_are_vietnamese():
    problems = mapping.block_problems(
        [{"type": "form", "value": {"title": "x" * 501, "document": None}}, {"type": "step", "value": {}}]
    )
    assert problems == ["mẫu thứ 1: tên dài quá 500 ký tự", "bước thứ 2 thiếu nội dung"]
