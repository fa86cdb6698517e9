"""The pinned front-end assets, and CareQA's overrides of them."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
GOVUK_CSS = BASE / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "govuk-frontend.min.css"


def test_packages_are_pinned_exactly():
    package = json.loads((BASE / "package.json").read_text())
    lock = json.loads((BASE / "package-lock.json").read_text())
    for name in ("govuk-frontend", "axe-core"):
        version = package["dependencies"][name]
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_every_govuk_font_rule_is_overridden():
    """GOV.UK Frontend sets GDS Transport class by class; careqa.css must name each one."""
    if not GOVUK_CSS.exists():
        pytest.skip("npm ci has not been run")
    css = GOVUK_CSS.read_text()
    govuk_selectors = {
        selector.strip()
        for match in re.finditer(r"([^{}]+)\{[^{}]*font-family:GDS Transport,[^{}]*\}", css)
        for selector in match.group(1).split(",")
    }
    ours = (BASE / "static" / "careqa.css").read_text()
    override = re.search(r"([^{}]+)\{\s*font-family: var\(--careqa-font-family\);", ours)
    overridden = {
        s.strip() for s in re.sub(r"/\*.*?\*/", "", override.group(1), flags=re.S).split(",")
    }
    assert govuk_selectors, "the pattern no longer finds GOV.UK's font rules"
    assert govuk_selectors - overridden == set()
