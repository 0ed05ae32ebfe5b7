"""{% procedure_tools page %}: links from a procedure page to its lineage, notice-board sheet and alerts."""

from django import template

register = template.Library()


@register.inclusion_tag("procedure_desk/page_tools.html")
def procedure_tools(page):
    return {"page": page}
