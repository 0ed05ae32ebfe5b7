"""Importing into the catalogue: full JSON records and decision appendices (.xlsx/.csv), dry run, per-row
errors with nothing applied, idempotent re-import, statuses from the announcing decision, revisions."""

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageLogEntry, Revision

from home.factories import city_home
from procedures.importing.apply import import_file, import_records
from procedures.models import (
    Agency,
    AnnouncingDecision,
    ProcedureField,
    ProcedureIndexPage,
    ProcedurePage,
    StatusChange,
)
from tests.signin import login_with_second_factor

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
REAL_DATA = ROOT / "procedures" / "demo_data" / "procedures.json"
SAMPLES = ROOT / "procedures" / "importing" / "samples"
# Every code the sample appendix names, so the catalogue holds them before the appendix is applied.
SAMPLE_CODES = ("1.013947", "3.000333", "1.001193", "1.000656", "1.000894", "2.000908", "2.001019")
SAMPLE_CODES += ("1.013978", "1.012753", "1.012753.H19")


def real_records(*codes):
    records = json.loads(REAL_DATA.read_text(encoding="utf-8"))
    if not codes:
        return records
    by_code = {r["code"]: r for r in records}
    return [copy.deepcopy(by_code[c]) for c in codes]


def make_home():
    return city_home()


@pytest.fixture
def home(db):
    return make_home()


def snapshot():
    """What an import may change, counted."""
    return {
        "pages": ProcedurePage.objects.count(),
        "revisions": Revision.objects.count(),
        "status": StatusChange.objects.count(),
        "decisions": AnnouncingDecision.objects.count(),
        "fields": ProcedureField.objects.count(),
        "agencies": Agency.objects.count(),
        "log": PageLogEntry.objects.count(),
    }


def json_bytes(records):
    return io.BytesIO(json.dumps(records, ensure_ascii=False).encode("utf-8"))


# --- full records (JSON) ------------------------------------------------------------------------------


def test_records_become_structured_pages(home):
    records = real_records("2.002023", "1.012538", "1.001699", "1.000253", "1.004194")
    report = import_records(records)
    assert report.applied and report.counts()["created"] == 5

    index = ProcedureIndexPage.objects.get()
    assert index.title == "Thủ tục hành chính" and index.slug == "thu-tuc-hanh-chinh"
    assert index.get_parent().specific == home

    page = ProcedurePage.objects.get(code="2.002023")
    record = records[0]
    assert page.live and page.get_parent().specific == index
    assert page.official_name == record["name"]
    assert page.field.name == "Thành lập và hoạt động của doanh nghiệp"
    assert page.level.name == "Cấp tỉnh"
    assert [lvl.name for lvl in page.other_levels.all()] == ["Cấp bộ"]
    assert page.implementing_agency.name == "Sở Tài chính"  # "… các tỉnh, thành phố" is every province
    assert page.ministry == "Bộ Tài chính"
    assert page.deadline == "1" and page.fee == "Miễn phí"
    assert page.fee_note == "Miễn lệ phí (Thông tư số 47/2019/TT-BTC)"
    assert page.procedure_type == record["procedure_type"]
    assert page.source_url == record["url"] and page.data_source == record["source"]
    assert page.result.split("\n") == record["result"]
    assert page.subjects == record["subjects"]

    channels = [b.value for b in page.channels]
    assert [c["method"] for c in channels] == ["truc_tuyen", "buu_chinh", "truc_tiep"]
    assert all(c["deadline"] == "1" and c["fee"] == "Miễn phí" for c in channels)

    steps = [b.value for b in page.steps]
    titled = [s["title"] for s in steps if s["title"]]
    assert titled[:2] == ["Bước 1", "Bước 2"]
    # Sub-points stay with their step.
    assert "Trong thời hạn 07 ngày làm việc" in steps[1]["description"]

    cases = [b.value for b in page.dossier]
    assert cases[0]["case_name"] == ""  # the general case comes first
    # The line ending with ':' opens a case holding the documents listed below it.
    assert [c["case_name"] for c in cases] == ["", "*Hồ sơ đăng ký giải thể doanh nghiệp"]
    assert [i["name"] for i in cases[1]["items"]][0] == "*Hồ sơ thông báo giải thể doanh nghiệp"
    assert all(item["name"] for case in cases for item in case["items"])

    laws = [b.value for b in page.legal_basis]
    luat = next(law for law in laws if law["number"] == "59/2020/QH14")
    assert luat["title"] == "Luật Doanh nghiệp" and luat["issuer"] == "Quốc hội"
    decree = next(law for law in laws if law["number"] == "168/2025/NĐ-CP")
    assert decree["date"].isoformat() == "2025-06-30" and decree["issuer"] == "Chính phủ"

    history = list(page.status_changes.all())
    assert [(c.kind, c.decision.number) for c in history] == [("new", "2354/QĐ-BTC")]
    assert page.status == "new"
    assert page.revisions.count() == 1
    messages = [e.message for e in PageLogEntry.objects.filter(page=page, action="procedures.import")]
    assert messages == ["Tạo từ tệp nhập «records.json» theo Quyết định số 2354/QĐ-BTC"]

    # "Trường hợp …" notes among the documents become their own cases.
    accident = ProcedurePage.objects.get(code="1.012538")
    by_name = {b.value["case_name"]: b.value for b in accident.dossier}
    assert [i["name"] for i in by_name["Trường hợp bị tai nạn giao thông"]["items"]] == [
        "Có thêm biên bản của cơ quan Công an."
    ]
    forms = [b.value["title"] for b in accident.forms]
    assert forms == real_records("1.012538")[0]["forms"]

    local = ProcedurePage.objects.get(code="1.001699")
    assert local.code_local == "1.001699.000.00.00.H17"


