"""Text made safe for a spreadsheet cell of a CSV export (formula injection, as OWASP recommends)."""

# A cell starting with one of these is read by Excel or LibreOffice as a formula (tab and carriage
# return too, after the program trims them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """The value as text; one that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's
    advice: the program shows the text as typed and keeps the apostrophe out of sight in the cell)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
