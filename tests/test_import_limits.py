"""Pathological import files (deep JSON, a 5,000-digit number, an XLSX zip bomb, too many rows, a
million junk CSV rows): a Vietnamese error from the admin upload and from the command, nothing written,
nothing left behind; import uploads wait outside the public media and go when their preview times out."""

import datetime
import json
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from core.filelimits import DEFAULT as LIMITS
from procedures import import_views
from procedures.importing.apply import import_file
from tests import hostile_files
from tests.test_procedure_import import home, real_records, snapshot  # noqa: F401

pytestmark = pytest.mark.django_db

URL = "/quan-tri/nhap-thu-tuc/"

# (file name, builder, words of the Vietnamese error)
PATHOLOGICAL = [
    ("long-nhau.json", hostile_files.nested_json, "lồng nhau quá 32 tầng"),
    ("so-dai.json", hostile_files.huge_number_json, "một số có 5.000 chữ số, quá dài"),
    ("bom-nen.xlsx", lambda: hostile_files.xlsx(rows=5, inflate_to=LIMITS.uncompressed_bytes + 8 * 2**20),
     "khi giải nén chiếm 48 MB, vượt giới hạn 40 MB"),
    ("qua-nhieu-dong.xlsx", lambda: hostile_files.xlsx(rows=LIMITS.rows + 500), "có hơn 20.000 dòng"),
    ("mot-trieu-dong.csv", hostile_files.junk_csv, "có hơn 20.000 dòng"),
]  # fmt: skip
IDS = [name for name, _build, _words in PATHOLOGICAL]


@pytest.fixture
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_UPLOAD_ROOT = tmp_path / "private-imports"
    return settings.MEDIA_ROOT, settings.IMPORT_UPLOAD_ROOT


def files_in(*folders):
    return [path for folder in folders if folder.exists() for path in folder.rglob("*") if path.is_file()]


@pytest.mark.parametrize(("name", "build", "words"), PATHOLOGICAL, ids=IDS)
def test_admin_upload_refuses_in_vietnamese_and_keeps_nothing(admin_client, home, folders, name, build, words):  # noqa: F811
    before = snapshot()
    response = admin_client.post(URL, {"file": SimpleUploadedFile(name, build())})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tệp có lỗi, chưa thể nhập" in html and words in html
    assert "Không tìm thấy số quyết định" not in html  # an unreadable file is not "missing its decision"
    assert 'name="token"' not in html
    assert snapshot() == before
    assert files_in(*folders) == []


