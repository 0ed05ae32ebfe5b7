"""Path converters every urls.py uses instead of Django's `int` and `str`: `<id:pk>` and `<segment:code>`.

Django's `int` takes a 20-digit number that no database integer holds (SQLite raises OverflowError),
and `str` takes a NUL that PostgreSQL refuses; these match neither, so such a path is a plain 404.
"""

from django.urls import register_converter

from core.params import MAX_ID, MAX_TEXT


class IdConverter:
    regex = "[0-9]{1,10}"

    def to_python(self, value):
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # the resolver reads a ValueError as "no match"
        return number

    def to_url(self, value):
        return str(value)


class SegmentConverter:
    """One path segment without control characters, at most MAX_TEXT characters."""

    regex = f"[^/\x00-\x1f\x7f]{{1,{MAX_TEXT}}}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def register():
    register_converter(IdConverter, "id")
    register_converter(SegmentConverter, "segment")
