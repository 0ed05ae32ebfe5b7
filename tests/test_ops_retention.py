"""Retention of personal data: closed feedback anonymised, unconfirmed subscriptions and sent alert mail
deleted after their periods; dry run changes nothing; every run is logged."""

import datetime
import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from hotline.models import FeedbackAttachment, FeedbackSubmission, FeedbackTopic
from hotline.retention import ANONYMISED_NAME
from procedures.alerts.models import OutgoingMessage, Subscription
from procedures.models import ProcedureField

pytestmark = pytest.mark.django_db

Status = FeedbackSubmission.Status


def feedback(status, days_ago, name="Trần Văn Nam"):
    topic, _ = FeedbackTopic.objects.get_or_create(slug="khac", defaults={"name": "Khác"})
    item = FeedbackSubmission.objects.create(
        topic=topic, name=name, phone="0987654321", email="nam@example.vn", address="Số 5 phố Nguyễn Trãi",
        content="Tôi là Trần Văn Nam, số CCCD 030201000001, phản ánh việc trả hồ sơ chậm.", status=status,
        internal_note="Đã gọi điện cho ông Nam.",
        answer_text="Ủy ban đã chỉ đạo trả hồ sơ đúng hạn.",
    )
    FeedbackSubmission.objects.filter(pk=item.pk).update(updated_at=timezone.now() - datetime.timedelta(days=days_ago))
    return item


def attach(item):
    attachment = FeedbackAttachment(
        submission=item, original_name="anh.png", content_type="image/png", size=10, sha256="0" * 64
    )
    attachment.file.save("anh.png", ContentFile(b"\x89PNG......"), save=True)
    return attachment


def subscription(email, days_ago, confirmed):
    created = timezone.now() - datetime.timedelta(days=days_ago)
    return Subscription.objects.create(
        email=email, target=Subscription.Target.FIELD, field=ProcedureField.objects.first(), created_at=created,
        confirmed_at=created if confirmed else None,
    )


def purge(*args):
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def test_dry_run_then_purge(settings, tmp_path, caplog, django_capture_on_commit_callbacks):
    settings.FEEDBACK_PRIVATE_ROOT = tmp_path / "private"
    settings.RETENTION_CLOSED_FEEDBACK_DAYS = 365
    old_answered = feedback(Status.ANSWERED, 400)
    old_rejected = feedback(Status.REJECTED, 500)
    old_open = feedback(Status.ASSIGNED, 900)  # still being handled: kept whatever its age
    recent_closed = feedback(Status.PUBLISHED, 30)
    stored = attach(old_answered)
    kept_file = attach(recent_closed)
    stale = subscription("cu@example.vn", 10, confirmed=False)
    fresh = subscription("moi@example.vn", 1, confirmed=False)
    confirmed = subscription("theodoi@example.vn", 400, confirmed=True)
    sent = OutgoingMessage.objects.create(
        key="t:1", to="theodoi@example.vn", subject="Thông báo", body="…",
        subscription=confirmed, sent_at=timezone.now() - datetime.timedelta(days=60),
    )

    output = purge("--dry-run")
    assert "Phản ánh, kiến nghị đã đóng" in output and "sẽ ẩn danh hóa 2" in output
    assert "Đăng ký nhận thông báo chưa xác nhận" in output and "sẽ xóa 1" in output
    assert FeedbackSubmission.objects.filter(name=ANONYMISED_NAME).count() == 0
    assert Subscription.objects.count() == 3 and OutgoingMessage.objects.filter(pk=sent.pk).exists()
    assert stored.file.storage.exists(stored.file.name)

    with caplog.at_level(logging.INFO, logger="operations.retention"):
        with django_capture_on_commit_callbacks(execute=True):
            output = purge()
    assert "đã ẩn danh hóa 2" in output
    logged = [record.getMessage() for record in caplog.records if record.name == "operations.retention"]
    assert any("Phản ánh, kiến nghị đã đóng" in line and "đã ẩn danh hóa 2" in line for line in logged)

    for item in (old_answered, old_rejected):
        item.refresh_from_db()
        assert item.name == ANONYMISED_NAME and item.phone == item.email == item.address == item.internal_note == ""
        assert "030201000001" not in item.content and "Nam" not in item.content
        # What the reports and the published answer need stays.
        assert item.status in (Status.ANSWERED, Status.REJECTED) and item.tracking_code and item.topic_id
        assert item.answer_text == "Ủy ban đã chỉ đạo trả hồ sơ đúng hạn."
    assert not FeedbackAttachment.objects.filter(pk=stored.pk).exists()
    assert not stored.file.storage.exists(stored.file.name)
    for item in (old_open, recent_closed):
        item.refresh_from_db()
        assert item.name == "Trần Văn Nam" and item.phone == "0987654321"
    assert kept_file.file.storage.exists(kept_file.file.name)
    assert set(Subscription.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert stale.pk not in Subscription.objects.values_list("pk", flat=True)
    assert not OutgoingMessage.objects.filter(pk=sent.pk).exists()  # sent 60 days ago, kept 30

    # Nothing left to do: a second run changes nothing.
    assert "đã ẩn danh hóa 0" in purge()


def test_periods_come_from_settings(settings):
    feedback(Status.FORWARDED, 100)
    settings.RETENTION_CLOSED_FEEDBACK_DAYS = 365
    assert "sẽ ẩn danh hóa 0" in purge("--dry-run")
    settings.RETENTION_CLOSED_FEEDBACK_DAYS = 90
    assert "(giữ 90 ngày" in purge("--dry-run") and "sẽ ẩn danh hóa 1" in purge("--dry-run")
