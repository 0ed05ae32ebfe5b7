"""Server-rendered horizontal bar charts (SVG geometry only; templates/news/includes/bar_chart.html draws it).

Rows of horizontal bars stay readable on a 360 px phone, where vertical bars with many columns do not:
the viewBox is about as wide as a phone screen, so 11 px text stays 11 px there. Every chart is paired
with a table holding the same numbers.
"""

from dataclasses import dataclass, field

WIDTH = 360
MIN_LABEL_WIDTH = 70
MAX_LABEL_WIDTH = 165
VALUE_WIDTH = 46
CHAR_WIDTH = 6.0  # average advance of an 11 px sans-serif glyph
ROW_GAP = 10
BAR_HEIGHT = 14
TOP = 8
AXIS_HEIGHT = 22


@dataclass
class Series:
    label: str
    css_class: str


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css_class: str
    title: str
    value_text: str = ""
    text_y: float = 0


@dataclass
class Row:
    label: str
    y: float
    label_y: float
    bars: list = field(default_factory=list)
    value_text: str = ""
    value_y: float = 0


@dataclass
class Chart:
    title: str
    description: str
    series: list
    rows: list
    height: float
    ticks: list
    uid: str
    plot_x: float
    plot_width: float
    axis_y: float
    width: int = WIDTH
    value_x: int = WIDTH - 2


def fmt(value, decimals=1):
    """Vietnamese number: thin-space thousands, decimal comma, no trailing ',0'."""
    text = f"{value:,.{decimals}f}".replace(",", "\u2009").replace(".", ",")
    return text[:-2] if decimals == 1 and text.endswith(",0") else text


def _layout(categories):
    longest = max((len(c) for c in categories), default=0)
    label_width = min(MAX_LABEL_WIDTH, max(MIN_LABEL_WIDTH, round(longest * CHAR_WIDTH) + 10))
    return label_width, WIDTH - label_width - VALUE_WIDTH


def grouped_bar_chart(uid, title, description, categories, series, values, max_value=100, unit="%", decimals=2):
    """One row per category, one bar per series under each other, each with its value at the right.

    `values[i][j]` is the value of series j for category i (None draws an empty bar and "–").
    """
    plot_x, plot_width = _layout(categories)
    group_height = BAR_HEIGHT * len(series) + 2 * (len(series) - 1)
    rows, y = [], TOP
    for label, row_values in zip(categories, values, strict=True):
        row = Row(label=label, y=y, label_y=y + group_height / 2 + 4)
        for j, (serie, value) in enumerate(zip(series, row_values, strict=True)):
            bar_y = y + j * (BAR_HEIGHT + 2)
            width = 0.0 if value is None else max(0.0, min(1.0, float(value) / max_value)) * plot_width
            text = "–" if value is None else fmt(value, decimals)
            row.bars.append(
                Bar(plot_x, bar_y, round(width, 1), BAR_HEIGHT, serie.css_class,
                    f"{serie.label}: {text}{unit if value is not None else ''}", text, bar_y + BAR_HEIGHT - 3)
            )
        rows.append(row)
        y += group_height + ROW_GAP
    return _finish(uid, title, description, series, rows, y, max_value, plot_x, plot_width)


def stacked_bar_chart(uid, title, description, categories, series, values, notes, unit=""):
    """One row per category, series stacked; `notes[i]` is printed at the end of row i."""
    plot_x, plot_width = _layout(categories)
    totals = [sum(v or 0 for v in row) for row in values]
    max_value = nice_ceiling(max(totals or [0]) or 1)
    rows, y = [], TOP
    for label, row_values, note in zip(categories, values, notes, strict=True):
        row = Row(label=label, y=y, label_y=y + BAR_HEIGHT / 2 + 4, value_text=note)
        x = plot_x
        for serie, value in zip(series, row_values, strict=True):
            if not value:
                continue
            width = float(value) / max_value * plot_width
            row.bars.append(
                Bar(round(x, 1), y, round(width, 1), BAR_HEIGHT, serie.css_class,
                    f"{serie.label}: {fmt(value, 0)}{unit}")
            )
            x += width
        row.value_y = row.label_y
        rows.append(row)
        y += BAR_HEIGHT + ROW_GAP
    return _finish(uid, title, description, series, rows, y, max_value, plot_x, plot_width)


def nice_ceiling(value):
    """Smallest 1, 2, 2.5 or 5 × 10^n not below value, for round axis ticks."""
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _finish(uid, title, description, series, rows, y, max_value, plot_x, plot_width):
    ticks = [
        {"x": round(plot_x + plot_width * i / 4, 1), "label": fmt(max_value * i / 4, 0)} for i in range(5)
    ]
    return Chart(
        title=title, description=description, series=series, rows=rows, height=y + AXIS_HEIGHT,
        ticks=ticks, uid=uid, plot_x=plot_x, plot_width=plot_width, axis_y=y,
    )