def test_reimport_changes_nothing(home):
    records = real_records()[:25]
    import_records(records)
    before = snapshot()
    report = import_records(records)
    assert report.applied
    assert report.counts() == {"created": 0, "updated": 0, "unchanged": 25, "status_changes": 0}
    assert snapshot() == before


def test_changed_record_is_one_new_revision_with_amended_entry(home):
    record = real_records("1.001193")[0]
    import_records([record])
    page = ProcedurePage.objects.get(code="1.001193")
    changed = dict(record, deadline="02 ngày làm việc", decision="77/QĐ-BTP")
    report = import_records([changed])
    assert report.counts()["updated"] == 1
    page.refresh_from_db()
    assert page.deadline == "02 ngày làm việc"
    assert page.revisions.count() == 2
    latest = page.ordered_status_changes()[-1]
    assert (latest.kind, latest.decision.number) == ("amended", "77/QĐ-BTP")
    assert "thời hạn giải quyết" in latest.changed_parts
    assert page.status == "amended"
    # A correction under the same decision updates the page without a new history entry.
    corrected = dict(changed, fee="Không")
    report = import_records([corrected])
    assert report.counts()["status_changes"] == 0
    page.refresh_from_db()
    assert page.fee == "Không" and page.status_changes.count() == 2


def test_dry_run_changes_nothing(home):
    before = snapshot()
    report = import_records(real_records()[:10], dry_run=True)
    assert report.dry_run and not report.applied
    assert report.counts()["created"] == 10
    assert report.new_references  # fields, agencies and decisions it would add
    assert snapshot() == before
    assert not ProcedureIndexPage.objects.exists()


def test_json_with_malformed_record_applies_nothing(home):
    records = real_records()[:4]
    records[2]["code"] = "1.0O1022"  # letter O typed for a zero
    records[3]["steps"] = "Bước 1: nộp hồ sơ"  # a string where a list belongs
    before = snapshot()
    report = import_file(json_bytes(records), "ho-so.json", dry_run=False)
    assert not report.applied
    texts = [m.text for m in report.errors]
    assert texts[0].startswith("Bản ghi 3 (mã 1.0O1022): mã thủ tục «1.0O1022» không đúng định dạng")
    assert (
        texts[1].startswith("Bản ghi 4 (mã ") and "«steps» (trình tự thực hiện) phải là danh sách" in texts[1]
    )
    assert [m.row for m in report.errors] == [3, 4]
    assert snapshot() == before


