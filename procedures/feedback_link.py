"""Where the catalogue sends a citizen with feedback about a procedure.

The catalogue knows no feedback app: the form is the URL named by the setting
PROCEDURE_FEEDBACK_URL_NAME (the hotline's form in this project), which takes the procedure's code
as ?thu-tuc=<code>. Unset, or naming no route, there is no link.
"""

from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, reverse

CODE_PARAM = "thu-tuc"


def feedback_url(code, root=""):
    """The feedback form's URL with the procedure's code, `root` (a site's root URL) in front; ''
    when no form is configured."""
    name = getattr(settings, "PROCEDURE_FEEDBACK_URL_NAME", "")
    if not name:
        return ""
    try:
        path = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{root}{path}?{CODE_PARAM}={quote(code)}"
