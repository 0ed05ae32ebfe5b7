"""The procedure page: every template field, status banners and history, personal checklist per case,
where to submit (city or ward desk), JSON-LD, and a constant number of queries."""

import datetime
import html
import json
import re
from pathlib import Path

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.factories import city_home
from home.models import SiteSettings, WardHomePage
from procedures.factories import (
    AgencyFactory,
    AnnouncingDecisionFactory,
    OnlineServiceKindFactory,
    ProcedureFieldFactory,
    ProcedureIndexPageFactory,
    ProcedurePageFactory,
    add_status_change,
)
from procedures.models import ProcedureIndexPage, ProcedureLevel, ProcedurePage

pytestmark = pytest.mark.django_db

REAL_DATA = Path(__file__).resolve().parents[1] / "procedures" / "demo_data" / "procedures.json"
CITY_ADDRESS = "Số 104 đường Nguyễn Trãi, phường Sao Đỏ"
CITY_HOURS = "Sáng 7 giờ 30 – 11 giờ 30; chiều 13 giờ 30 – 17 giờ"
WARD_DESK = "Bộ phận một cửa, trụ sở UBND phường Sao Đỏ"
WARD_HOURS = "Thứ Hai đến thứ Sáu, sáng 7 giờ 30 – 11 giờ 30"


# Fixtures shared with test_procedure_catalogue.py and test_browser_procedures.py ---------------------


def build_city():
    """A city home as the default site, its settings (one-stop desk, hotline) and two wards."""
    home = city_home()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.unit_name = "Ủy ban nhân dân thành phố Chí Linh"
    settings.address = CITY_ADDRESS
    settings.phone = "0220 3882 345"
    settings.office_hours = CITY_HOURS
    settings.hotline_numbers = [
        ("phone", {"label": "Đường dây nóng UBND thành phố", "number": "0220 3882 666"})
    ]
    settings.save()
    for slug, kind, name, desk, hours in (
        ("phuong-sao-do", "phuong", "Sao Đỏ", WARD_DESK, WARD_HOURS),
        ("xa-bac-an", "xa", "Bắc An", "Bộ phận một cửa, trụ sở UBND xã Bắc An", "Sáng thứ Hai đến thứ Sáu"),
    ):
        if not WardHomePage.objects.filter(slug=slug).exists():
            ward = WardHomePage(
                title=f"{'Phường' if kind == 'phuong' else 'Xã'} {name}",
                slug=slug,
                unit_kind=kind,
                unit_name=name,
                desk_address=desk,
                office_hours=hours,
                phone="0220 3885 101",
                hotline="0220 3886 101",
            )
            home.add_child(instance=ward)
            ward.save_revision().publish()
    return home


@pytest.fixture
def city(db):
    return build_city()


def build_catalogue(city):
    return ProcedureIndexPage.objects.first() or ProcedureIndexPageFactory(
        parent=city, title="Thủ tục hành chính", slug="thu-tuc"
    )


@pytest.fixture
def catalogue(city):
    return build_catalogue(city)


def real_records():
    return json.loads(REAL_DATA.read_text(encoding="utf-8"))


def real_record(code):
    return next(r for r in real_records() if r["code"] == code)


def dossier_from_documents(documents):
    """The real record's flat document list grouped by case exactly as the import does it (the demo
    loader and an editor's upload go through the same mapping)."""
    from procedures.importing.mapping import dossier_blocks

    return [(b["type"], b["value"]) for b in dossier_blocks(documents)]


def level(slug):
    return ProcedureLevel.objects.get(slug=slug)


def page_from_record(catalogue, record, **overrides):
    """A published procedure page built from one real record (documents split into cases)."""
    field = ProcedureFieldFactory(name=record["field"])
    level_obj = ProcedureLevel.objects.get(name=record["level"])
    values = dict(
        parent=catalogue,
        code=record["code"],
        official_name=record["name"],
        title=record["name"][:250],
        slug=f"tt-{record['code'].replace('.', '-').lower()}",
        field=field,
        level=level_obj,
        implementing_agency=AgencyFactory(name=record["agency"]) if record.get("agency") else None,
        deadline=record.get("deadline", ""),
        fee=record.get("fee", ""),
        fee_note=record.get("fee_note", ""),
        subjects=record.get("subjects", ""),
        result="\n".join(record.get("result", [])),
        conditions=record.get("conditions", ""),
        procedure_type=record.get("procedure_type", ""),
        steps=[("step", {"title": "", "description": s}) for s in record.get("steps", [])],
        channels=[
            (
                "channel",
                {"method": _method(s["method"]), "deadline": s.get("time") or "", "fee": s.get("fee") or ""},
            )
            for s in record.get("submission", [])
        ],
        dossier=dossier_from_documents(record.get("documents", [])),
        legal_basis=[("document", {"title": t}) for t in record.get("legal_basis", [])],
    )
    values.update(overrides)
    return ProcedurePageFactory(**values)