def test_value_the_blocks_refuse_is_a_row_error(home):
    records = real_records()[:3]
    records[1]["forms"] = ["Mẫu " + "x" * 600]
    before = snapshot()
    report = import_file(json_bytes(records), "ho-so.json", dry_run=False)
    assert not report.applied
    assert report.errors[0].row == 2
    assert "mẫu đơn, tờ khai" in report.errors[0].text and "dài quá 500 ký tự" in report.errors[0].text
    assert snapshot() == before


def test_broken_json_file_is_one_clear_error(home):
    report = import_file(io.BytesIO(b'[{"code": "1.001193", "name": "x"'), "hong.json", dry_run=False)
    assert len(report.errors) == 1 and report.errors[0].row is None
    assert report.errors[0].text.startswith("Tệp JSON không hợp lệ ở dòng 1")


def test_record_without_decision_takes_the_given_one(home):
    record = real_records("1.001193")[0]
    del record["decision"]
    import_file(json_bytes([record]), "a.json", dry_run=False, decision="12/QĐ-UBND ngày 3/2/2025")
    change = ProcedurePage.objects.get(code="1.001193").status_changes.get()
    assert change.decision.number == "12/QĐ-UBND"
    assert change.decision.date.isoformat() == "2025-02-03"


# --- decision appendices (.xlsx / .csv) -------------------------------------------------------------------


@pytest.fixture
def seeded(home):
    import_records(real_records(*SAMPLE_CODES))
    return home


def test_appendix_sets_statuses_from_its_decision(seeded):
    before_revisions = {p.code: p.revisions.count() for p in ProcedurePage.objects.all()}
    report = import_file(SAMPLES / "appendix_sample.xlsx", dry_run=False)
    assert report.applied, report.errors
    assert report.counts()["created"] == 2  # the new 2.000509…H10 and the abolished district procedure

    decision = AnnouncingDecision.objects.get(number="1234/QĐ-UBND")
    assert decision.date.isoformat() == "2025-03-15"
    assert decision.issuer == "Chủ tịch UBND tỉnh Hải Dương"

    def latest(code):
        page = ProcedurePage.objects.get(code=code)
        return page, page.ordered_status_changes()[-1]

    page, change = latest("2.000509.000.00.00.H10")
    assert (page.status, change.kind, change.decision) == ("new", "new", decision)
    assert page.field.name == "Tôn giáo Chính phủ" and page.level.name == "Cấp xã"
    assert change.effective_date == decision.date

    page, change = latest("2.000908")
    assert page.status == "amended" and change.kind == "amended"
    assert page.submission_place == "Bộ phận Một cửa UBND cấp xã"

    old, change = latest("1.012753")
    new = ProcedurePage.objects.get(code="1.013978")
    assert old.status == "replaced" and change.replacement == new
    assert old.replacement == new  # replaced by …
    assert list(new.replaced_procedures()) == [old]  # … and replaces, both ways
    assert new.status == "new"

    abolished, change = latest("2.000620.000.00.00.H14")
    assert abolished.status == "abolished" and abolished.level.name == "Cấp huyện"
    assert change.note == "Không còn chính quyền địa phương cấp huyện từ ngày 01/7/2025"
    assert any("Dòng 31" in w.text and "chưa có trong danh mục" in w.text for w in report.warnings)

    # One revision per changed procedure, its log entry naming the decision.
    for page in ProcedurePage.objects.filter(code__in=SAMPLE_CODES):
        assert page.revisions.count() == before_revisions[page.code] + 1, page.code
        entry = PageLogEntry.objects.filter(page=page, action="procedures.import").latest("pk")
        assert "Quyết định số 1234/QĐ-UBND" in entry.message


def test_same_appendix_as_csv_changes_nothing_after_xlsx(seeded):
    import_file(SAMPLES / "appendix_sample.xlsx", dry_run=False)
    before = snapshot()
    report = import_file(SAMPLES / "appendix_sample.csv", dry_run=False)
    assert report.applied
    assert report.counts()["status_changes"] == 0
    assert report.counts()["created"] == report.counts()["updated"] == 0
    assert snapshot() == before


def test_appendix_dry_run_changes_nothing(seeded):
    before = snapshot()
    report = import_file(SAMPLES / "appendix_sample.csv", dry_run=True)
    assert report.counts()["status_changes"] == 12
    assert snapshot() == before


