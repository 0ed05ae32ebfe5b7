"""Backup archives: one tar file holding the database dump, the uploaded files and a manifest.

    database/postgresql.dump | database/sqlite3.db
    files/<root label>/<path>          (modes kept; folders included)
    manifest.json                      (last: versions, migration state, counts, SHA-256 of every member)

Written owner-only (0600) under a temporary name and renamed when complete, so an interrupted backup
never looks whole; optionally sealed with a passphrase (operations.crypto).
"""

import datetime
import hashlib
import io
import json
import os
import platform
import shutil
import tarfile
import tempfile
import time
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.utils import timezone

from operations import crypto, database, files

FORMAT = 1
PREFIX = "tthc-backup-"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese."""


class _HashingReader:
    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def archive_name(encrypted, now=None):
    # Milliseconds: two backups in one second must not collide; names sort in time order (prune).
    stamp = (now or timezone.now()).astimezone(datetime.UTC).strftime("%Y%m%d-%H%M%S-%f")[:-3]
    return f"{PREFIX}{stamp}.tar" + (".enc" if encrypted else "")


def _open_private(path):
    """A new file only its owner may read, whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")


def _human(size):
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024


def create(dest, *, passphrase=None, progress=print):
    """Write a backup to `dest`: a folder (a new dated archive in it), or a file name ending in .tar or
    .enc. Returns the archive's path."""
    started = time.monotonic()
    dest = Path(dest)
    if dest.is_dir() or not dest.name.endswith((".tar", ".enc")):
        dest.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = dest / archive_name(bool(passphrase))
    else:
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = dest
    if target.exists():
        raise BackupError(f"Tệp {target} đã có; chọn tên khác.")
    partial = target.with_name(f".{target.name}.partial")
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "encrypted": bool(passphrase),
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database": database.server_version(),
            "dump_tool": database.tool_version(),
        },
        "database": {"vendor": database.vendor(), "member": database.member_name()},
        "migrations": database.applied_migrations(),
        "counts": {},
        "files": {},
        "checksums": {},
    }
    with tempfile.TemporaryDirectory(prefix="tthc-backup-") as work:
        progress("Cơ sở dữ liệu: đang sao lưu…")
        dump_path = Path(work) / "database"
        # Counted just before the dump: a site that keeps running may add rows in between.
        manifest["counts"] = database.counts()
        database.dump(dump_path)
        progress(f"  xong ({_human(dump_path.stat().st_size)}).")
        raw = _open_private(partial)
        try:
            sink = crypto.EncryptingWriter(raw, passphrase) if passphrase else raw
            with tarfile.open(fileobj=sink, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                _add_file(tar, manifest, database.member_name(), dump_path, mode=0o600)
                _add_roots(tar, manifest, progress)
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
                tar.addfile(info, io.BytesIO(data))
            if passphrase:
                sink.close()
            raw.flush()
            os.fsync(raw.fileno())
        except BaseException:
            raw.close()
            partial.unlink(missing_ok=True)
            raise
        raw.close()
    partial.rename(target)
    progress(
        f"Xong: {target} ({_human(target.stat().st_size)}"
        f"{', đã mã hóa' if passphrase else ''}) trong {time.monotonic() - started:.1f} giây."
    )
    return target


def _add_file(tar, manifest, name, path, mode=None):
    info = tar.gettarinfo(str(path), arcname=name)
    if mode is not None:
        info.mode = mode
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    manifest["checksums"][name] = reader.sha256.hexdigest()
    return info.size


def _add_roots(tar, manifest, progress):
    for label, root in files.roots().items():
        entries = list(files.walk(root))
        count = sum(1 for *_rest, is_dir in entries if not is_dir)
        total_bytes = 0
        progress(f"Tệp ({label}, {root}): {count} tệp…")
        done = 0
        last_tenth = -1
        for relative, path, is_dir in entries:
            name = f"files/{label}/{relative}"
            if is_dir:
                info = tar.gettarinfo(str(path), arcname=name)
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                tar.addfile(info)
                continue
            total_bytes += _add_file(tar, manifest, name, path)
            done += 1
            tenth = done * 10 // max(count, 1)
            if tenth != last_tenth and count >= 20:
                last_tenth = tenth
                progress(f"  {done}/{count} ({_human(total_bytes)})")
        manifest["files"][label] = {"folder": str(root), "count": count, "bytes": total_bytes}
        progress(f"  xong: {count} tệp, {_human(total_bytes)}.")


# --- reading ------------------------------------------------------------------------------------


def _open_archive(path, passphrase):
    raw = open(path, "rb")
    if crypto.is_encrypted(path):
        if not passphrase:
            raw.close()
            raise BackupError(
                "Bản sao lưu đã được mã hóa: đặt cụm mật khẩu trong biến môi trường BACKUP_PASSPHRASE."
            )
        return raw, crypto.DecryptingReader(raw, passphrase)
    return raw, raw


def unpack(path, work, *, passphrase=None, progress=print):
    """Extract an archive into the folder `work` and check every member against the manifest.

    Returns the manifest. Raises BackupError on a wrong passphrase, a damaged archive or a checksum
    that does not match; nothing outside `work` has been touched then.
    """
    work = Path(work)
    raw, source = _open_archive(path, passphrase)
    seen = {}
    manifest = None
    try:
        with tarfile.open(fileobj=source, mode="r|") as tar:
            for member in tar:
                if member.name == MANIFEST:
                    manifest = json.loads(tar.extractfile(member).read().decode())
                    continue
                if not (member.name.startswith("database/") or member.name.startswith("files/")):
                    raise BackupError(f"Bản sao lưu có mục lạ: {member.name}")
                # The "data" filter refuses absolute paths, "..", links out of the folder and device files.
                tar.extract(member, work, filter="data")
                if member.isfile():
                    seen[member.name] = _sha256_file(work / member.name)
    except crypto.DecryptionError as exc:
        raise BackupError(f"Không mở được bản sao lưu: {exc}.") from exc
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"Bản sao lưu bị hỏng hoặc không đầy đủ: {exc}") from exc
    finally:
        raw.close()
    if manifest is None:
        raise BackupError("Bản sao lưu không có tệp mô tả (manifest.json): có thể bị cắt cụt.")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Định dạng bản sao lưu {manifest.get('format')} không được hỗ trợ.")
    expected = manifest["checksums"]
    wrong = sorted(name for name in expected if seen.get(name) != expected[name])
    extra = sorted(set(seen) - set(expected))
    if wrong or extra:
        raise BackupError(
            f"Mã kiểm tra SHA-256 không khớp ({len(wrong)} mục sai hoặc thiếu, {len(extra)} mục thừa), "
            f"ví dụ: {', '.join((wrong + extra)[:3])}"
        )
    progress(f"Đã kiểm tra {len(expected)} mục: mã SHA-256 khớp.")
    return manifest


