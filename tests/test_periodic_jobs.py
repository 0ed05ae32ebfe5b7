"""The periodic jobs production runs (site/config/periodic.py, `manage.py run_periodic`)."""

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

DOCUMENTED_CRON_JOBS = {
    "send_alert_mail", "search_process_queue", "recompute_feedback_deadlines", "publish_scheduled",
    "purge_personal_data",
}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("run_periodic", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_every_job_the_docs_send_to_cron_is_in_the_list(settings):
    listed = {job["command"][0] for job in settings.PERIODIC_JOBS}
    assert DOCUMENTED_CRON_JOBS <= listed
    out, _ = run("--list")
    assert "send_alert_mail: mỗi 300 giây" in out


def test_once_runs_every_job(settings):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("run_periodic", "--once", stdout=out, stderr=err)
    except CommandError as exc:
        raise AssertionError(err.getvalue()[-3000:]) from exc
    out, err = out.getvalue(), err.getvalue()
    assert err == ""
    for job in settings.PERIODIC_JOBS:
        assert f"{' '.join(job['command'])}: xong" in out


def test_a_failing_job_is_reported_and_the_others_still_run(settings):
    settings.PERIODIC_JOBS = [
        {"command": ["send_alert_mail"], "every": 60},
        {"command": ["set_site_url", "ftp://sai-dia-chi"], "every": 60},  # refuses its argument
        {"command": ["clearsessions"], "every": 60},
    ]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 việc định kỳ bị lỗi"):
        call_command("run_periodic", "--once", stdout=out, stderr=err)
    assert "set_site_url ftp://sai-dia-chi: LỖI" in err.getvalue()
    assert "send_alert_mail: xong" in out.getvalue() and "clearsessions: xong" in out.getvalue()


def test_an_unknown_command_is_refused_before_anything_runs(settings):
    settings.PERIODIC_JOBS = [{"command": ["khong_co_lenh_nay"], "every": 60}]
    with pytest.raises(CommandError, match="khong_co_lenh_nay"):
        run("--once")


def test_a_backup_folder_adds_the_nightly_backup_that_keeps_the_newest(tmp_path, monkeypatch):
    import importlib

    from config.settings import base

    monkeypatch.setenv("BACKUP_DIR", str(tmp_path))
    monkeypatch.setenv("BACKUP_KEEP", "3")
    try:
        configured = importlib.reload(base).PERIODIC_JOBS
    finally:
        monkeypatch.delenv("BACKUP_DIR")
        importlib.reload(base)
    assert {"command": ["backup", str(tmp_path), "--keep", "3"], "every": 24 * 3600} in configured
    assert not any(job["command"][0] == "backup" for job in base.PERIODIC_JOBS)