def test_xlsx_with_malformed_row_applies_nothing(seeded):
    before = snapshot()
    report = import_file(SAMPLES / "appendix_bad_row.xlsx", dry_run=False)
    assert not report.applied
    assert [(m.row, m.text) for m in report.errors] == [
        (
            7,
            "Dòng 7: mã thủ tục «1.0O1022» không đúng định dạng (ví dụ đúng: 1.001193 hoặc "
            "1.000494.000.00.00.H29)",
        )
    ]
    assert snapshot() == before
    assert not AnnouncingDecision.objects.filter(number="567/QĐ-UBND").exists()


def test_csv_with_malformed_row_applies_nothing(seeded):
    text = (SAMPLES / "appendix_sample.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    row = next(i for i, cells in enumerate(rows) if "2.000908" in cells)
    rows[row] = [cell.replace("2.000908", "2.00O908") for cell in rows[row]]
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    before = snapshot()
    data = io.BytesIO(("\ufeff" + out.getvalue()).encode("utf-8"))
    report = import_file(data, "phu-luc.csv", dry_run=False)
    assert not report.applied
    assert len(report.errors) == 1
    assert report.errors[0].row == row + 1
    assert report.errors[0].text.startswith(f"Dòng {row + 1}: mã thủ tục «2.00O908» không đúng định dạng")
    assert snapshot() == before


def test_appendix_without_decision_number_is_refused(seeded):
    text = (SAMPLES / "appendix_sample.csv").read_text(encoding="utf-8-sig")
    text = "\n".join(line for line in text.splitlines() if "Quyết định số" not in line)
    report = import_file(io.BytesIO(text.encode("utf-8")), "phu-luc.csv", dry_run=False)
    assert not report.applied
    assert "Không tìm thấy số quyết định công bố" in report.errors[-1].text
    # Given by the editor, the same file goes in.
    report = import_file(
        io.BytesIO(text.encode("utf-8")), "phu-luc.csv", dry_run=False, decision="1234/QĐ-UBND ngày 15/3/2025"
    )
    assert report.applied, report.errors


def test_new_procedure_without_field_is_a_row_error(seeded):
    csv_text = (
        "(Kèm theo Quyết định số 88/QĐ-UBND ngày 2/4/2025 của Chủ tịch UBND tỉnh Hải Dương)\n"
        "STT;Mã TTHC;Tên thủ tục hành chính;Cấp thực hiện\n"
        "A. Danh mục thủ tục hành chính mới ban hành;;;\n"
        "1;1.099999;Thủ tục thử nghiệm không có lĩnh vực;Cấp xã\n"
    )
    before = snapshot()
    report = import_file(io.BytesIO(csv_text.encode("utf-8")), "moi.csv", dry_run=False)
    assert not report.applied
    assert report.errors[0].text == "Dòng 4 (mã 1.099999): thiếu lĩnh vực, không thể tạo thủ tục mới."
    assert snapshot() == before


def test_status_follows_the_latest_decision(seeded):
    import_file(SAMPLES / "appendix_sample.xlsx", dry_run=False)
    page = ProcedurePage.objects.get(code="2.000908")
    assert page.status == "amended"
    later = (
        "(Kèm theo Quyết định số 900/QĐ-UBND ngày 20/8/2025 của Chủ tịch UBND tỉnh Hải Dương)\n"
        "STT;Mã TTHC;Tên thủ tục hành chính\n"
        "A. Danh mục thủ tục hành chính bị bãi bỏ;;\n"
        f"1;2.000908;{page.official_name}\n"
    )
    report = import_file(io.BytesIO(later.encode("utf-8")), "bai-bo.csv", dry_run=False)
    assert report.applied, report.errors
    page.refresh_from_db()
    assert page.status == "abolished" and page.status_date.isoformat() == "2025-08-20"
    assert [c.kind for c in page.ordered_status_changes()] == ["new", "amended", "abolished"]


# --- command ---------------------------------------------------------------------------------------------


def test_command_shows_progress_and_summary(home, tmp_path):
    path = tmp_path / "ho-so.json"
    path.write_text(json.dumps(real_records()[:3], ensure_ascii=False), encoding="utf-8")
    out = io.StringIO()
    call_command("import_procedures", str(path), "--dry-run", stdout=out)
    assert "Sẽ tạo 3 thủ tục" in out.getvalue()
    assert not ProcedurePage.objects.exists()
    out = io.StringIO()
    call_command("import_procedures", str(path), stdout=out)
    assert "3/3 thủ tục đã ghi" in out.getvalue()
    assert "Đã tạo 3 thủ tục, cập nhật 0, giữ nguyên 0" in out.getvalue()
    assert ProcedurePage.objects.count() == 3


def test_command_reports_row_errors_and_fails(seeded):
    err = io.StringIO()
    with pytest.raises(CommandError, match="Tệp có 1 lỗi; không có thay đổi nào được ghi"):
        call_command(
            "import_procedures", str(SAMPLES / "appendix_bad_row.xlsx"), stdout=io.StringIO(), stderr=err
        )
    assert "Dòng 7: mã thủ tục «1.0O1022»" in err.getvalue()


def test_command_refuses_old_excel_files(home, tmp_path):
    path = tmp_path / "phu-luc.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Tệp có 1 lỗi"):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)
    assert "Tệp .xls (Excel 97–2003) chưa được hỗ trợ" in err.getvalue()


