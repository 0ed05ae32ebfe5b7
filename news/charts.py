"""Server-rendered horizontal bar charts (SVG geometry only; templates/news/includes/bar_chart.html draws it).

Rows of horizontal bars stay readable on a 360 px phone, where vertical bars with many columns do not.
Every chart is paired with a table holding the same numbers.
"""

from dataclasses import dataclass, field

WIDTH = 420
LABEL_WIDTH = 150
VALUE_WIDTH = 54
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
    width: int = WIDTH
    plot_x: int = LABEL_WIDTH
    plot_width: int = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    value_x: int = WIDTH - 4
    axis_y: float = 0


def _fmt(value, decimals=1):
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
    return text[:-2] if decimals and text.endswith(",0") else text


def grouped_bar_chart(uid, title, description, categories, series, values, max_value=100, unit="%"):
    """One row per category, one bar per series side by side.

    `values[i][j]` is the value of series j for category i (None draws no bar).
    """
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    group_height = BAR_HEIGHT * len(series) + 2 * (len(series) - 1)
    rows, y = [], TOP
    for label, row_values in zip(categories, values, strict=True):
        row = Row(label=label, y=y, label_y=y + group_height / 2 + 4)
        for j, (serie, value) in enumerate(zip(series, row_values, strict=True)):
            bar_y = y + j * (BAR_HEIGHT + 2)
            width = 0.0 if value is None else max(0.0, min(1.0, float(value) / max_value)) * plot_width
            text = "–" if value is None else _fmt(value, 2)
            row.bars.append(
                Bar(LABEL_WIDTH, bar_y, round(width, 1), BAR_HEIGHT, serie.css_class,
                    f"{serie.label}: {text}{unit if value is not None else ''}", text, bar_y + BAR_HEIGHT - 3)
            )
        rows.append(row)
        y += group_height + ROW_GAP
    return _finish(uid, title, description, series, rows, y, max_value, unit)


def stacked_bar_chart(uid, title, description, categories, series, values, notes, unit=""):
    """One row per category, series stacked; `notes[i]` is printed at the end of row i."""
    totals = [sum(v or 0 for v in row) for row in values]
    max_value = max(totals or [0]) or 1
    max_value = _nice_ceiling(max_value)
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows, y = [], TOP
    for label, row_values, note in zip(categories, values, notes, strict=True):
        row = Row(label=label, y=y, label_y=y + BAR_HEIGHT / 2 + 4, value_text=note)
        x = LABEL_WIDTH
        for serie, value in zip(series, row_values, strict=True):
            if not value:
                continue
            width = float(value) / max_value * plot_width
            row.bars.append(
                Bar(round(x, 1), y, round(width, 1), BAR_HEIGHT, serie.css_class,
                    f"{serie.label}: {_fmt(value, 0)}{unit}")
            )
            x += width
        row.value_y = row.label_y
        rows.append(row)
        y += BAR_HEIGHT + ROW_GAP
    return _finish(uid, title, description, series, rows, y, max_value, unit)


def _nice_ceiling(value):
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _finish(uid, title, description, series, rows, y, max_value, unit):
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    ticks = []
    for i in range(5):
        value = max_value * i / 4
        ticks.append({"x": round(LABEL_WIDTH + plot_width * i / 4, 1), "label": _fmt(value, 0)})
    chart = Chart(
        title=title, description=description, series=series, rows=rows,
        height=y + AXIS_HEIGHT, ticks=ticks, uid=uid,
    )
    chart.axis_y = y
    return chart
