"""Browser tests: Debian's Chromium driven by Playwright, with axe-core on every page.

Fixtures for any app's journeys:
- `browser_page(role="qa_officer", **user_fields)`: a page signed in as a new user of that
  role (by session cookie), pointed at the live server.
- `assert_accessible(page)`: runs axe-core on the page and fails on any serious or critical
  violation. Each page fixture checks at teardown that every page it loaded was audited.
- `anonymous_page`: a page that is not signed in.
Set CAREQA_SCREENSHOT_DIR to keep a full-page PNG of every page audited.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CAREQA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The impacts that fail a test; "minor" and "moderate" ones are printed only.
FAILING_IMPACTS = {"serious", "critical"}
PASSWORD = "correct-horse-battery"  # UserFactory's
# Console messages that are not this page's fault.
KNOWN_CONSOLE_NOISE = ()


@pytest.fixture(scope="session")
def chromium():
    missing = [str(p) for p in (Path(CHROMIUM), AXE_JS) if not p.exists()]
    if missing:
        message = f"browser tests need {', '.join(missing)} (apt-get install chromium; npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class PageAudit:
    """Which pages a Playwright page loaded, which of them axe-core checked, and any
    error the browser reported (a script error, a blocked resource, a CSP refusal)."""

    def __init__(self, page):
        self.loaded = []
        self.audited = []
        self.errors = []
        self.expected = []
        page.on("load", lambda p: self.loaded.append(p.url))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"{page.url}: {message.text}")
                if message.type == "error"
                and not any(noise in message.text for noise in KNOWN_CONSOLE_NOISE)
                else None
            ),
        )

    def unaudited(self):
        return [url for url in self.loaded if url not in self.audited]

    def unexpected_errors(self):
        return [e for e in self.errors if not any(text in e for text in self.expected)]


_AUDITS = {}


def _describe(violations):
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary']}")
            lines.append(f"       {node['html'][:200]}")
    return "\n".join(lines)


def run_axe(page) -> list[dict]:
    """axe-core's violations for the page as it is now.

    axe is loaded from the app's own static files ('self'), so the page's Content Security
    Policy stays on while it is checked; an inline script tag would be refused.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        origin = page.evaluate("location.origin")
        page.add_script_tag(url=f"{origin}{settings.STATIC_URL}axe/axe.min.js")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def _screenshot(page):
    folder = os.environ.get("CAREQA_SCREENSHOT_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9]+", "-", page.url.split("//", 1)[-1].split("/", 1)[-1]) or "home"
    count = len(list(Path(folder).glob("*.png")))
    page.screenshot(
        path=str(Path(folder) / f"{count:02d}-{name.strip('-')[:80]}.png"), full_page=True
    )


@pytest.fixture
def assert_accessible():
    def check(page):
        page.wait_for_load_state("load")
        violations = run_axe(page)
        audit = _AUDITS.get(id(page))
        if audit is not None:
            audit.audited.append(page.url)
        _screenshot(page)
        failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
        if violations:
            print(f"\naxe-core on {page.url}:\n{_describe(violations)}")
        assert not failing, f"Accessibility violations on {page.url}:\n{_describe(failing)}"

    return check


@pytest.fixture
def _browser_context(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    pages = []

    def new_page():
        page = context.new_page()
        _AUDITS[id(page)] = PageAudit(page)
        pages.append(page)
        return page

    yield context, new_page
    audits = [_AUDITS.pop(id(page)) for page in pages]
    context.close()
    unaudited = {url for audit in audits for url in audit.unaudited()}
    assert not unaudited, f"Pages loaded but never checked with assert_accessible: {unaudited}"
    errors = [error for audit in audits for error in audit.unexpected_errors()]
    assert not errors, "The browser reported errors:\n" + "\n".join(errors)


@pytest.fixture
def anonymous_page(_browser_context):
    _, new_page = _browser_context
    return new_page()


@pytest.fixture
def browser_page(_browser_context, live_server, client, make_user):
    """`browser_page("commissioner")`: a page signed in as a new user of that role."""
    context, new_page = _browser_context

    def signed_in(role="qa_officer", **user_fields):
        user = make_user(
            role, username=user_fields.pop("username", f"{role}-browser"), **user_fields
        )
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
        page = new_page()
        page.signed_in_user = user
        return page

    return signed_in


def expect_browser_error(page, text):
    """Say that a console error containing `text` is what this test means to cause."""
    _AUDITS[id(page)].expected.append(text)


def sign_in(page, username, password=PASSWORD):
    """Fill in and send the sign-in form on the current page."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("load")
