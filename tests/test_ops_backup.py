"""Backup and restore: the round trip on the database in use (PostgreSQL, then SQLite in the second
pass), refusal on a non-empty database, owner-only archives, encryption, checksums, keep-N."""

import hashlib
import io
import json
import os
import stat
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from operations import archive

PASSPHRASE = "mật khẩu sao lưu dài 2026"


@pytest.fixture
def upload_dirs(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    return Path(settings.MEDIA_ROOT), settings.FEEDBACK_PRIVATE_ROOT


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def files_under(*roots):
    """{path: (sha256, mode)} of every file under the roots: contents and permissions."""
    found = {}
    for root in roots:
        for path in sorted(Path(root).rglob("*")):
            if path.is_file():
                found[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), stat.S_IMODE(path.stat().st_mode))
    return found


def snapshot(roots):
    from wagtail.models import Page, Revision

    from hotline.models import FeedbackAttachment, FeedbackSubmission, FeedbackTopic
    from procedures.models import Agency, ProcedureField
    from search.models import SearchSynonym

    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "url_path", "live", "latest_revision_id")),
        "revisions": list(Revision.objects.order_by("pk").values_list("pk", "object_id", "content")),
        "snippets": [
            list(ProcedureField.objects.order_by("pk").values_list("pk", "name")),
            list(Agency.objects.order_by("pk").values_list("pk", "name")),
            list(FeedbackTopic.objects.order_by("pk").values_list("pk", "name")),
            list(SearchSynonym.objects.order_by("pk").values_list("pk", "phrases")),
        ],
        "feedback": list(
            FeedbackSubmission.objects.order_by("pk").values_list(
                "pk", "tracking_code", "name", "phone", "email", "content", "status"
            )
        ),
        "attachments": list(FeedbackAttachment.objects.order_by("pk").values_list("pk", "file", "sha256")),
        "users": list(
            get_user_model().objects.order_by("pk").values_list("pk", "username", "email", "password", "is_superuser")
        ),
        "files": files_under(*roots),
    }


def add_feedback_with_attachments():
    from hotline.models import FeedbackAttachment, FeedbackSubmission, FeedbackTopic

    topic, _ = FeedbackTopic.objects.get_or_create(slug="thu-tuc-hanh-chinh", defaults={"name": "Thủ tục hành chính"})
    submission = FeedbackSubmission.objects.create(
        topic=topic,
        name="Nguyễn Thị Hoa", phone="0912345678", email="hoa@example.vn", address="Phường Sao Đỏ",
        content="Đề nghị hướng dẫn thủ tục đăng ký khai sinh.",
    )
    payloads = [b"%PDF-1.4 " + os.urandom(50_000), b"\x89PNG\r\n\x1a\n" + os.urandom(20_000)]
    for number, data in enumerate(payloads):
        attachment = FeedbackAttachment(
            submission=submission, original_name=f"tep-{number}.pdf", content_type="application/pdf",
            size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        )
        attachment.file.save(f"tep-{number}.pdf", ContentFile(data), save=True)
    return submission


def add_document():
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    # An earlier transactional test may have flushed the root collection Wagtail's migrations create.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = get_document_model()(title="Mẫu tờ khai đăng ký khai sinh", collection=root)
    document.file.save("to-khai-khai-sinh.pdf", ContentFile(b"%PDF-1.4 " + os.urandom(30_000)), save=True)
    return document


def drop_database():
    """What a lost disk leaves: a database with no tables at all."""
    if connection.vendor == "postgresql":
        import psycopg

        name = connection.settings_dict["NAME"]
        params = {k: v for k, v in {
            "host": connection.settings_dict.get("HOST"), "port": connection.settings_dict.get("PORT"),
            "user": connection.settings_dict.get("USER"), "password": connection.settings_dict.get("PASSWORD"),
        }.items() if v}
        connection.close()
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')  # FTS tables take their shadow tables along
            cursor.execute("PRAGMA foreign_keys = ON")
    assert connection.introspection.table_names() == []