def _method(label):
    label = label.lower()
    return "truc_tuyen" if "tuyến" in label else "buu_chinh" if "bưu" in label else "truc_tiep"


def checklist_rows(content):
    """The document names listed in the page's checklist tables, in order."""
    section = content.split('id="giay-to"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<td class="checklist__no">\d+</td>\s*<td>(.*?)(?:<span|</td>)', section, re.S)
    return [html.unescape(r).strip() for r in rows]


def jsonld_of(content):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert match, "no JSON-LD script on the page"
    return json.loads(match.group(1))


# Every template field ------------------------------------------------------------------------------


def test_every_template_field_is_saved_and_rendered(client, catalogue):
    form_doc = wagtail_factories.DocumentFactory(title="Tờ khai đăng ký khai sinh")
    decision_doc = wagtail_factories.DocumentFactory(title="Quyết định 1234")
    decision = AnnouncingDecisionFactory(
        number="1234/QĐ-UBND", date=datetime.date(2025, 7, 1), issuer="UBND tỉnh Hải Dương",
        summary="Công bố thủ tục hành chính lĩnh vực hộ tịch", document=decision_doc,
    )  # fmt: skip
    related = ProcedurePageFactory(parent=catalogue, code="1.000656", official_name="Đăng ký khai tử")
    page = ProcedurePageFactory(
        parent=catalogue,
        code="1.001193.000.00.00.H29",
        official_name="Đăng ký khai sinh",
        procedure_type="TTHC được luật giao quy định chi tiết",
        field=ProcedureFieldFactory(name="Hộ tịch"),
        level=level("cap-xa"),
        implementing_agency=AgencyFactory(name="Ủy ban nhân dân cấp xã"),
        competent_agency="Chủ tịch Ủy ban nhân dân cấp xã",
        authorised_agency="Công chức tư pháp - hộ tịch",
        coordinating_agency="Công an cấp xã",
        submission_place="Bộ phận tiếp nhận và trả kết quả của UBND cấp xã",
        steps=[("step", {"title": "Bước 1", "description": "Nộp hồ sơ tại Bộ phận một cửa."})],
        channels=[
            (
                "channel",
                {
                    "method": "truc_tiep",
                    "deadline": "Ngay trong ngày",
                    "fee": "Miễn lệ phí",
                    "description": "Nộp tại Bộ phận một cửa",
                },
            ),
            (
                "channel",
                {
                    "method": "truc_tuyen",
                    "deadline": "01 ngày làm việc",
                    "fee": "Miễn lệ phí",
                    "description": "Nộp qua Cổng Dịch vụ công",
                },
            ),
        ],  # fmt: skip
        dossier=[
            (
                "case",
                {
                    "case_name": "",
                    "items": [
                        {
                            "name": "Tờ khai đăng ký khai sinh theo mẫu",
                            "form_name": "Tờ khai khai sinh",
                            "form": form_doc,
                            "originals": 1,
                            "copies": 0,
                            "note": "Ký ghi rõ họ tên",
                        },
                        {"name": "Giấy chứng sinh", "originals": 1, "copies": 0},
                    ],
                },
            ),
        ],  # fmt: skip
        deadline="Ngay trong ngày làm việc",
        fee="Miễn lệ phí",
        fee_note="Miễn lệ phí đăng ký khai sinh đúng hạn",
        subjects="Công dân Việt Nam",
        result="Giấy khai sinh (bản chính)",
        conditions="Không quá 60 ngày kể từ ngày sinh",
        legal_basis=[
            (
                "document",
                {
                    "number": "60/2014/QH13",
                    "title": "Luật Hộ tịch",
                    "date": datetime.date(2014, 11, 20),
                    "issuer": "Quốc hội",
                },
            )
        ],  # fmt: skip
        forms=[("form", {"title": "Mẫu tờ khai khai sinh", "document": form_doc})],
        keywords="làm giấy khai sinh, khai sinh cho con",
        online_service_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
        online_service_kind=OnlineServiceKindFactory(name="Toàn trình"),
        source_url="https://dichvucong.gov.vn/",
        source_note="Bộ Tư pháp",
    )
    page.other_levels.add(level("cap-tinh"))
    page.save()  # a ParentalManyToManyField writes on save
    page.related_procedures.add(related)
    page.save_revision().publish()
    add_status_change(page, "amended", decision=decision, effective_date=datetime.date(2025, 7, 1),
                      changed_parts="Thời hạn giải quyết", note="Rút ngắn thời hạn")  # fmt: skip

    saved = ProcedurePage.objects.get(pk=page.pk)
    assert saved.code == "1.001193.000.00.00.H29" and saved.official_name == "Đăng ký khai sinh"
    assert saved.competent_agency == "Chủ tịch Ủy ban nhân dân cấp xã"
    assert saved.dossier[0].value["items"][0]["form"].pk == form_doc.pk
    assert saved.channels[1].value["method"] == "truc_tuyen"
    assert saved.legal_basis[0].value["date"] == datetime.date(2014, 11, 20)
    assert [lv.slug for lv in saved.other_levels.all()] == ["cap-tinh"]
    assert saved.status == "amended" and saved.status_date == datetime.date(2025, 7, 1)

    response = client.get(saved.url)
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "1.001193.000.00.00.H29", "Đăng ký khai sinh", "TTHC được luật giao quy định chi tiết", "Hộ tịch",
        "Cấp xã", "Cấp tỉnh", "Ủy ban nhân dân cấp xã", "Chủ tịch Ủy ban nhân dân cấp xã",
        "Công chức tư pháp - hộ tịch", "Công an cấp xã", "Bộ phận tiếp nhận và trả kết quả của UBND cấp xã",
        "Bước 1", "Nộp hồ sơ tại Bộ phận một cửa.", "Trực tiếp", "Trực tuyến", "Ngay trong ngày",
        "01 ngày làm việc", "Nộp qua Cổng Dịch vụ công", "Tờ khai đăng ký khai sinh theo mẫu", "Tờ khai khai sinh",
        "Ký ghi rõ họ tên", "Giấy chứng sinh", "Ngay trong ngày làm việc", "Miễn lệ phí",
        "Miễn lệ phí đăng ký khai sinh đúng hạn", "Công dân Việt Nam", "Giấy khai sinh (bản chính)",
        "Không quá 60 ngày kể từ ngày sinh", "60/2014/QH13", "Luật Hộ tịch", "20/11/2014", "Quốc hội",
        "Mẫu tờ khai khai sinh", form_doc.url, "Nộp hồ sơ trực tuyến (toàn trình)",
        html.escape(saved.online_service_url), "Quyết định số 1234/QĐ-UBND ngày 01/07/2025", "UBND tỉnh Hải Dương",
        "Công bố thủ tục hành chính lĩnh vực hộ tịch", decision_doc.url, "Nội dung sửa đổi, bổ sung: Thời hạn giải quyết",
        "Rút ngắn thời hạn", "Đăng ký khai tử", "Cập nhật lần cuối", "/phan-anh-kien-nghi/?thu-tuc=1.001193.000.00.00.H29",
        "0220 3882 666", CITY_ADDRESS, CITY_HOURS,
    ):  # fmt: skip
        assert text in content, text
    # Keywords and the source are for search and editors, not for the page body.
    assert "làm giấy khai sinh, khai sinh cho con" not in content


