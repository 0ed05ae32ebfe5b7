"""Open-data export: JSON that imports back into an empty catalogue as the same records, CSV for Excel,
XLSX, the download routes with filters, and the export command."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from procedures.importing import export, mapping
from procedures.importing.apply import import_file, import_records
from procedures.importing.records import channel_code, merge_channel_text
from procedures.models import (
    Agency,
    AnnouncingDecision,
    ProcedureField,
    ProcedureIndexPage,
    ProcedurePage,
    StatusChange,
)
from tests.test_procedure_import import SAMPLE_CODES, SAMPLES, home, real_records  # noqa: F401

pytestmark = pytest.mark.django_db

# The first records of the file, plus those of the sample appendix (new, amended, replaced, abolished).
CODES = [r["code"] for r in real_records()[:30]]


@pytest.fixture
def catalogue(home):  # noqa: F811
    import_records(real_records(*dict.fromkeys(CODES + list(SAMPLE_CODES))))
    report = import_file(SAMPLES / "appendix_sample.xlsx", dry_run=False)
    assert report.applied, report.errors
    return home


def empty_catalogue():
    StatusChange.objects.all().delete()
    for page in ProcedurePage.objects.all():
        page.delete()
    AnnouncingDecision.objects.all().delete()
    Agency.objects.all().delete()
    ProcedureField.objects.all().delete()
    assert not ProcedurePage.objects.exists()


def page_state(page):
    """Everything a record carries, as stored (streams without block ids)."""

    def strip(data):
        if isinstance(data, dict):
            return {k: strip(v) for k, v in data.items() if k != "id"}
        if isinstance(data, list):
            return [strip(v) for v in data]
        return data

    return {
        "scalars": [
            getattr(page, f)
            for f in ("code", "code_local", "official_name", "title", "slug", "ministry", "deadline", "fee")
            + ("fee_note", "subjects", "result", "conditions", "procedure_type", "source_url", "data_source")
            + ("source_note", "status", "status_date")
        ],
        "refs": (
            page.field.name,
            page.level.name,
            page.implementing_agency and page.implementing_agency.name,
        ),
        "other_levels": sorted(level.name for level in page.other_levels.all()),
        "streams": {name: strip(list(getattr(page, name).raw_data)) for name in mapping_streams()},
        "history": [
            (c.kind, c.decision and c.decision.number, c.decision and c.decision.date, c.effective_date)
            + (c.changed_parts, c.note, c.replacement and c.replacement.code)
            for c in page.ordered_status_changes()
        ],
    }


def mapping_streams():
    return ("steps", "channels", "dossier", "legal_basis", "forms")


def test_json_export_imports_back_as_the_same_records(catalogue):
    first = export.records()
    assert len(first) == ProcedurePage.objects.count() == len(set(CODES) | set(SAMPLE_CODES)) + 2
    before = {p.code: page_state(p) for p in ProcedurePage.objects.all()}
    data = export.export_bytes("json")

    empty_catalogue()
    report = import_file(io.BytesIO(data), "thu-tuc.json", dry_run=False)
    assert report.applied, report.errors[:3]
    assert report.counts()["created"] == len(first)

    assert export.records() == first
    after = {p.code: page_state(p) for p in ProcedurePage.objects.all()}
    assert after == before
    replaced = ProcedurePage.objects.get(code="1.012753")
    assert replaced.status == "replaced" and replaced.replacement.code == "1.013978"
    assert AnnouncingDecision.objects.get(number="1234/QĐ-UBND").date.isoformat() == "2025-03-15"
    # And importing the export over itself changes nothing.
    report = import_file(io.BytesIO(data), "thu-tuc.json", dry_run=False)
    assert report.counts()["status_changes"] == 0
    assert report.counts()["updated"] == report.counts()["created"] == 0


def test_export_keeps_the_published_values(home):  # noqa: F811
    records = real_records()[:60]
    import_records(records)
    exported = {(r["code"], r["level"]): r for r in export.records()}
    same_keys = ("name", "field", "ministry", "fee_note", "forms")
    same_keys += ("legal_basis", "result", "subjects", "conditions", "decision", "procedure_type", "url")
    same_keys += ("source", "source_note", "code_local")
    for record in records:
        out = exported[(record["code"], record["level"])]
        for key in same_keys:
            assert out.get(key) == record.get(key), (record["code"], key)
        # A channel published twice (once per case the record does not name) is said once.
        for key in ("deadline", "fee"):
            assert out.get(key) == merge_channel_text(record.get(key)), (record["code"], key)
        submission = [dict(s, channel=channel_code(s["method"])) for s in record.get("submission", [])]
        assert out.get("submission", []) == mapping.channel_entries(mapping.channel_blocks(submission))
        assert out["levels"] == sorted(set(record.get("levels", [])) | {record["level"]}, key=mapping.fold)
        # Documents keep every published line; only the order of cases is normalised.
        assert sorted(out.get("documents", [])) == sorted(
            mapping.dossier_lines(mapping.dossier_blocks(record.get("documents", [])))
        )
        assert out["status"] == "new" and out["history"][0]["kind"] == "new"


def test_csv_is_excel_friendly(catalogue):
    body = export.export_bytes("csv")
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:3] == ["Mã thủ tục", "Mã áp dụng tại địa phương", "Tên thủ tục"]
    assert "Tình trạng hiện tại" in header and "Thành phần hồ sơ" in header
    assert len(rows) == 1 + ProcedurePage.objects.count()
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    old = by_code["1.012753"]
    assert old["Tình trạng hiện tại"] == "Bị thay thế"
    assert "Quyết định số 1234/QĐ-UBND ngày 15/03/2025 (thay bằng 1.013978)" in old["Lịch sử công bố"]
    assert by_code["1.001193"]["Trang thủ tục trên cổng"].endswith(
        ProcedurePage.objects.get(code="1.001193").url
    )
    # No cell starts like a formula (OWASP: a leading apostrophe keeps it text).
    assert not any(cell[:1] in "=+-@\t\r" and cell for row in rows for cell in row)


def test_xlsx_opens_with_one_row_per_procedure(catalogue):
    workbook = load_workbook(io.BytesIO(export.export_bytes("xlsx")), read_only=True)
    sheet = workbook["Thủ tục hành chính"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mã thủ tục" and rows[0][2] == "Tên thủ tục"
    assert len(rows) == 1 + ProcedurePage.objects.count()
    khai_sinh = next(r for r in rows if r[0] == "1.001193")
    documents = khai_sinh[[c[0] for c in export.COLUMNS].index("documents")]
    assert documents.count("\n") >= 2  # one document per line in the cell


def test_download_routes_filter_like_the_api(catalogue, client):
    response = client.get("/thu-tuc/du-lieu/xuat.json?linh-vuc=ho-tich")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="thu-tuc-hanh-chinh-')
    records = json.loads(response.content)
    expected = set(ProcedurePage.objects.filter(field__slug="ho-tich").values_list("code", flat=True))
    assert {r["code"] for r in records} == expected and expected

    # The whole catalogue by default, abolished included; a status narrows it.
    everything = json.loads(client.get("/thu-tuc/du-lieu/xuat.json").content)
    assert len(everything) == ProcedurePage.objects.count()
    abolished = json.loads(client.get("/thu-tuc/du-lieu/xuat.json?tinh-trang=bai-bo").content)
    assert [r["code"] for r in abolished] == ["2.000620.000.00.00.H14"]

    response = client.get("/thu-tuc/du-lieu/xuat.csv?status=in_force&q=khai sinh")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "1.001193" in {row[0] for row in rows[1:]}
    assert all("khai sinh" in row[2].lower() for row in rows[1:])

    response = client.get("/thu-tuc/du-lieu/xuat.xlsx?cap=cap-xa")
    assert response.status_code == 200 and response.content[:2] == b"PK"

    assert client.get("/thu-tuc/du-lieu/xuat.csv?tinh-trang=khong-ro").status_code == 400
    assert client.get("/thu-tuc/du-lieu/xuat.pdf").status_code == 404


def test_download_is_rebuilt_after_a_publish(catalogue, client):
    first = json.loads(client.get("/thu-tuc/du-lieu/xuat.json?q=1.001193").content)
    page = ProcedurePage.objects.get(code="1.001193")
    page.fee = "Miễn lệ phí (minh họa)"
    page.save_revision().publish()
    second = json.loads(client.get("/thu-tuc/du-lieu/xuat.json?q=1.001193").content)
    assert first[0]["fee"] != second[0]["fee"] == "Miễn lệ phí (minh họa)"
    page.unpublish()
    assert json.loads(client.get("/thu-tuc/du-lieu/xuat.json?q=1.001193").content) == []


def test_export_command_then_import_into_empty_catalogue(catalogue, tmp_path):
    out = tmp_path / "thu-tuc.json"
    stdout = io.StringIO()
    call_command("export_procedures", str(out), stdout=stdout)
    assert "Đã ghi" in stdout.getvalue()
    exported = json.loads(out.read_text(encoding="utf-8"))

    call_command("export_procedures", str(tmp_path / "xa.csv"), "--level", "cap-xa", stdout=io.StringIO())
    rows = list(csv.reader(io.StringIO((tmp_path / "xa.csv").read_text(encoding="utf-8-sig"))))
    assert {row[4] for row in rows[1:]} == {"Cấp xã"}

    empty_catalogue()
    call_command("import_procedures", str(out), stdout=io.StringIO())
    assert export.records() == exported
    assert ProcedureIndexPage.objects.count() == 1
