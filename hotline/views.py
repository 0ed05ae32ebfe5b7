"""Public views: the feedback form and its confirmation, the tracking look-up, the published answers."""

import csv
import hmac

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import params
from core.ratelimit import client_key
from core.spreadsheet import csv_cell
from hotline import limits
from hotline.forms import FeedbackForm, LookupForm
from hotline.models import FeedbackSubmission, FeedbackTopic
from hotline.public import public_answers
from hotline.services import create_submission

SESSION_KEY = "hotline_last_submission"
SECTION = ("Phản ánh, kiến nghị", "/phan-anh-kien-nghi/")
NOT_FOUND = (
    "Không tìm thấy phản ánh khớp với mã tra cứu và 4 số cuối điện thoại đã nhập. "
    "Vui lòng kiểm tra lại cả hai thông tin."
)
_UNITS = {1: "giây", 60: "phút", 3600: "giờ", 86400: "ngày"}


def period_label(seconds):
    for size in (86400, 3600, 60, 1):
        if seconds % size == 0:
            count = seconds // size
            return f"{count} {_UNITS[size]}"
    return f"{seconds} giây"


def limit_message(limit, action):
    count, period = limit.rate
    return (
        f"Bạn đã {action} {count} lần trong {period_label(period)}, đạt giới hạn cho phép để chống gửi tự động. "
        "Vui lòng thử lại sau, hoặc gọi đường dây nóng để được hỗ trợ."
    )


def _initial_from_query(request):
    from home.models import WardHomePage

    initial = {}
    ward_slug = params.slug(request.GET, "don-vi")
    if ward_slug:
        ward = WardHomePage.objects.live().filter(slug=ward_slug).first()
        if ward:
            initial["ward"] = ward.pk
    code = params.text(request.GET, "thu-tuc", max_length=64)
    if code:
        initial["procedure_code"] = code
    topic_slug = params.slug(request.GET, "linh-vuc")
    if topic_slug:
        topic = FeedbackTopic.objects.filter(slug=topic_slug, is_active=True).first()
        if topic:
            initial["topic"] = topic.pk
    return initial


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_form(request):
    ident = client_key(request)
    limited = limits.submissions.exceeded(ident)
    status = 200
    notice = None
    if request.method == "POST":
        form = FeedbackForm(request.POST, request.FILES)
        if form.is_bot:
            limits.submissions.hit(ident)
            form = FeedbackForm(request.POST)
            notice = "Không gửi được: biểu mẫu có dấu hiệu gửi tự động. Vui lòng tải lại trang và gửi lại."
            status = 400
        elif limited:
            form = FeedbackForm(request.POST)  # keeps what was typed; nothing is validated or stored
            notice = limit_message(limits.submissions, "gửi phản ánh")
            status = 429
        elif form.is_valid():
            if not limits.submissions.hit(ident):
                notice = limit_message(limits.submissions, "gửi phản ánh")
                form = FeedbackForm(request.POST)
                status = 429
            else:
                submission = create_submission(form.cleaned_data, form.checked_files)
                if submission.email:
                    lookup_url = request.build_absolute_uri(reverse("hotline:lookup"))
                    transaction.on_commit(
                        lambda: _send_confirmation(submission.id, lookup_url)
                    )
                request.session[SESSION_KEY] = submission.tracking_code
                return redirect("hotline:confirmation")
    else:
        form = FeedbackForm(initial=_initial_from_query(request))
        if limited:
            notice = limit_message(limits.submissions, "gửi phản ánh")
    context = {
        "form": form, "notice": notice, "limited": limited or status == 429,
        "crumbs": [("Gửi phản ánh, kiến nghị", None)],
    }
    return render(request, "hotline/feedback_form.html", context, status=status)


def _send_confirmation(submission_id, lookup_url):
    from hotline.emails import send_confirmation

    send_confirmation.enqueue(submission_id, lookup_url)


