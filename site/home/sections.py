"""Sections that domain apps add to the city and ward home pages without the home app knowing them.

An app registers in its AppConfig.ready():

    from home.sections import register_home_section
    register_home_section("news/sections/latest.html", latest_news_context, order=20, on=("city", "ward"))

`context(page, request)` returns a dict for the template, or None to hide the section.
"""

from dataclasses import dataclass, field


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


def sections_for(kind, page, request):
    """Rendered-ready sections for a 'city' or 'ward' home page."""
    result = []
    for section in _sections:
        if kind not in section.on:
            continue
        data = section.context(page, request)
        if data is not None:
            result.append({"template": section.template, "data": data})
    return result
