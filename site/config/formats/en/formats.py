"""The admin's date picker shows day first in every admin language, so English input reads day first too."""

from config.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401