@never_cache
def confirmation(request):
    code = request.session.get(SESSION_KEY)
    submission = FeedbackSubmission.objects.filter(tracking_code=code).select_related("ward").first() if code else None
    if submission is None:
        return redirect("hotline:feedback_form")
    context = {"submission": submission, "crumbs": [SECTION, ("Đã tiếp nhận", None)]}
    return render(request, "hotline/feedback_confirmation.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    result = None
    error = None
    status = 200
    if request.method == "POST":
        form = LookupForm(request.POST)
        ident = client_key(request)
        if not limits.lookups.hit(ident):
            error = limit_message(limits.lookups, "tra cứu")
            status = 429
        elif form.is_valid():
            code = form.cleaned_data["code"]
            digits = form.cleaned_data["phone_digits"]
            code_key = code or "invalid"
            if limits.code_failures.exceeded(code_key):
                error = limit_message(limits.code_failures, "tra cứu sai mã này")
                status = 429
            else:
                found = (
                    FeedbackSubmission.objects.filter(tracking_code=code).select_related("topic", "ward").first()
                    if code
                    else None
                )
                expected = found.phone_last_digits if found else "\x00\x00\x00\x00"
                matches = hmac.compare_digest(expected.encode(), digits.encode())
                if found is not None and matches:
                    result = found
                else:
                    limits.code_failures.hit(code_key)
                    error = NOT_FOUND
                    status = 404
        else:
            status = 400
    else:
        form = LookupForm(initial={"code": params.text(request.GET, "ma", max_length=24)})
    context = {"form": form, "result": result, "error": error, "crumbs": [SECTION, ("Tra cứu kết quả", None)]}
    return render(request, "hotline/feedback_lookup.html", context, status=status)


def answer_list(request):
    topics = FeedbackTopic.objects.filter(submissions__status=FeedbackSubmission.Status.PUBLISHED).distinct()
    selected = None
    queryset = FeedbackSubmission.objects.all()
    topic_slug = params.raw(request.GET, "linh-vuc")
    if topic_slug:
        selected = topics.filter(slug=topic_slug).first()
        queryset = queryset.filter(topic=selected) if selected else queryset.none()
    paginator = Paginator(public_answers(queryset), 10)
    page = paginator.get_page(request.GET.get("trang"))
    context = {
        "page_obj": page, "topics": topics, "selected_topic": selected, "topic_slug": topic_slug,
        "crumbs": [SECTION, ("Câu hỏi đã trả lời", None)],
    }
    return render(request, "hotline/answer_list.html", context)


def answer_detail(request, pk):
    answers = list(public_answers(FeedbackSubmission.objects.filter(pk=pk)))
    if not answers:
        raise Http404("Không có câu trả lời công khai này")
    answer = answers[0]
    context = {
        "answer": answer, "procedure_url": answer.procedure_url(request),
        "crumbs": [SECTION, ("Câu hỏi đã trả lời", "/phan-anh-kien-nghi/da-tra-loi/"), (answer.title, None)],
    }
    return render(request, "hotline/answer_detail.html", context)


CSV_COLUMNS = [
    ("id", "Số thứ tự"), ("title", "Tiêu đề"), ("topic", "Lĩnh vực"), ("classification", "Phân loại"),
    ("unit", "Đơn vị xử lý"), ("received_on", "Ngày tiếp nhận"), ("answered_on", "Ngày trả lời"),
    ("published_on", "Ngày công khai"), ("question", "Nội dung câu hỏi"), ("answer", "Nội dung trả lời"),
    ("answering_unit", "Đơn vị trả lời"), ("procedure_code", "Mã thủ tục liên quan"),
]


def answers_csv(request):
    """Open data: the published questions and answers, no personal data (UTF-8 with BOM for Excel)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="phan-anh-kien-nghi-da-tra-loi.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([label for _, label in CSV_COLUMNS])
    for answer in public_answers():
        row = []
        for name, _ in CSV_COLUMNS:
            value = getattr(answer, name)
            if hasattr(value, "strftime"):
                value = value.strftime("%d/%m/%Y")
            row.append(csv_cell(value))
        writer.writerow(row)
    return response
