"""{% life_events %}: the "Tôi muốn…" list of links, from the site cache (no query per page)."""

from django import template

register = template.Library()


@register.inclusion_tag("procedures/includes/life_events.html")
def life_events():
    from procedures.life_events import active_events

    return {"events": active_events()}