def test_long_official_name_is_shown_in_full_as_the_h1(client, catalogue):
    record = next(r for r in real_records() if len(r["name"]) > 255)
    page = ProcedurePageFactory(parent=catalogue, code=record["code"], official_name=record["name"], title="")
    page = ProcedurePage.objects.get(pk=page.pk)
    assert len(page.title) <= 255 and page.title.endswith("…")
    content = client.get(page.url).content.decode()
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", content, re.S).group(1)
    assert html.unescape(h1) == record["name"]


# Status banners and history ------------------------------------------------------------------------


def test_status_is_derived_from_history_and_replacement_links_both_ways(client, catalogue):
    old = ProcedurePageFactory(parent=catalogue, code="1.000001", official_name="Thủ tục cũ")
    new = ProcedurePageFactory(parent=catalogue, code="1.000002", official_name="Thủ tục mới thay thế")
    first = AnnouncingDecisionFactory(number="10/QĐ-UBND", date=datetime.date(2023, 1, 5))
    second = AnnouncingDecisionFactory(number="20/QĐ-UBND", date=datetime.date(2025, 8, 1))
    # Entered out of order: the later decision is entered first; the derived status follows the dates.
    add_status_change(
        old, "replaced", decision=second, effective_date=datetime.date(2025, 8, 15), replacement=new
    )
    add_status_change(old, "new", decision=first, effective_date=datetime.date(2023, 1, 5))
    add_status_change(new, "new", decision=second, effective_date=datetime.date(2025, 8, 15))
    old.refresh_from_db()
    assert old.status == "replaced" and old.status_date == datetime.date(2025, 8, 15)
    assert not old.is_in_force and old.replacement == new
    assert list(new.replaced_procedures()) == [ProcedurePage.objects.get(pk=old.pk)]

    content = client.get(old.url).content.decode()
    banner = content.split('class="status-banner status-banner--replaced"', 1)[1].split("</div>", 1)[0]
    assert "Thủ tục này đã được thay thế từ ngày 15/08/2025" in banner
    assert "Quyết định số 20/QĐ-UBND ngày 01/08/2025" in banner
    assert f'href="{new.url}"' in banner and "1.000002" in banner
    timeline = content.split('id="lich-su"', 1)[1]
    assert timeline.index("05/01/2023") < timeline.index("15/08/2025")

    content = client.get(new.url).content.decode()
    info = content.split('class="status-banner status-banner--info"', 1)[1].split("</div>", 1)[0]
    assert "Thủ tục này thay thế" in info and f'href="{old.url}"' in info
    assert "status-banner--replaced" not in content