def test_pages_written_in_batches_are_like_published_revisions(home, client):
    """New pages are written in batches (bulk.py); the result must be what add_child() followed by
    save_revision().publish() gives: a sound tree, the live revision, log entries, publish signals."""
    from django.contrib.auth import get_user_model
    from wagtail.signals import page_published

    from search.models import SearchEntry

    heard = []

    def listener(sender, instance, revision, **kwargs):
        heard.append((instance.pk, revision.pk))

    page_published.connect(listener, sender=ProcedurePage, dispatch_uid="test-import-listener")
    try:
        import_records(real_records()[:5])
        import_records(real_records()[5:8])  # a second batch goes after the first one in the tree
    finally:
        page_published.disconnect(dispatch_uid="test-import-listener")

    assert all(not problems for problems in Page.find_problems())
    index = ProcedureIndexPage.objects.get()
    assert index.numchild == 8 and index.get_children().count() == 8
    pages = list(ProcedurePage.objects.order_by("path"))
    assert [p.code for p in pages] == [r["code"] for r in real_records()[:8]]
    for page in pages:
        revision = page.live_revision
        assert page.live and not page.has_unpublished_changes
        assert revision == page.latest_revision == page.revisions.get()
        assert page.first_published_at == page.last_published_at == revision.created_at
        assert page.url_path == f"{index.url_path}{page.slug}/"
        assert page.draft_title == page.title
        published = revision.as_object()
        assert published.official_name == page.official_name
        assert [c.kind for c in published.status_changes.all()] == ["new"]
        assert list(published.steps.raw_data) == list(page.steps.raw_data)
        actions = list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True))
        assert actions == ["wagtail.create", "procedures.import", "wagtail.publish"]
        assert (page.pk, revision.pk) in heard
        assert SearchEntry.objects.filter(page_id=page.pk).exists()  # the search queue heard it too

    # Editors can open and publish an imported page as usual.
    admin = get_user_model().objects.create_superuser("qt", "qt@example.invalid", "mat-khau-thu")
    login_with_second_factor(client, admin)
    assert client.get(f"/quan-tri/pages/{pages[0].pk}/edit/").status_code == 200
    page = pages[0]
    page.fee = "Không thu phí"
    page.save_revision(user=admin).publish()
    page.refresh_from_db()
    assert page.fee == "Không thu phí" and page.revisions.count() == 2


def test_wagtail_indexes_follow_after_the_commit(home, django_capture_on_commit_callbacks, settings):
    """Usage of snippets (reference index) and the admin search index are updated once committed."""
    from wagtail.models import ReferenceIndex

    # The test settings turn Wagtail's own index off; production keeps it on.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True}
    }

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_records(real_records("1.001193", "2.002023"))
    assert callbacks  # the task was queued for after the commit
    page = ProcedurePage.objects.get(code="1.001193")
    usage = ReferenceIndex.get_references_to(page.field).values_list("object_id", flat=True)
    assert str(page.pk) in set(usage)
    entries = apps.get_model("wagtailsearch", "IndexEntry").objects.filter(
        object_id__in=[str(p.pk) for p in ProcedurePage.objects.all()]
    )
    assert entries.count() == 2
    assert "1.001193" in " ".join(str(e.body) for e in entries)


