"""Login lockout by account, and by address only at a much higher count (django-axes).

An office reaches the site from one address (NAT): counting failures per address at the account
limit would let five typos by anyone lock out every colleague. So failures count per account
(LOGIN_FAILURE_LIMIT); the address joins the count only once the failures from it reach
LOGIN_ADDRESS_FAILURE_LIMIT, which stops one machine guessing many accounts.
"""

import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from core.clientaddr import client_address


def address_failures(request):
    """Failed logins from the request's address within the cool-off time, whatever the account."""
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    rows = AccessAttempt.objects.filter(ip_address=client_address(request), attempt_time__gte=since)
    return rows.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_parameters(request, credentials=None):
    """AXES_LOCKOUT_PARAMETERS: the account; the address too once it is over its own limit (axes
    then compares the larger count, already past the account limit, and refuses the address)."""
    if request is not None and hasattr(request, "META"):
        if address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return ["username", "ip_address"]
    return ["username"]
