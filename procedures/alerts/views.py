"""Public views: subscribe (double opt-in), confirm, unsubscribe in one click, and the usefulness vote."""

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.origin import same_origin_post
from core.params import to_id
from core.ratelimit import RateLimit, client_key
from procedures.alerts import services
from procedures.alerts.forms import SubscribeForm
from procedures.alerts.models import Subscription, UsefulnessVote
from procedures.models import ProcedurePage

SUBSCRIPTIONS = RateLimit("alerts-subscribe", "10/hour")
# One answer per page and address a day, and at most 30 answers an hour from one address.
VOTES_PER_PAGE = RateLimit("alerts-vote-page", "1/day")
VOTES = RateLimit("alerts-vote", "30/hour")


def _live(pk):
    return ProcedurePage.objects.live().public().select_related("field", "level").filter(pk=pk).first()


def subscribe(request):
    procedure = None
    raw = request.POST.get("procedure") if request.method == "POST" else request.GET.get("thu-tuc")
    if to_id(raw):
        procedure = _live(to_id(raw))
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            if not SUBSCRIPTIONS.hit(client_key(request)):
                form.add_error(None, "Bạn đã gửi quá nhiều yêu cầu đăng ký. Vui lòng thử lại sau một giờ.")
            else:
                subscription = services.subscribe(form.cleaned_data["email"], **form.target_kwargs())
                return render(
                    request,
                    "procedure_alerts/subscribe_sent.html",
                    {"email": subscription.email},
                )
    else:
        initial = {"target": Subscription.Target.PROCEDURE if procedure else Subscription.Target.FIELD}
        if procedure:
            initial.update(procedure=procedure.pk, field=procedure.field_id, level=procedure.level_id)
        form = SubscribeForm(initial=initial)
    return render(request, "procedure_alerts/subscribe.html", {"form": form, "procedure": procedure})




def confirm(request, token):
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return render(request, "procedure_alerts/link_expired.html", status=404)
    if request.method == "POST":
        services.confirm(subscription)
        return render(request, "procedure_alerts/confirmed.html", {"subscription": subscription})
    # Mail scanners open links; confirming takes a deliberate click.
    return render(request, "procedure_alerts/confirm.html", {"subscription": subscription})


@csrf_exempt  # the token in the URL is the secret; mail clients POST here without a form (RFC 8058)
def unsubscribe(request, token):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    subscription = Subscription.objects.filter(token=token).first()
    if request.method == "POST":
        if subscription is not None:
            # Nothing about the person is kept after unsubscribing, not even the mail already sent.
            subscription.messages.all().delete()
            subscription.delete()
        return render(request, "procedure_alerts/unsubscribed.html")
    if subscription is None:
        return render(request, "procedure_alerts/unsubscribed.html", {"already": True})
    return render(request, "procedure_alerts/unsubscribe.html", {"subscription": subscription})


@same_origin_post  # no CSRF token: the procedure page that holds the buttons is in the shared cache
@require_POST
def vote(request, pk):
    page = _live(pk)
    if page is None:
        raise Http404("Không có thủ tục này trên cổng.")
    answer = request.POST.get("useful")
    target = f"{page.url}?danh-gia=cam-on#danh-gia"
    if answer not in ("1", "0"):
        return redirect(f"{page.url}#danh-gia")
    client = client_key(request)
    if VOTES_PER_PAGE.hit(f"{page.pk}:{client}") and VOTES.hit(client):
        UsefulnessVote.objects.create(page=page, useful=answer == "1")
    return redirect(target)
