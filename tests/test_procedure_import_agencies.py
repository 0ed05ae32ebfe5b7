"""Import of agencies and deadlines from a decision appendix: one canonical agency per entity with its
level, agencies of another province and deadlines without a unit reported and flagged for editors."""

import re
from pathlib import Path

import pytest

from home.factories import city_home
from procedures.desk.completeness import data_problems
from procedures.importing.apply import import_file
from procedures.importing.tidy import tidy_catalogue
from procedures.models import Agency, ProcedurePage

pytestmark = pytest.mark.django_db

APPENDIX = Path(__file__).resolve().parent / "fixtures" / "appendix_agencies.csv"


@pytest.fixture
def imported(db):
    city_home()
    report = import_file(APPENDIX, dry_run=False)
    assert report.applied, [e.text for e in report.errors]
    return report


def agencies_of(code):
    page = ProcedurePage.objects.get(code=code)
    return page, page.implementing_agency, sorted(a.name for a in page.other_agencies.all())


def test_same_pair_in_either_order_is_two_canonical_agencies(imported):
    page1, main1, others1 = agencies_of("1.900001.H19")
    page2, main2, others2 = agencies_of("1.900002.H19")
    assert (main1.name, others1) == ("Sở Tư pháp", ["Sở Nội vụ"])  # trailing period gone
    assert (main2.name, others2) == ("Sở Nội vụ", ["Sở Tư pháp"])
    # One row per entity: no combined "Sở Tư pháp; Sở Nội vụ." and no second spelling.
    names = list(Agency.objects.values_list("name", flat=True))
    assert names.count("Sở Tư pháp") == 1 and names.count("Sở Nội vụ") == 1
    assert not [n for n in names if ";" in n or "," in n or n.endswith(".")]
    assert Agency.objects.get(name="Sở Tư pháp").level.name == "Cấp tỉnh"  # level kept


def test_agency_of_another_province_is_flagged_and_reported(imported):
    page, agency, _ = agencies_of("1.900003.H19")
    assert agency.other_province == "Hà Nội"
    assert any("1.900003.H19" in w.text or "Hà Nội" in w.text for w in imported.warnings)
    assert ("co-quan-tinh-khac", "«Công an Thành phố Hà Nội» thuộc Hà Nội") in data_problems(page)
    # Not offered in the public agency filter.
    page_sodo = ProcedurePage.objects.get(code="1.900001.H19")
    assert data_problems(page_sodo) == [("don-vi-thoi-han", "Thời hạn «1» không ghi đơn vị")]


def test_unitless_deadlines_are_reported_not_shown_bare(imported, client):
    warned = [w.text for w in imported.warnings if "không ghi đơn vị" in w.text]
    assert len(warned) == 2 and any("«1»" in t for t in warned) and any("«5»" in t for t in warned)
    assert ProcedurePage.objects.get(code="1.900002.H19").deadline == "5 ngày làm việc"
    assert data_problems(ProcedurePage.objects.get(code="1.900002.H19")) == []
    page = ProcedurePage.objects.get(code="1.900001.H19")
    for url in (page.url, f"/thu-tuc/niem-yet/{page.pk}/"):  # the page and its notice sheet
        html = client.get(url).content.decode()
        assert "không nói là ngày hay ngày làm việc" in html, url


def test_passport_agency_keeps_its_level_and_says_where_to_submit(imported, client):
    page, agency, _ = agencies_of("1.900004.H19")
    assert agency.name == "Phòng Quản lý xuất nhập cảnh Công an cấp tỉnh" and agency.level.name == "Cấp tỉnh"
    html = client.get(page.url).content.decode()
    desk = html.split('id="noi-nop"', 1)[1].split("</section>", 1)[0]
    assert "Phòng Quản lý xuất nhập cảnh Công an" in desk
    assert "Bộ phận một cửa – Ủy ban nhân dân thành phố" not in desk


def test_reimport_and_normalising_again_change_nothing(imported):
    before = (Agency.objects.count(), sum(p.revisions.count() for p in ProcedurePage.objects.all()))
    import_file(APPENDIX, dry_run=False)
    report = tidy_catalogue()
    assert report.updated == []
    after = (Agency.objects.count(), sum(p.revisions.count() for p in ProcedurePage.objects.all()))
    assert after == before


def test_agency_filter_offers_one_option_per_entity_of_the_province(imported, client):
    from procedures.models import ProcedureIndexPage

    html = client.get(ProcedureIndexPage.objects.get().url).content.decode()
    select = html.split('id="loc-co-quan"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r"<option[^>]*>([^<(]+)", select)
    names = [o.strip() for o in options]
    assert names.count("Sở Tư pháp") == 1 and names.count("Sở Nội vụ") == 1
    assert not [n for n in names if "Hà Nội" in n or ";" in n or n.endswith(".")]
    # Either agency of a shared procedure finds it.
    slug = Agency.objects.get(name="Sở Nội vụ").slug
    listed = client.get(ProcedureIndexPage.objects.get().url, {"co-quan": slug}).content.decode()
    assert (
        "Cấp bản sao trích lục hộ tịch liên thông" in listed and "Xác nhận hồ sơ cán bộ liên thông" in listed
    )


def test_normalise_catalogue_command_splits_combined_agencies_of_older_imports(db):
    from io import StringIO

    from django.core.management import call_command

    from procedures.factories import AgencyFactory, make_procedure

    page = make_procedure(name="Chứng thực bản sao liên thông", level="Cấp tỉnh")
    combined = AgencyFactory(name="Sở Nội vụ, Sở Tư pháp.")
    ProcedurePage.objects.filter(pk=page.pk).update(implementing_agency=combined)
    revisions = page.revisions.count()

    out = StringIO()
    call_command("normalise_catalogue", "--dry-run", stdout=out)
    assert "Sẽ cập nhật 1 thủ tục" in out.getvalue() and page.code in out.getvalue()
    assert ProcedurePage.objects.get(pk=page.pk).implementing_agency == combined  # nothing written

    out = StringIO()
    call_command("normalise_catalogue", stdout=out)
    assert "Đã cập nhật 1 thủ tục" in out.getvalue() and "1/1 thủ tục đã cập nhật" in out.getvalue()
    page, main, others = agencies_of(page.code)
    assert (main.name, others) == ("Sở Nội vụ", ["Sở Tư pháp"])
    assert page.revisions.count() == revisions + 1 and not page.has_unpublished_changes
    assert not Agency.objects.filter(name="Sở Nội vụ, Sở Tư pháp.").exists()  # the combined row is gone

    out = StringIO()
    call_command("normalise_catalogue", stdout=out)
    assert "Đã cập nhật 0 thủ tục" in out.getvalue()
