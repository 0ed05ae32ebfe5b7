"""Vietnamese date input: day before month, as the admin's date widget shows it (WAGTAIL_DATE_FORMAT).

Django's `vi` locale defines no input formats, so Django's defaults (month first) parsed 08/12/2026 as
12 August and refused 25/12/2025. ISO dates stay accepted (imports, APIs, the HTML date input).
"""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 25/12/2025, the admin widget's format
    "%Y-%m-%d",  # 2025-12-25, ISO and <input type="date">
    "%d-%m-%Y",
    "%d.%m.%Y",
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",  # the admin widget's format (WAGTAIL_DATETIME_FORMAT)
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d",
]
