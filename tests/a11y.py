"""Accessibility check in the real browser: axe-core (shipped by axe-playwright-python) on WCAG 2.1 AA."""

import json
from pathlib import Path

import axe_playwright_python

from tests.conftest import ARTIFACTS_DIR

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page):
    page.add_script_tag(content=AXE_JS)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return result["violations"]


def assert_accessible(page, name, impacts=("serious", "critical")):
    """Fail on serious or critical WCAG 2.1 A/AA violations; the full report is saved as an artifact."""
    violations = axe_violations(page)
    report = ARTIFACTS_DIR / "a11y" / f"{name}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(violations, ensure_ascii=False, indent=2), encoding="utf-8")
    serious = [v for v in violations if v.get("impact") in impacts]
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in serious
    ]
    assert not serious, "Accessibility violations:\n" + "\n".join(summary)
    return violations
