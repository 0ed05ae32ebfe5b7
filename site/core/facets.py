"""Facets of a listing (the citizen search, the catalogue's filters): a parameter, its heading and
the values a visitor can pick, each with its count."""

from dataclasses import dataclass, field

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    param: str
    label: str
    values: list[FacetValue] = field(default_factory=list)
    all_label: str = ""  # a single-choice select's first option ("Tất cả"); empty for checkboxes

    @property
    def has_selection(self):
        return any(v.selected for v in self.values)

    @property
    def selected_value(self):
        return next((v for v in self.values if v.selected), None)

    def options_html(self):
        """The <option> elements of a single-choice select, built here rather than in the template: a
        city catalogue has a few hundred options on every catalogue page, and a template loop over
        them is slow."""
        return format_html_join(
            "",
            '<option value="{}"{}>{} ({})</option>',
            ((v.value, mark_safe(" selected") if v.selected else "", v.label, v.count) for v in self.values),
        )