def test_usage_after_import_is_wagtails_own_reference_index(home, django_capture_on_commit_callbacks):
    """The task after the commit writes the reference index for all imported pages at once; the rows
    must be the ones Wagtail writes page by page, so the admin's "usage" of a decision, field, level,
    agency or form document lists the procedure — and stops listing it when a re-import drops it."""
    import wagtail_factories
    from wagtail.models import ReferenceIndex

    def rows(page):
        return sorted(
            ReferenceIndex.get_references_for_object(page).values_list(
                "content_type",
                "to_content_type",
                "to_object_id",
                "model_path",
                "content_path",
                "content_path_hash",
            )
        )

    def users(target):
        return set(ReferenceIndex.get_references_to(target).values_list("object_id", flat=True))

    record = real_records("1.000253")[0]
    with django_capture_on_commit_callbacks(execute=True):
        import_records([record, *real_records("1.001193", "2.002023")])
    page = ProcedurePage.objects.get(code="1.000253")
    decision, agency = page.status_changes.get().decision, page.implementing_agency
    for target in (decision, page.field, page.level, agency):
        assert str(page.pk) in users(target)

    # An editor attaches the form's file; a later import under a new decision keeps it and moves the agency.
    document = wagtail_factories.DocumentFactory(title="Mẫu A17")
    forms = page.forms.raw_data
    forms[0]["value"]["document"] = document.pk
    page.forms = list(forms)
    page.save_revision().publish()
    changed = dict(record, agency="Công an cấp tỉnh", decision="77/QĐ-BCA")
    with django_capture_on_commit_callbacks(execute=True):
        report = import_records([changed])
    assert report.counts()["updated"] == 1
    page = ProcedurePage.objects.get(code="1.000253")
    new_decision = AnnouncingDecision.objects.get(number="77/QĐ-BCA")
    for target in (decision, new_decision, page.implementing_agency, document):
        assert str(page.pk) in users(target)
    assert str(page.pk) not in users(agency)

    for page in ProcedurePage.objects.all():
        ours = rows(page)
        assert ours
        ReferenceIndex.get_references_for_object(page).delete()
        ReferenceIndex.create_or_update_for_object(page)
        assert rows(page) == ours, page.code


def test_new_reference_rows_are_like_saved_snippets(home, django_capture_on_commit_callbacks, settings):
    """Fields, agencies and decisions a file brings are written in one INSERT per kind; they get the
    slugs SluggedName.save() gives (-2, -3 when taken) and, after the commit, their entries in
    Wagtail's admin search index, as their post_save would have written."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.backends import get_search_backend

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True}
    }
    ProcedureField.objects.create(name="Tư pháp")  # takes the slug "tu-phap"
    records = real_records("1.001193", "2.002023", "1.000253")
    records[0]["field"], records[1]["field"] = "Tu phap", "TU-PHAP"
    with django_capture_on_commit_callbacks(execute=True):
        report = import_records(records)
    assert report.counts()["created"] == 3
    slugs = dict(ProcedureField.objects.values_list("name", "slug"))
    assert (slugs["Tư pháp"], slugs["Tu phap"], slugs["TU-PHAP"]) == ("tu-phap", "tu-phap-2", "tu-phap-3")
    agency = Agency.objects.get(name="Công an cấp xã")  # published "Công an cấp Xã"
    assert agency.slug == "cong-an-cap-xa"
    decisions = list(AnnouncingDecision.objects.filter(number__in=[r["decision"] for r in records]))
    assert len(decisions) == 3

    entries = apps.get_model("wagtailsearch", "IndexEntry").objects
    for obj in decisions:
        assert entries.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    backend = get_search_backend()
    assert agency in list(backend.search("Công an", Agency))
    assert ProcedureField.objects.get(name="Tu phap") in list(backend.search("phap", ProcedureField))
