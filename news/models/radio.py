"""The radio column ("chuyên mục phát thanh CCHC"): audio files checked by content, episodes with transcripts."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.restrictions import CachedViewRestrictionsMixin
from news.audio import ALLOWED_EXTENSIONS, FORMATS, AudioError, inspect_audio
from news.models.base import SocialMetaMixin, paginate


def audio_max_upload_size():
    return getattr(settings, "NEWS_AUDIO_MAX_UPLOAD_SIZE", settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)


class AudioClipForm(WagtailAdminModelForm):
    """Upload form: refuses oversized files and anything that is not audio by its content."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.widget.attrs["accept"] = ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)
        field.help_text = (
            f"MP3, M4A, OGG, WAV hoặc FLAC; tối đa {filesizeformat(audio_max_upload_size())}. "
            "Thời lượng được đo tự động."
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged on edit
        limit = audio_max_upload_size()
        if upload.size > limit:
            raise ValidationError(
                f"Tệp quá lớn ({filesizeformat(upload.size)}). Dung lượng tối đa là {filesizeformat(limit)}.",
                code="file_too_large",
            )
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        try:
            info = inspect_audio(data, upload.name)
        except AudioError as exc:
            raise ValidationError(str(exc), code="invalid_audio") from exc
        self.instance.mime_type = info.mime_type
        self.instance.file_size = upload.size
        self.instance.duration_seconds = round(info.duration)
        return upload


class AudioClip(index.Indexed, models.Model):
    """An audio file of the radio column. Format, size and duration are measured once, on upload."""

    title = models.CharField("Tên tệp âm thanh", max_length=255)
    file = models.FileField("Tệp âm thanh", upload_to="phat-thanh/%Y/%m/")
    mime_type = models.CharField("Định dạng", max_length=40, editable=False, default="audio/mpeg")
    file_size = models.PositiveBigIntegerField("Dung lượng (byte)", null=True, editable=False)
    duration_seconds = models.PositiveIntegerField("Thời lượng (giây)", null=True, editable=False)
    created_at = models.DateTimeField("Ngày tải lên", default=timezone.now, editable=False)

    base_form_class = AudioClipForm
    panels = [FieldPanel("title"), FieldPanel("file")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Tệp âm thanh"
        verbose_name_plural = "Tệp âm thanh"

    def __str__(self):
        return self.title

    @property
    def format_label(self):
        return next((label for mime, _exts, label in FORMATS.values() if mime == self.mime_type), "")

    def set_from_bytes(self, data, filename):
        """Measure `data` (for code paths outside the admin form, e.g. the demo); raises AudioError."""
        info = inspect_audio(data, filename)
        self.mime_type = info.mime_type
        self.file_size = len(data)
        self.duration_seconds = round(info.duration)
        return info


class RadioColumnPage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    """The radio column: newest episode first, with its player; the podcast feed is /podcast/."""

    intro = RichTextField("Giới thiệu", blank=True, features=RICH_TEXT_FEATURES)
    podcast_author = models.CharField(
        "Đơn vị thực hiện", max_length=200, blank=True, help_text="Hiện trong ứng dụng nghe podcast."
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.RadioEpisodePage"]
    max_count_per_parent = 1
    per_page = 10

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("podcast_author")]

    class Meta:
        verbose_name = "Chuyên mục phát thanh"
        verbose_name_plural = "Chuyên mục phát thanh"

    def episodes(self):
        return (
            RadioEpisodePage.objects.child_of(self)
            .live()
            .public()
            .select_related("audio")
            .order_by("-air_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notes = []
        context["page_obj"] = paginate(request, self.episodes(), self.per_page, notes)
        context["notes"] = notes
        return context


class RadioEpisodePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        if not self.is_deferred_validation and not cleaned.get("audio"):
            self.add_error("audio", "Số phát thanh cần có tệp âm thanh trước khi xuất bản.")
        return cleaned


class RadioEpisodePage(CachedViewRestrictionsMixin, SocialMetaMixin, Page):
    """One episode: audio, its transcript (required, for listeners who cannot hear it) and air date."""

    air_date = models.DateField("Ngày phát sóng", default=timezone.localdate, db_index=True)
    episode_number = models.PositiveIntegerField("Số chương trình", null=True, blank=True)
    summary = models.TextField("Tóm tắt", max_length=600)
    audio = models.ForeignKey(
        AudioClip,
        verbose_name="Tệp âm thanh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="episodes",
    )
    transcript = RichTextField(
        "Bản ghi lời",
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link"],
        help_text="Toàn văn lời phát thanh, bắt buộc để người khiếm thính đọc được.",
    )

    base_form_class = RadioEpisodePageForm
    parent_page_types = ["news.RadioColumnPage"]
    subpage_types = []
    og_type = "article"

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("air_date"), FieldPanel("episode_number")], heading="Phát sóng"),
        FieldPanel("summary", widget=forms.Textarea(attrs={"rows": 3})),
        FieldPanel("audio"),
        FieldPanel("transcript"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.FilterField("air_date"),
    ]

    class Meta:
        verbose_name = "Số phát thanh"
        verbose_name_plural = "Số phát thanh"

    def social_published_time(self):
        return self.air_date

    @property
    def duration_seconds(self):
        return self.audio.duration_seconds if self.audio_id and self.audio else None