def test_abolished_procedure_stays_readable_with_a_clear_banner(client, catalogue):
    page = ProcedurePageFactory(
        parent=catalogue, code="2.000509", official_name="Đăng ký hoạt động tín ngưỡng"
    )
    decision = AnnouncingDecisionFactory(
        number="99/QĐ-UBND", date=datetime.date(2025, 6, 30), issuer="UBND tỉnh"
    )
    add_status_change(page, "abolished", decision=decision, effective_date=datetime.date(2025, 7, 1))
    response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Thủ tục này đã bị bãi bỏ từ ngày 01/07/2025." in content
    assert "Theo Quyết định số 99/QĐ-UBND ngày 30/06/2025 của UBND tỉnh." in content
    assert "Đăng ký hoạt động tín ngưỡng" in content
    assert jsonld_of(content)["termsOfService"] == "Thủ tục bị bãi bỏ"


# Personal checklist ---------------------------------------------------------------------------------


@pytest.fixture
def multi_case(catalogue):
    """1.012888 "Công nhận Ban quản trị nhà chung cư": a real procedure whose published documents are
    grouped under several cases ("1. Đối với …", "2. Trường hợp bầu lại …", sub-cases of 3 and 4)."""
    record = real_record("1.012888")
    blocks = [value for _type, value in dossier_from_documents(record["documents"])]
    page = page_from_record(
        catalogue,
        record,
        online_service_url="https://dichvucong.gov.vn/p/1.012888",
        online_service_kind=OnlineServiceKindFactory(name="Một phần", is_full_online=False),
    )
    return page, blocks


def _names(blocks):
    return [item["name"] for block in blocks for item in block["items"]]


def test_checklist_for_each_case_of_a_real_multi_case_procedure_has_exactly_that_cases_items(
    client, multi_case
):
    page, blocks = multi_case
    common = [b for b in blocks if not b["case_name"]]
    pickable = [b for b in blocks if b["case_name"] and b["items"]]
    assert len(pickable) >= 4, "the real record is expected to publish several cases"
    content = client.get(page.url).content.decode()
    assert checklist_rows(content) == _names(blocks)
    assert content.count('name="truong-hop"') == len(pickable) + 1  # plus "all cases"
    for number, case in enumerate(pickable, start=1):
        response = client.get(page.url, {"truong-hop": number})
        assert response.status_code == 200
        content = response.content.decode()
        assert checklist_rows(content) == _names(common) + _names([case])
        chosen = content.split('<p class="checklist__case"><strong>', 1)[1].split("</strong>", 1)[0]
        assert chosen.startswith(f"Trường hợp {number}: ")
        assert html.unescape(chosen).endswith(case["case_name"][-40:])
        assert 'class="notice"' not in content
        assert f'value="{number}" checked' in content
        # The personal checklist prints alone and can be shared by its address.
        assert 'class="page-procedure print-checklist"' in content
        assert f'value="http://testserver{page.url}?truong-hop={number}"' in content