@pytest.mark.parametrize(("name", "build", "words"), PATHOLOGICAL, ids=IDS)
def test_command_refuses_in_vietnamese_and_writes_nothing(home, tmp_path, name, build, words):  # noqa: F811
    path = tmp_path / name
    path.write_bytes(build())
    before = snapshot()
    with pytest.raises(CommandError) as failure:
        call_command("import_procedures", str(path), stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
    assert "không có thay đổi nào được ghi" in str(failure.value)
    report = import_file(path, dry_run=True)
    assert any(words in message.text for message in report.errors), [m.text for m in report.errors]
    assert len(report.errors) == 1
    assert snapshot() == before


def test_a_file_past_the_size_limit_is_refused_before_reading(home, tmp_path, monkeypatch):  # noqa: F811
    from procedures.importing import grid

    monkeypatch.setattr(grid, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "lon.json"
    path.write_bytes(b"[" + b" " * 2000 + b"]")
    with pytest.raises(CommandError, match="lớn hơn 0 MB; hãy tách thành nhiều tệp"):
        call_command("import_procedures", str(path), stdout=open(os.devnull, "w"))


def test_warnings_are_capped_and_summarised_in_the_preview(admin_client, home, folders):  # noqa: F811
    records = [{"code": f"9.{n:06d}", "name": f"Thủ tục thử {n}", "khoa-la": "x"} for n in range(300)]
    body = json.dumps(records, ensure_ascii=False).encode()
    html = admin_client.post(URL, {"file": SimpleUploadedFile("canh-bao.json", body)}).content.decode()
    assert "300 cảnh báo" in html
    assert html.count("khóa không xác định «khoa-la»") == import_views.WARNING_LIMIT
    assert f"… và {300 - import_views.WARNING_LIMIT} cảnh báo khác" in html


def test_waiting_upload_is_private_and_goes_when_the_preview_times_out(admin_client, home, folders):  # noqa: F811

    media, private = folders
    body = json.dumps(real_records()[:1], ensure_ascii=False).encode()
    response = admin_client.post(URL, {"file": SimpleUploadedFile("ho-so.json", body)})
    token = re.search(r'name="token" value="(\w+)"', response.content.decode()).group(1)
    waiting = files_in(private)
    assert len(waiting) == 1 and files_in(media) == []
    # An hour later the preview has timed out: the next visit of the import page deletes the file, and
    # the confirmation is refused.
    old = (datetime.datetime.now() - datetime.timedelta(seconds=import_views.PREVIEW_SECONDS + 60)).timestamp()
    os.utime(waiting[0], (old, old))
    session = admin_client.session
    session[import_views.SESSION_KEY][token]["at"] = old
    session.save()
    assert admin_client.get(URL).status_code == 200
    assert files_in(private) == []
    refused = admin_client.post(URL, {"token": token}, follow=True).content.decode()
    assert "Phiên nhập đã hết hạn" in refused


def test_deletion_is_scheduled_on_a_worker_backend(settings, tmp_path):
    """With a backend that can defer (the database worker), each preview also enqueues its deletion."""
    from procedures.importing.tasks import delete_import_upload, schedule_upload_deletion

    settings.IMPORT_UPLOAD_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                                  "QUEUES": settings.TASK_QUEUES}}  # fmt: skip
    backend = delete_import_upload.get_backend()
    backend.clear()
    schedule_upload_deletion("tthc-imports/abc.json", 3600)
    (result,) = backend.results
    assert result.task.queue_name == "import" and result.args == ["tthc-imports/abc.json"]
    assert result.task.run_after is not None


def test_one_stop_results_import_refuses_a_zip_bomb_in_vietnamese(db):
    import io

    from news import onestop_import
    from news.models.onestop import OneStopResult

    bomb = hostile_files.xlsx(rows=3, inflate_to=LIMITS.uncompressed_bytes + 2**20)
    report = onestop_import.import_results(io.BytesIO(bomb), "ket-qua.xlsx")
    assert report.errors and "vượt giới hạn 40 MB" in report.errors[0] and not report.saved
    assert not OneStopResult.objects.exists()


def test_long_digit_runs_inside_text_and_cells_are_plain_errors_or_text(home):  # noqa: F811
    """A 5,000-digit deadline inside a string is kept as text (no duration read from it); a 5,000-digit
    count in the one-stop sheet is a Vietnamese row error, never Python's int() limit."""
    from news import onestop_import

    record = {"code": "9.000001", "name": "Thủ tục có thời hạn rất dài", "field": "Hộ tịch", "level": "Cấp xã",
              "deadline": "9" * 5000 + " ngày"}
    report = import_file(json_bytes_file([record]), "dai.json", dry_run=True)
    assert not report.errors
    rows = [(1, ["Đơn vị", "Tháng", "Tiếp nhận", "Đúng hạn", "Quá hạn", "Đang giải quyết", "Trực tuyến"]),
            (2, ["Thành phố", "01/2025", "9" * 5000, "1", "0", "0", "1"])]  # fmt: skip
    parsed = onestop_import.parse(rows)
    assert any("“Tiếp nhận” phải là số nguyên không âm" in error for error in parsed.errors), parsed.errors


def json_bytes_file(records):
    import io

    return io.BytesIO(json.dumps(records, ensure_ascii=False).encode())