@pytest.mark.django_db(transaction=True)
def test_backup_drop_restore_round_trip(transactional_demo_site, upload_dirs, tmp_path, settings):
    settings.ELASTICSEARCH_URL = None  # the restore's search rebuild then refreshes the database copy only
    add_feedback_with_attachments()
    add_document()
    before = snapshot(upload_dirs)
    assert len(before["attachments"]) == 2 and before["pages"] and before["users"] and before["revisions"]
    assert all(mode == 0o600 for path, (_sum, mode) in before["files"].items() if "/private/" in path)

    output = run("backup", str(tmp_path / "backups"), "--no-encrypt")
    [made] = (tmp_path / "backups").iterdir()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600  # personal data: owner only
    assert "Cơ sở dữ liệu: đang sao lưu" in output and "Xong:" in output

    # The disk is lost: database and both upload folders.
    drop_database()
    for root in upload_dirs:
        for path in sorted(root.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
    output = run("restore", str(made))
    assert "mã SHA-256 khớp" in output and "Số bản ghi khớp" in output and "Khôi phục hoàn tất" in output
    assert snapshot(upload_dirs) == before

    with pytest.raises(CommandError, match="Cơ sở dữ liệu hiện có dữ liệu"):
        run("restore", str(made))
    assert snapshot(upload_dirs) == before


@pytest.mark.django_db(transaction=True)  # SQLite's backup API waits for an open transaction
def test_manifest_encryption_and_damage(upload_dirs, tmp_path, monkeypatch):
    add_feedback_with_attachments()
    monkeypatch.setenv("BACKUP_PASSPHRASE", PASSPHRASE)
    run("backup", str(tmp_path / "b"))
    [sealed] = (tmp_path / "b").iterdir()
    assert sealed.name.endswith(".tar.enc") and stat.S_IMODE(sealed.stat().st_mode) == 0o600
    raw = sealed.read_bytes()
    assert b"ustar" not in raw and b"manifest" not in raw and b"%PDF" not in raw

    manifest = archive.unpack(sealed, tmp_path / "open", passphrase=PASSPHRASE, progress=lambda _line: None)
    assert manifest["encrypted"] is True
    assert {"python", "django", "wagtail", "database", "dump_tool"} <= set(manifest["versions"])
    assert "0001_initial" in manifest["migrations"]["hotline"]
    assert manifest["counts"]["hotline.FeedbackSubmission"] == 1
    assert manifest["files"]["hotline.storage.PrivateFeedbackStorage"]["count"] == 2
    file_members = [name for name in manifest["checksums"] if name.startswith("files/")]
    assert manifest["database"]["member"] in manifest["checksums"]
    assert len(file_members) == sum(root["count"] for root in manifest["files"].values()) == 2
    for name, digest in manifest["checksums"].items():
        assert hashlib.sha256((tmp_path / "open" / name).read_bytes()).hexdigest() == digest

    with pytest.raises(archive.BackupError, match="sai cụm mật khẩu"):
        archive.unpack(sealed, tmp_path / "wrong", passphrase="không phải", progress=lambda _line: None)
    with pytest.raises(archive.BackupError, match="BACKUP_PASSPHRASE"):
        archive.unpack(sealed, tmp_path / "none", passphrase=None, progress=lambda _line: None)
    damaged = tmp_path / "damaged.tar.enc"
    damaged.write_bytes(raw[:5000] + bytes([raw[5000] ^ 1]) + raw[5001:])
    with pytest.raises(archive.BackupError):
        archive.unpack(damaged, tmp_path / "damaged", passphrase=PASSPHRASE, progress=lambda _line: None)
    cut = tmp_path / "cut.tar.enc"
    cut.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(archive.BackupError, match="cắt cụt"):
        archive.unpack(cut, tmp_path / "cut", passphrase=PASSPHRASE, progress=lambda _line: None)


@pytest.mark.django_db(transaction=True)
def test_plain_archive_checksums_are_verified(upload_dirs, tmp_path):
    import tarfile

    add_document()
    run("backup", str(tmp_path / "plain.tar"), "--no-encrypt")
    # Rewrite the archive with one byte of one file changed but the old manifest kept.
    source = tarfile.open(tmp_path / "plain.tar")
    with tarfile.open(tmp_path / "tampered.tar", "w") as tampered:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("files/media/") and member.isfile():
                data = bytes([data[0] ^ 1]) + data[1:]
            tampered.addfile(member, io.BytesIO(data) if data is not None else None)
    with pytest.raises(archive.BackupError, match="SHA-256 không khớp"):
        archive.unpack(tmp_path / "tampered.tar", tmp_path / "x", progress=lambda _line: None)
    manifest = json.loads(source.extractfile("manifest.json").read())
    assert manifest["encrypted"] is False and manifest["database"]["vendor"] == connection.vendor


@pytest.mark.django_db(transaction=True)
def test_keep_only_the_newest_archives(upload_dirs, tmp_path):
    folder = tmp_path / "rotation"
    for _ in range(3):
        run("backup", str(folder), "--no-encrypt", "--keep", "2")
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and all(name.startswith(archive.PREFIX) for name in names)
    stranger = folder / "ghi-chu.txt"
    stranger.write_text("không phải bản sao lưu")
    output = run("backup", str(folder), "--no-encrypt", "--keep", "1")
    assert output.count("Đã xóa bản sao lưu cũ") == 2
    assert sorted(p.name for p in folder.iterdir())[0] == "ghi-chu.txt" and len(list(folder.iterdir())) == 2


def test_encrypt_without_passphrase_is_refused(monkeypatch, tmp_path):
    monkeypatch.delenv("BACKUP_PASSPHRASE", raising=False)
    with pytest.raises(CommandError, match="BACKUP_PASSPHRASE"):
        run("backup", str(tmp_path), "--encrypt")
    with pytest.raises(CommandError, match="Không tìm thấy tệp sao lưu"):
        run("restore", str(tmp_path / "khong-co.tar"))