@pytest.mark.parametrize("tampered", ["99", "0", "-1", "abc", "1.5", "<script>alert(1)</script>", "１"])
def test_tampered_or_unknown_case_gives_the_full_checklist_with_a_note(client, multi_case, tampered):
    page, blocks = multi_case
    response = client.get(page.url, {"truong-hop": tampered})
    assert response.status_code == 200
    content = response.content.decode()
    assert checklist_rows(content) == _names(blocks)
    assert "dưới đây là toàn bộ thành phần hồ sơ của tất cả các trường hợp" in content
    assert "<script>alert(1)</script>" not in content


def test_personal_checklist_says_fees_deadline_where_to_go_hours_and_online_option(client, multi_case):
    page, _cases = multi_case
    content = client.get(page.url, {"truong-hop": 2, "phuong-xa": "phuong-sao-do"}).content.decode()
    facts = content.split('class="checklist__facts"', 1)[1].split("</dl>", 1)[0]
    assert "Phí, lệ phí" in facts and "Thời hạn giải quyết" in facts
    assert "Bộ phận một cửa – UBND phường Sao Đỏ" in facts and WARD_DESK in facts and WARD_HOURS in facts
    assert "https://dichvucong.gov.vn/p/1.012888" in facts and "(một phần)" in facts
    assert 'value="http://testserver' + page.url + '?truong-hop=2&amp;phuong-xa=phuong-sao-do"' in content


def test_forms_to_fill_are_listed_apart_for_the_chosen_case(client, catalogue):
    doc = wagtail_factories.DocumentFactory(title="Đơn đề nghị")
    page = ProcedurePageFactory(
        parent=catalogue,
        dossier=[
            ("case", {"case_name": "Người đề nghị tự nộp", "items": [
                {"name": "Đơn đề nghị (mẫu 01)", "form_name": "Mẫu 01", "form": doc, "originals": 1},
                {"name": "Căn cước", "copies": 1}]}),
            ("case", {"case_name": "Ủy quyền cho người khác nộp", "items": [
                {"name": "Văn bản ủy quyền", "form_name": "Mẫu 02", "originals": 1}]}),
        ],
    )  # fmt: skip
    content = client.get(page.url, {"truong-hop": 1}).content.decode()
    facts = content.split('class="checklist__facts"', 1)[1].split("</dl>", 1)[0]
    assert "Mẫu đơn, tờ khai bạn tự điền" in facts and doc.url in facts and "Mẫu 02" not in facts
    assert checklist_rows(content) == ["Đơn đề nghị (mẫu 01)", "Căn cước"]
    assert re.search(
        r'data-label="Bản chính">1</td>\s*<td class="checklist__qty" data-label="Bản sao">—', content
    )


def test_single_case_procedure_has_no_case_picker_and_ignores_the_parameter(client, catalogue):
    page = ProcedurePageFactory(
        parent=catalogue,
        dossier=[("case", {"case_name": "", "items": [{"name": "Đơn"}, {"name": "Căn cước"}]})],
    )
    content = client.get(page.url).content.decode()
    assert 'class="case-picker' not in content and checklist_rows(content) == ["Đơn", "Căn cước"]
    # No counts published for any paper: no empty count columns, and a word about it.
    assert ">Bản chính</th>" not in content and "không ghi số bản chính, bản sao" in content
    content = client.get(page.url, {"truong-hop": 2}).content.decode()
    assert checklist_rows(content) == ["Đơn", "Căn cước"] and "không chia theo trường hợp" in content


def test_print_link_works_without_javascript(client, multi_case):
    page, _cases = multi_case
    content = client.get(page.url).content.decode()
    assert 'href="?in=giay-to#giay-to" data-print-checklist' in content
    assert 'class="page-procedure"' in content  # a plain visit prints the whole page
    printable = client.get(page.url, {"in": "giay-to"}).content.decode()
    assert 'class="page-procedure print-checklist"' in printable
    assert "dùng lệnh In của trình duyệt" in printable


# Where to submit --------------------------------------------------------------------------------------


