"""Hotline contacts and citizen feedback ("phản ánh, kiến nghị") with tracking."""

from django.apps import AppConfig


class HotlineConfig(AppConfig):
    name = "hotline"
    verbose_name = "Đường dây nóng và phản ánh, kiến nghị"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.permissions import register_permission_policy

        from core.models import PublicHoliday
        from home.sections import register_home_section
        from hotline import handlers
        from hotline.models import FeedbackAttachment, FeedbackSubmission
        from hotline.permissions import FeedbackPermissionPolicy

        register_permission_policy(
            FeedbackSubmission, FeedbackPermissionPolicy(FeedbackSubmission), exact_class=True
        )

        post_save.connect(handlers.holiday_changed, sender=PublicHoliday, dispatch_uid="hotline-holiday-save")
        post_delete.connect(handlers.holiday_changed, sender=PublicHoliday, dispatch_uid="hotline-holiday-del")
        post_delete.connect(
            handlers.attachment_deleted, sender=FeedbackAttachment, dispatch_uid="hotline-attachment-del"
        )
        register_home_section("hotline/sections/hotline.html", handlers.home_section, order=70)
