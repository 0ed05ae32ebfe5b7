"""Reading request parameters (query string, form values, path segments) the one way every view uses.

Anything hostile (non-ASCII digits, numbers the database cannot hold, NUL and control characters,
overlong values) reads as "not given or unknown", so a view answers it as it answers any unknown
value: the page without that filter, a Vietnamese note, or a 404. A repeated parameter counts by its
last value, as Django's QueryDict.get() gives it (id_list takes them all).
"""

import datetime
import re
import unicodedata

from django import forms

# Ids and counts the database can hold: PostgreSQL's `integer` (SQLite's is wider, but ids past this
# name nothing on either).
MAX_ID = 2**31 - 1
MAX_TEXT = 200

_INT = re.compile(r"[+-]?[0-9]{1,18}", re.ASCII)
_SLUG = re.compile(r"[-a-zA-Z0-9_]+", re.ASCII)
# C0 and C1 control characters, DEL, and the Unicode non-characters PostgreSQL or a browser mangles.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def raw(params, name, *, max_length=MAX_TEXT) -> str:
    """The parameter's last value, stripped, or "" when it is missing, empty, too long, or carries a
    control character (a NUL would make PostgreSQL refuse the whole query)."""
    value = params.get(name, "") if params is not None else ""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if len(value) > max_length or _CONTROL.search(value):
        return ""
    return value


def clean_text(value, *, max_length=MAX_TEXT) -> str:
    """Free text as typed (a search, a code): NFC, control characters and runs of spaces made single
    spaces, cut to `max_length` characters."""
    if not isinstance(value, str):
        return ""
    value = _CONTROL.sub(" ", value[: max_length * 4])
    value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())[:max_length]


def text(params, name, *, max_length=MAX_TEXT) -> str:
    """A free-text parameter (see clean_text); never fails."""
    value = params.get(name, "") if params is not None else ""
    return clean_text(value, max_length=max_length)


def to_int(value, *, low=0, high=MAX_ID) -> int | None:
    """`value` as an integer in [low, high] written with ASCII digits, or None. Python's int() also
    takes "٣", "1_000" and " 7 ", and "²".isdigit() is true: neither is a number a visitor typed."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _INT.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if low <= number <= high else None


def integer(params, name, *, low=0, high=MAX_ID, default=None):
    """An integer parameter in [low, high]; `default` when missing or not such a number."""
    number = to_int(raw(params, name, max_length=20), low=low, high=high)
    return default if number is None else number


def to_id(value) -> int | None:
    """A primary key (1 … MAX_ID) from a string or int, or None."""
    return to_int(value, low=1, high=MAX_ID)


def object_id(params, name) -> int | None:
    return to_id(raw(params, name, max_length=20))


def id_list(params, name, *, separator=",", limit=500) -> list[int]:
    """Ids from "1,2,3" (also from the parameter repeated); anything that is not an id is left out."""
    values = params.getlist(name) if hasattr(params, "getlist") else [params.get(name, "")]
    found = []
    for value in values:
        if not isinstance(value, str) or len(value) > limit * 12:
            continue
        for part in value.split(separator):
            number = to_id(part)
            if number is not None and number not in found:
                found.append(number)
            if len(found) >= limit:
                return found
    return found


def choice(params, name, choices, *, default=None):
    """One of `choices` (values compared exactly), or `default`."""
    value = raw(params, name)
    return value if value and value in choices else default


def slug(params, name, *, max_length=100) -> str:
    """A slug-shaped value (ASCII letters, digits, - and _), or ""; the caller still looks it up."""
    value = raw(params, name, max_length=max_length)
    return value if _SLUG.fullmatch(value) else ""


def to_date(value, *, low=datetime.date(1900, 1, 1), high=datetime.date(2200, 12, 31)):
    """A date written YYYY-MM-DD within [low, high], or None."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip(), re.ASCII):
        return None
    try:
        day = datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None
    return day if low <= day <= high else None


def date(params, name, **bounds):
    return to_date(raw(params, name, max_length=10), **bounds)


def year(params, name, *, low=1900, high=2200):
    """A year within [low, high]; the database's year lookup fails on years outside 1…9999."""
    return integer(params, name, low=low, high=high)


def month(params, name) -> tuple[int, int] | None:
    """(year, month) from "YYYY-MM", or None."""
    value = raw(params, name, max_length=7)
    found = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", value, re.ASCII)
    if not found:
        return None
    number = int(found.group(2))
    return (int(found.group(1)), number) if 1 <= number <= 12 else None


def is_given(params, name) -> bool:
    """Whether the visitor sent the parameter with anything in it (to say a value was not understood)."""
    value = params.get(name, "") if params is not None else ""
    return isinstance(value, str) and bool(value.strip())


def safe_segment(value, *, max_length=MAX_TEXT) -> str | None:
    """A path segment fit for a database lookup, or None (a NUL, a control character, too long)."""
    if not isinstance(value, str) or len(value) > max_length or _CONTROL.search(value):
        return None
    return value


class IdChoiceField(forms.ModelChoiceField):
    """A model choice read the same way: a value that is not an id the database can hold is an
    invalid choice (Django would send a 30-digit one to the database, which SQLite cannot bind)."""

    def to_python(self, value):
        if (
            value not in self.empty_values
            and not isinstance(value, self.queryset.model)
            and self.to_field_name is None
            and to_id(str(value)) is None
        ):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