def test_commune_procedure_asks_for_the_ward_and_shows_its_desk(client, catalogue):
    page = ProcedurePageFactory(parent=catalogue, level=level("cap-xa"))
    content = client.get(page.url).content.decode()
    desk = content.split('id="noi-nop"', 1)[1].split("</section>", 1)[0]
    # Submitted at the ward's desk, not the city's: the page asks which ward.
    assert "Bộ phận một cửa của UBND phường, xã nơi bạn cư trú" in desk and CITY_ADDRESS not in desk
    assert 'name="phuong-xa"' in desk and '<option value="phuong-sao-do">Phường Sao Đỏ</option>' in desk

    content = client.get(page.url, {"phuong-xa": "phuong-sao-do"}).content.decode()
    desk = content.split('id="noi-nop"', 1)[1].split("</section>", 1)[0]
    assert "Bộ phận một cửa – UBND phường Sao Đỏ" in desk and WARD_DESK in desk and WARD_HOURS in desk
    assert CITY_ADDRESS not in desk
    assert "Đường dây nóng Phường Sao Đỏ" in content

    # An unknown or malformed ward is ignored: the page asks again, never an error.
    for bad in ("khong-co", "../../etc", "PHUONG SAO DO"):
        response = client.get(page.url, {"phuong-xa": bad})
        assert response.status_code == 200 and "nơi bạn cư trú" in response.content.decode()


def test_district_level_procedure_goes_to_the_city_desk(client, catalogue):
    page = ProcedurePageFactory(parent=catalogue, level=level("cap-huyen"))
    desk = client.get(page.url).content.decode().split('id="noi-nop"', 1)[1].split("</section>", 1)[0]
    assert "Ủy ban nhân dân thành phố Chí Linh" in desk and CITY_ADDRESS in desk


def desk_section(client, page):
    return client.get(page.url).content.decode().split('id="noi-nop"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize(
    "agency, expected",
    [
        ("Phòng Quản lý xuất nhập cảnh Công an cấp tỉnh", "Phòng Quản lý xuất nhập cảnh Công an tỉnh Hải Dương"),
        ("Công an cấp tỉnh", "Công an tỉnh Hải Dương"),
        ("Sở Xây dựng", "Sở Xây dựng tỉnh Hải Dương"),
    ],
)
def test_provincial_procedure_names_its_agency_not_the_city_desk(client, catalogue, agency, expected):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.parent_unit_name = "Tỉnh Hải Dương"
    settings.save()
    province = level("cap-tinh")
    page = ProcedurePageFactory(
        parent=catalogue, level=province, implementing_agency=AgencyFactory(name=agency, level=province)
    )
    html_text = client.get(page.url).content.decode()
    desk = html_text.split('id="noi-nop"', 1)[1].split("</section>", 1)[0]
    assert expected in desk and CITY_ADDRESS not in desk
    assert "Bộ phận một cửa – Ủy ban nhân dân thành phố" not in html_text
    assert 'class="ward-picker' not in html_text


def test_agency_of_another_province_is_not_given_as_the_place(client, catalogue):
    page = ProcedurePageFactory(
        parent=catalogue,
        level=level("cap-tinh"),
        implementing_agency=AgencyFactory(name="Công an Thành phố Hà Nội", other_province="Hà Nội"),
    )
    desk = desk_section(client, page)
    assert "Công an Thành phố Hà Nội" not in desk and "cổng đang kiểm tra lại" in desk


# Online-service status ---------------------------------------------------------------------------------


def summary_of(client, page):
    return client.get(page.url).content.decode().split('id="summary-title"', 1)[1].split("</section>", 1)[0]


def test_online_channel_without_a_link_is_online_in_the_summary(client, catalogue):
    channels = [
        ("channel", {"method": "truc_tiep", "deadline": "5 ngày làm việc", "fee": "", "description": ""}),
        ("channel", {"method": "truc_tuyen", "deadline": "5 ngày làm việc", "fee": "", "description": ""}),
    ]
    page = ProcedurePageFactory(parent=catalogue, level=level("cap-huyen"), channels=channels)
    summary = summary_of(client, page)
    assert "Chưa có" not in summary and "cho phép nộp trực tuyến" in summary
    assert "Cổng Dịch vụ công quốc gia" in summary