def restore(path, *, passphrase=None, force=False, progress=print, work_dir=None):
    """Restore a backup onto this site's database and upload folders; returns the manifest.

    Refuses a database that already holds content unless `force`; checks every checksum before
    touching anything; afterwards compares the counts per model with the manifest.
    """
    started = time.monotonic()
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    existing = database.content_summary()
    if existing and not force:
        listed = ", ".join(f"{n} {label}" for label, n in existing.items())
        raise BackupError(
            f"Cơ sở dữ liệu hiện có dữ liệu ({listed}); không khôi phục đè lên. Khôi phục vào một cơ sở dữ "
            "liệu mới, hoặc thêm --force nếu thật sự muốn thay toàn bộ dữ liệu hiện có."
        )
    with tempfile.TemporaryDirectory(prefix="tthc-restore-", dir=work_dir) as work:
        os.chmod(work, 0o700)
        progress(f"Đang đọc và kiểm tra {path}…")
        manifest = unpack(path, work, passphrase=passphrase, progress=progress)
        if manifest["database"]["vendor"] != database.vendor():
            raise BackupError(
                f"Bản sao lưu của {manifest['database']['vendor']} không khôi phục được vào {database.vendor()}."
            )
        newer = database.unknown_migrations(manifest["migrations"])
        if newer:
            raise BackupError(
                "Bản sao lưu được tạo bởi phiên bản mã nguồn mới hơn (có các migration "
                f"{', '.join(newer[:5])}…): cập nhật mã nguồn trước khi khôi phục."
            )
        progress("Cơ sở dữ liệu: đang khôi phục…")
        database.load(Path(work) / manifest["database"]["member"])
        progress("  xong.")
        _place_files(Path(work) / "files", manifest, progress)
    _compare_counts(manifest, progress)
    progress(f"Khôi phục xong trong {time.monotonic() - started:.1f} giây.")
    return manifest


def _place_files(staged, manifest, progress):
    targets = files.roots()
    for label, info in manifest["files"].items():
        source = staged / label
        target = targets.get(label)
        if target is None:
            raise BackupError(f"Cấu hình hiện tại không có thư mục lưu tệp '{label}' ({info['folder']}).")
        progress(f"Tệp ({label}) → {target}: {info['count']} tệp…")
        if not source.exists():
            continue
        target.mkdir(parents=True, exist_ok=True)
        for relative, path, is_dir in files.walk(source):
            destination = target / relative
            if is_dir:
                destination.mkdir(exist_ok=True)
                os.chmod(destination, path.stat().st_mode & 0o7777)
            else:
                shutil.copy2(path, destination)  # contents, mode and modification time
        progress("  xong.")


def _compare_counts(manifest, progress):
    now = database.counts()
    different = {
        label: (expected, now.get(label))
        for label, expected in manifest["counts"].items()
        if now.get(label) != expected
    }
    if different:
        listed = "; ".join(f"{label}: {a} → {b}" for label, (a, b) in list(different.items())[:5])
        raise BackupError(f"Số bản ghi sau khi khôi phục khác bản sao lưu ({listed}).")
    progress(f"Số bản ghi khớp với bản sao lưu ({len(manifest['counts'])} loại dữ liệu).")


# --- retention ----------------------------------------------------------------------------------


def prune(folder, keep, *, progress=print):
    """Keep the `keep` newest archives of this command in `folder`; delete the older ones."""
    if keep < 1:
        raise BackupError("--keep phải từ 1 trở lên.")
    archives = sorted(
        (p for p in Path(folder).glob(f"{PREFIX}*.tar*") if p.is_file() and not p.name.endswith(".partial")),
        key=lambda p: p.name,
        reverse=True,
    )
    removed = []
    for old in archives[keep:]:
        old.unlink()
        removed.append(old)
        progress(f"Đã xóa bản sao lưu cũ: {old.name}")
    return removed
