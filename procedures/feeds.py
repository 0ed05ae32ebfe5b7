"""RSS feed of the catalogue's recent changes (one item per procedure and announcing decision)."""

import datetime
from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from procedures.history import RECENT_PERIODS, Status, recent_or_latest
from procedures.ward_desk import site_settings

FEED_LIMIT = 200


class RecentChangesFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        changes, quiet = recent_or_latest(RECENT_PERIODS[-1], limit=FEED_LIMIT, latest=FEED_LIMIT)
        return SimpleNamespace(changes=changes, quiet=quiet)

    def description(self, obj):
        kinds = "Thủ tục hành chính được công bố mới, sửa đổi, bổ sung, thay thế hoặc bãi bỏ"
        if obj.quiet:
            return (
                f"{kinds}: không có thay đổi trong {RECENT_PERIODS[-1]} ngày qua; đây là các thay đổi gần "
                "nhất, theo quyết định công bố."
            )
        return f"{kinds} trong {RECENT_PERIODS[-1]} ngày qua, theo quyết định công bố."

    def title(self):
        return f"Thủ tục hành chính mới cập nhật – {site_settings(self.request).unit_name}"

    def link(self):
        return reverse("procedures_public:recent")

    def items(self, obj):
        return obj.changes

    def item_title(self, change):
        return f"{Status(change.kind).label}: {change.page.title}"

    def item_description(self, change):
        parts = [f"Mã thủ tục: {change.page.code}.", f"Lĩnh vực: {change.page.field.name}."]
        if change.decision:
            parts.append(
                f"Theo {change.decision}{' của ' + change.decision.issuer if change.decision.issuer else ''}."
            )
        if change.effective_date:
            parts.append(f"Có hiệu lực từ ngày {change.effective_date:%d/%m/%Y}.")
        if change.changed_parts:
            parts.append(f"Nội dung sửa đổi, bổ sung: {change.changed_parts}")
        if change.replacement and change.replacement.live:
            parts.append(f"Thay thế bằng: {change.replacement.title} ({change.replacement.code}).")
        return " ".join(parts)

    def item_link(self, change):
        return change.page.get_url(self.request) or change.page.url_path

    def item_guid(self, change):
        return f"{self.request.build_absolute_uri(self.item_link(change))}#thay-doi-{change.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        when = change.announced or timezone.localdate()
        return timezone.make_aware(datetime.datetime.combine(when, datetime.time(7, 0)))

    def item_categories(self, change):
        return [Status(change.kind).label, change.page.field.name]
