"""Plain text out of what editors write (StreamField, rich text), for the documents apps declare."""

import html
import re

_TAG_RE = re.compile(r"<[^>]+>")
_BLOCK_END_RE = re.compile(r"</(p|h[1-6]|li|div|tr|blockquote)>|<br\s*/?>", re.IGNORECASE)


def html_text(value):
    """Rich text HTML as plain text: tags dropped, entities decoded, block ends kept as line breaks."""
    if not value:
        return ""
    text = _BLOCK_END_RE.sub("\n", str(value))
    return html.unescape(_TAG_RE.sub(" ", text))


def stream_text(stream, skip=("image", "document", "alt_text", "alt")):
    """Every string inside a StreamField, read from its stored JSON (no block conversion, so fast)."""
    raw = getattr(stream, "raw_data", None)
    parts = []
    _collect(list(raw) if raw is not None else [], parts, skip)
    return "\n".join(p for p in parts if p.strip())


def _collect(value, parts, skip):
    if isinstance(value, str):
        parts.append(html_text(value) if "<" in value else value)
    elif isinstance(value, dict):
        block_type = value.get("type")
        if block_type in skip:
            return
        if "type" in value and "value" in value:
            _collect(value["value"], parts, skip)
            return
        for key, item in value.items():
            if key in skip or key in ("id", "type"):
                continue
            _collect(item, parts, skip)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, parts, skip)
