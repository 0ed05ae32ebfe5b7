"""What a browser posts back from a Wagtail edit form, for tests that save pages and snippets unchanged.

Plain inputs, selects and textareas are read from the HTML as a browser submits them. StreamFields are
drawn by Wagtail's JavaScript from the block state embedded in the page (`data-w-block-arguments-value`);
this module expands that state into the field names the JavaScript would post, walking the block
definitions the same way `value_from_datadict` reads them back.
"""

import json
from html.parser import HTMLParser

from wagtail import blocks


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields = []  # (name, value) in document order
        self.streams = {}  # prefix -> block state
        self._select = None
        self._option = None
        self._textarea = None
        self._template_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self._template_depth += 1
        if self._template_depth:
            return
        if tag == "div" and "data-block" in a and "data-w-block-arguments-value" in a:
            self.streams[a["id"]] = json.loads(a["data-w-block-arguments-value"])[0]
        elif tag == "input" and a.get("name") and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name") and "disabled" not in a:
            self._select = {"name": a["name"], "chosen": [], "first": None, "multiple": "multiple" in a}
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = {"value": value, "text": ""}
            if "selected" in a:
                self._select["chosen"].append(self._option)
            if self._select["first"] is None:
                self._select["first"] = self._option
        elif tag == "textarea" and a.get("name") and "disabled" not in a:
            self._textarea = {"name": a["name"], "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self._template_depth -= 1
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"]:
                chosen = [self._select["first"]]  # a single select submits its first option
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"].strip()
                self.fields.append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = self._textarea["text"]
            self.fields.append((self._textarea["name"], text[1:] if text.startswith("\n") else text))
            self._textarea = None


def _leaf(state):
    if state is None:
        return ""
    if isinstance(state, dict) and "id" in state:  # chooser blocks: the widget posts the chosen id
        return "" if state["id"] is None else str(state["id"])
    if isinstance(state, bool):
        return "on" if state else ""
    if isinstance(state, dict | list):
        return json.dumps(state)
    return str(state)


def expand_block(block, state, prefix, out):
    """Append to `out` the (name, value) pairs Wagtail's JavaScript posts for `state` under `prefix`."""
    if isinstance(block, blocks.StreamBlock):
        children = state or []
        out.append((f"{prefix}-count", str(len(children))))
        for i, child in enumerate(children):
            out += [(f"{prefix}-{i}-type", child["type"]), (f"{prefix}-{i}-deleted", ""),
                    (f"{prefix}-{i}-order", str(i)), (f"{prefix}-{i}-id", child.get("id") or "")]
            expand_block(block.child_blocks[child["type"]], child["value"], f"{prefix}-{i}-value", out)
    elif isinstance(block, blocks.ListBlock):
        children = state or []
        out.append((f"{prefix}-count", str(len(children))))
        for i, child in enumerate(children):
            out += [(f"{prefix}-{i}-deleted", ""), (f"{prefix}-{i}-order", str(i)),
                    (f"{prefix}-{i}-id", child.get("id") or "")]
            expand_block(block.child_block, child["value"], f"{prefix}-{i}-value", out)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            expand_block(child, (state or {}).get(name), f"{prefix}-{name}", out)
    elif isinstance(state, list):  # multiple-choice field blocks
        out += [(prefix, _leaf(item)) for item in state]
    else:
        out.append((prefix, _leaf(state)))


def stream_block_for(model, prefix):
    """The block definition of the StreamField whose form prefix is `prefix` (top level or in an inline)."""
    from modelcluster.fields import ParentalKey  # noqa: F401  (inline children are reached by relation name)

    parts = prefix.split("-")
    if len(parts) == 1:
        return model._meta.get_field(prefix).stream_block
    relation = model._meta.get_field(parts[0]).related_model
    return relation._meta.get_field(parts[-1]).stream_block


def browser_post_data(html, model):
    """The form data a browser would submit from an edit page's HTML, unchanged."""
    reader = _FormReader()
    reader.feed(html)
    data = [(name, value) for name, value in reader.fields if "__prefix__" not in name]
    for prefix, state in reader.streams.items():
        if "__prefix__" in prefix:
            continue
        expand_block(stream_block_for(model, prefix), state, prefix, data)
    return data


def as_multidict(pairs):
    result = {}
    for name, value in pairs:
        result.setdefault(name, []).append(value)
    return result
