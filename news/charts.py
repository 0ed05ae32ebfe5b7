"""Server-rendered horizontal charts (SVG geometry only; templates/news/includes/bar_chart.html draws it).

Rows of horizontal marks stay readable on a 360 px phone, where vertical bars with many columns do not:
the viewBox is about as wide as a phone screen, so 11 px text stays 11 px there. Every chart is paired
with a table holding the same numbers.

The axis follows the data. A bar's length is its value, so bars always start at zero; rates that sit
close together near their top (98.6 % against 100 %) are drawn as dots on an axis that starts higher,
which the chart says in words. Value labels carry the unit of what is measured.
"""

import math
from dataclasses import dataclass, field

WIDTH = 360
MIN_LABEL_WIDTH = 70
MAX_LABEL_WIDTH = 165
VALUE_WIDTH = 52
CHAR_WIDTH = 6.0  # average advance of an 11 px sans-serif glyph
ROW_GAP = 10
BAR_HEIGHT = 14
TOP = 8
AXIS_HEIGHT = 34  # tick labels, then the axis title
MAX_TICK_STEPS = 5
# Values all above this share of the axis's top are drawn as dots on a shorter axis.
ZOOM_ABOVE = 0.5
# A shorter axis still spans at least this share of the top (all at 100 %: 95–100 %, not 99.9–100 %).
MIN_SPAN = 0.05


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
    dot: bool = False  # drawn as a dot at x + width on a track from x, not as a bar
    cy: float = 0

    @property
    def cx(self):
        return round(self.x + self.width, 1)


@dataclass
class Row:
    label: str
    y: float
    label_y: float
    bars: list = field(default_factory=list)
    value_text: str = ""
    value_y: float = 0


@dataclass
class Scale:
    low: float
    high: float
    ticks: list

    @property
    def zoomed(self):
        return self.low > 0

    def fraction(self, value):
        return max(0.0, min(1.0, (float(value) - self.low) / (self.high - self.low)))


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
    axis_label: str = ""
    scale_note: str = ""
    dots: bool = False
    width: int = WIDTH
    value_x: int = WIDTH - 2

    @property
    def plot_end(self):
        return round(self.plot_x + self.plot_width, 1)


def fmt(value, decimals=1):
    """Vietnamese number as the tables write it: dot thousands, decimal comma, no trailing ',0'."""
    text = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text[:-2] if decimals == 1 and text.endswith(",0") else text


def fmt_tick(value):
    """An axis tick: as many decimals as the step needs (96 / 97,5 / 0,25)."""
    for decimals in (0, 1, 2):
        if abs(value - round(value, decimals)) < 1e-9:
            return fmt(value, decimals) if decimals else fmt(round(value), 0)
    return fmt(value, 2)


def _nice_steps():
    """1, 2, 2.5, 5 × 10^n from 0.01 up."""
    exponent = -2
    while True:
        for base in (1, 2, 2.5, 5):
            yield base * 10**exponent
        exponent += 1


def _ticks(low, high, step):
    count = round((high - low) / step)
    return [round(low + step * i, 6) for i in range(count + 1)]


def zero_scale(largest, top=None):
    """An axis from zero: to `top` in quarters, or to the first round number at or above `largest`
    reached in at most MAX_TICK_STEPS round steps (1 274 → 0, 500, 1 000, 1 500)."""
    if top is not None:
        return Scale(0.0, float(top), _ticks(0.0, float(top), top / 4))
    largest = float(largest) or 1.0
    for step in _nice_steps():
        if step * MAX_TICK_STEPS >= largest:
            high = math.ceil(largest / step - 1e-9) * step
            return Scale(0.0, round(high, 6), _ticks(0.0, high, step))


def value_scale(values, top=None):
    """The axis for `values` (None ignored). Without `top`, zero_scale. With `top`, the most a value can
    be (100 for a rate): from zero unless every value lies in the upper half, then from the roundest
    value below them that leaves at most MAX_TICK_STEPS steps up to `top`, never shorter than MIN_SPAN
    of it (rates of 98.6 and 100 show apart; all at 100 show on 95–100)."""
    present = [float(v) for v in values if v is not None]
    scale = zero_scale(max(present or [0]), top)
    smallest = min(present or [0])
    if top is None or smallest <= top * ZOOM_ABOVE:
        return scale
    ceiling = min(smallest, top * (1 - MIN_SPAN))
    for step in _nice_steps():
        low = math.floor(ceiling / step) * step
        if smallest - low < step / 4:  # a dot on the axis's first line is hard to read
            low -= step
        if (top - low) / step <= MAX_TICK_STEPS + 1e-9:
            return Scale(round(low, 6), float(top), _ticks(low, top, step))


