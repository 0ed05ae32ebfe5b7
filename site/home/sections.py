"""Sections that domain apps add to the city and ward home pages without the home app knowing them.

An app registers in its AppConfig.ready():

    from home.sections import register_home_section
    register_home_section("news/sections/latest.html", latest_news_context, order=20, on=("city", "ward"))

`context(page, request)` returns a dict for the template, or None to hide the section.

The sections are rendered once per site-cache version, page and day and kept as HTML: they were three
quarters of the city home page's time (13 queries, ~28 of its ~40 ms of CPU). What a section reads must
therefore clear the site cache when it changes: pages do; an app names its other models with
core.cache.clear_when_changed(). The day is in the key because lists such as the latest announced
changes depend on today's date.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from core import cache as site_cache


@dataclass(frozen=True)
class HomeSection:
    template: str
    context: object
    order: int = 50
    on: tuple = field(default=("city", "ward"))


_sections = []


def register_home_section(template, context, order=50, on=("city", "ward")):
    section = HomeSection(template, context, order, tuple(on))
    if section not in _sections:
        _sections.append(section)
    _sections.sort(key=lambda s: s.order)
    return section


def _render(kind, page, request):
    html = []
    for section in _sections:
        if kind not in section.on:
            continue
        data = section.context(page, request)
        if data is not None:
            html.append(render_to_string(section.template, {"section": data, "page": page}, request=request))
    return mark_safe("".join(html))  # noqa: S308 - our own templates' output, escaped when rendered


def sections_for(kind, page, request):
    """The HTML of the sections of a 'city', 'ward' or 'department' page (nothing in them depends on
    the visitor). A preview renders them afresh."""
    if getattr(request, "is_preview", False):
        return _render(kind, page, request)
    name = f"home-sections:{kind}:{page.pk}:{timezone.localdate().isoformat()}"
    return site_cache.cached(name, lambda: _render(kind, page, request))