def test_no_online_channel_says_how_else_to_submit(client, catalogue):
    channels = [
        ("channel", {"method": "truc_tiep", "deadline": "5 ngày làm việc", "fee": "", "description": ""}),
        ("channel", {"method": "buu_chinh", "deadline": "5 ngày làm việc", "fee": "", "description": ""}),
    ]
    page = ProcedurePageFactory(parent=catalogue, level=level("cap-huyen"), channels=channels)
    summary = summary_of(client, page)
    assert "Chưa có; nộp trực tiếp hoặc qua bưu chính." in summary and "button--online" not in summary


def test_own_online_link_wins(client, catalogue):
    page = ProcedurePageFactory(
        parent=catalogue, level=level("cap-huyen"), online_service_url="https://dichvucong.gov.vn/p/1"
    )
    summary = summary_of(client, page)
    assert 'href="https://dichvucong.gov.vn/p/1"' in summary and "Chưa có" not in summary


# Structured data, feedback, hotline -------------------------------------------------------------------


def test_json_ld_is_a_parseable_government_service(client, multi_case):
    page, _cases = multi_case
    # A commune procedure: the place is the chosen ward's desk (without a ward, none is named).
    assert "serviceLocation" not in str(jsonld_of(client.get(page.url).content.decode()))
    data = jsonld_of(client.get(page.url, {"phuong-xa": "phuong-sao-do"}).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentService"
    assert data["name"] == page.official_name and data["identifier"] == "1.012888"
    assert data["url"] == f"http://testserver{page.url}"
    assert data["serviceType"] == page.field.name
    assert data["provider"]["@type"] == "GovernmentOrganization"
    channels = {c["name"]: c for c in data["availableChannel"]}
    assert "Trực tiếp" in channels and channels["Trực tiếp"]["serviceLocation"]["address"] == WARD_DESK
    online = [c for c in data["availableChannel"] if c.get("serviceUrl")]
    assert online and online[0]["serviceUrl"] == "https://dichvucong.gov.vn/p/1.012888"


def test_json_ld_cannot_be_broken_out_of_by_content(client, catalogue):
    page = ProcedurePageFactory(
        parent=catalogue, official_name="Thủ tục </script><script>alert(1)</script> & <b>"
    )
    content = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in content
    assert jsonld_of(content)["name"] == "Thủ tục </script><script>alert(1)</script> & <b>"


def test_feedback_link_and_hotline_are_on_every_procedure_page(client, catalogue):
    page = ProcedurePageFactory(parent=catalogue, code="1.000494.000.00.00.H29")
    content = client.get(page.url).content.decode()
    assert 'href="/phan-anh-kien-nghi/?thu-tuc=1.000494.000.00.00.H29"' in content
    assert 'href="tel:02203882666"' in content


# Query counts -----------------------------------------------------------------------------------------


def _big_procedure(catalogue, n_items, n_related, n_history):
    docs = [wagtail_factories.DocumentFactory(title=f"Mẫu {i}") for i in range(n_items)]
    cases = [
        ("case", {"case_name": f"Trường hợp {c}", "items": [
            {"name": f"Giấy tờ {c}-{i}", "form_name": f"Mẫu {i}", "form": docs[i], "originals": 1, "copies": 2}
            for i in range(n_items)]})
        for c in range(3)
    ]  # fmt: skip
    page = ProcedurePageFactory(
        parent=catalogue,
        level=level("cap-xa"),
        implementing_agency=AgencyFactory(),
        online_service_kind=OnlineServiceKindFactory(),
        online_service_url="https://dichvucong.gov.vn/",
        dossier=cases,
        forms=[("form", {"title": f"Mẫu {i}", "document": d}) for i, d in enumerate(docs)],
        steps=[("step", {"description": f"Bước {i}"}) for i in range(n_items)],
        channels=[("channel", {"method": "truc_tiep", "deadline": "3 ngày"})] * 3,
        legal_basis=[("document", {"title": f"Văn bản {i}"}) for i in range(n_items)],
    )
    for _ in range(n_related):
        page.related_procedures.add(ProcedurePageFactory(parent=catalogue))
    page.save()
    for i in range(n_history):
        other = ProcedurePageFactory(parent=catalogue)
        add_status_change(other, "replaced", replacement=page, decision=AnnouncingDecisionFactory(),
                          effective_date=datetime.date(2024, 1, 1 + i))  # fmt: skip
        add_status_change(page, "amended", decision=AnnouncingDecisionFactory(),
                          effective_date=datetime.date(2024, 1, 1 + i), changed_parts="Phí")  # fmt: skip
    return ProcedurePage.objects.get(pk=page.pk)


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_procedure_page_queries_do_not_grow_with_documents_history_or_related(
    client, catalogue, django_assert_max_num_queries
):
    small = _big_procedure(catalogue, n_items=1, n_related=1, n_history=1)
    large = _big_procedure(catalogue, n_items=25, n_related=12, n_history=8)
    for params in ({}, {"truong-hop": 2, "phuong-xa": "phuong-sao-do"}):
        _queries(client, small.url, **params)  # warm the site-root cache like a running server
        assert _queries(client, small.url, **params) == _queries(client, large.url, **params)
        with django_assert_max_num_queries(30):
            client.get(large.url, params)


def test_warm_procedure_page_reads_four_rows_sets_and_renamed_references_show_at_once(client, catalogue):
    """Field, level, agency and online kind come from the site cache; routing reads the page itself
    only (its sections are cached); what remains is history, related procedures, other levels and the
    other agencies' ids."""
    page = _big_procedure(catalogue, n_items=2, n_related=2, n_history=1)
    page.other_levels.add(level("cap-tinh"))
    page.save()  # a ParentalManyToManyField writes on save
    _queries(client, page.url)  # warm the site cache like a running server
    with CaptureQueriesContext(connection) as ctx:
        client.get(page.url)
    sqls = [q["sql"] for q in ctx.captured_queries]
    documents = [sql for sql in sqls if 'FROM "wagtaildocs_document"' in sql]
    assert len(documents) == 2  # the forms to download and the dossier's forms (one read per stream field)
    assert len(sqls) - len(documents) == 5, [sql[:150] for sql in sqls]

    page.field.name = "Hộ tịch (tên mới)"
    page.field.save()
    page.implementing_agency.name = "UBND phường (tên mới)"
    page.implementing_agency.save()
    page.online_service_kind.name = "Toàn trình (tên mới)"
    page.online_service_kind.save()
    province = level("cap-tinh")
    province.name = "Cấp tỉnh (tên mới)"
    province.save()
    content = client.get(page.url).content.decode()
    for name in ("Hộ tịch (tên mới)", "UBND phường (tên mới)", "Toàn trình (tên mới)", "Cấp tỉnh (tên mới)"):
        assert name in content, name
    tags = content.split('aria-label="Phân loại"', 1)[1].split("</ul>", 1)[0]
    assert tags.index(page.level.name) < tags.index("Cấp tỉnh (tên mới)")  # level order: own level, then others


def test_procedure_preview_shows_the_levels_and_related_procedures_chosen_in_the_editor(catalogue, rf):
    """A preview holds its other levels and related procedures in memory, not in the through tables."""
    from procedures.page_context import procedure_context

    page = ProcedurePageFactory(parent=catalogue, level=level("cap-xa"))
    other = ProcedurePageFactory(parent=catalogue, title="Thủ tục liên quan trong bản nháp")
    draft = page.with_content_json(page.serializable_data())
    draft.other_levels = [level("cap-tinh")]
    draft.related_procedures = [other]
    request = rf.get(page.url)
    request.user = None
    context = procedure_context(draft, request)
    assert [lv.slug for lv in context["levels"]] == ["cap-xa", "cap-tinh"]
    assert [p.pk for p in context["related"]] == [other.pk]
    assert not ProcedurePage.objects.get(pk=page.pk).other_levels.exists()


# Procedures of the same name --------------------------------------------------------------------------


def test_two_procedures_of_one_name_say_what_sets_them_apart(client, catalogue):
    name = "Thủ tục xét tặng danh hiệu Gia đình văn hóa"
    national = ProcedurePageFactory(parent=catalogue, code="1.012783", official_name=name, title=name)
    local = ProcedurePageFactory(parent=catalogue, code="1.012783.H19", official_name=name, title=name)
    page_html = client.get(national.url).content.decode()
    assert "Bản của danh mục quốc gia" in page_html
    assert "Cùng tên với" in page_html and "Bản áp dụng tại địa phương" in page_html and "1.012783.H19" in page_html
    assert "Bản áp dụng tại địa phương" in client.get(local.url).content.decode()
    listing = client.get(catalogue.url).content.decode()
    twins = re.findall(r'class="procedure-item__twin">([^<]+)<', listing)
    assert sorted(twins) == ["Bản của danh mục quốc gia", "Bản áp dụng tại địa phương (quy định riêng của tỉnh)"]