def _layout(categories):
    longest = max((len(c) for c in categories), default=0)
    label_width = min(MAX_LABEL_WIDTH, max(MIN_LABEL_WIDTH, round(longest * CHAR_WIDTH) + 10))
    return label_width, WIDTH - label_width - VALUE_WIDTH


def grouped_bar_chart(uid, title, description, categories, series, values, top=100, unit="%", decimals=2,
                      axis_label="Tỷ lệ (%)"):  # fmt: skip
    """One row per category, one mark per series under each other, each with its value at the right.

    `values[i][j]` is the value of series j for category i (None draws nothing and "–"). Bars from
    zero, or dots on a shorter axis (value_scale).
    """
    scale = value_scale([v for row in values for v in row], top=top)
    plot_x, plot_width = _layout(categories)
    group_height = BAR_HEIGHT * len(series) + 2 * (len(series) - 1)
    rows, y = [], TOP
    for label, row_values in zip(categories, values, strict=True):
        row = Row(label=label, y=y, label_y=y + group_height / 2 + 4)
        for j, (serie, value) in enumerate(zip(series, row_values, strict=True)):
            bar_y = y + j * (BAR_HEIGHT + 2)
            width = 0.0 if value is None else scale.fraction(value) * plot_width
            text = "–" if value is None else f"{fmt(value, decimals)}{unit}"
            row.bars.append(
                Bar(plot_x, bar_y, round(width, 1), BAR_HEIGHT, serie.css_class, f"{serie.label}: {text}", text,
                    bar_y + BAR_HEIGHT - 3, dot=scale.zoomed and value is not None, cy=bar_y + BAR_HEIGHT / 2)
            )  # fmt: skip
        rows.append(row)
        y += group_height + ROW_GAP
    return _finish(uid, title, description, series, rows, y, scale, plot_x, plot_width, axis_label, unit)


def stacked_bar_chart(uid, title, description, categories, series, values, unit="", axis_label=""):
    """One row per category, series stacked from zero; each row ends with its total, in `unit`."""
    plot_x, plot_width = _layout(categories)
    totals = [sum(v or 0 for v in row) for row in values]
    scale = zero_scale(max(totals or [0]))  # stacked counts: always bars from zero
    rows, y = [], TOP
    for label, row_values, total in zip(categories, values, totals, strict=True):
        row = Row(label=label, y=y, label_y=y + BAR_HEIGHT / 2 + 4, value_text=fmt(total, 0))
        x = plot_x
        for serie, value in zip(series, row_values, strict=True):
            if not value:
                continue
            width = scale.fraction(value) * plot_width
            row.bars.append(
                Bar(round(x, 1), y, round(width, 1), BAR_HEIGHT, serie.css_class,
                    f"{serie.label}: {fmt(value, 0)}{unit}")
            )  # fmt: skip
            x += width
        row.value_y = row.label_y
        rows.append(row)
        y += BAR_HEIGHT + ROW_GAP
    return _finish(uid, title, description, series, rows, y, scale, plot_x, plot_width, axis_label, unit)


def _finish(uid, title, description, series, rows, y, scale, plot_x, plot_width, axis_label, unit):
    ticks = [
        {"x": round(plot_x + plot_width * scale.fraction(value), 1), "label": fmt_tick(value)}
        for value in scale.ticks
    ]
    span = f"{fmt_tick(scale.low)} đến {fmt_tick(scale.high)}{unit}"
    scale_note = ""
    if scale.zoomed:
        scale_note = f"Trục ngang bắt đầu từ {fmt_tick(scale.low)}{unit}, không từ 0, để thấy rõ chênh lệch."
    description = f"{description} Trục ngang từ {span}."
    return Chart(
        title=title, description=description, series=series, rows=rows, height=y + AXIS_HEIGHT,
        ticks=ticks, uid=uid, plot_x=plot_x, plot_width=plot_width, axis_y=y, axis_label=axis_label,
        scale_note=scale_note, dots=scale.zoomed,
    )  # fmt: skip
