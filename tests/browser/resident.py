"""A resident in a real browser: fills in pages with the mouse or with the keyboard only, and
checks every page they see with axe-core (WCAG 2.0/2.1 A and AA).

Keyboard mode uses only what a keyboard user has: Tab and Shift+Tab to move, arrow keys in a
radio group, Space for a checkbox or radio, Enter for a button or link, and typing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MAX_KEY_PRESSES = 250  # a page has far fewer stops than this; more means focus is stuck

SAVE_AND_GO_ON = "Opslaan en verder"

# The app's Content-Security-Policy forbids inline script, so axe cannot be added with a
# <script> tag (page.add_script_tag is blocked by the CSP). `install_axe` adds it through the
# DevTools protocol as an init script of the browser context instead: every page gets it, the
# page's own CSP stays in force for everything else, and a violation of it fails the test.
_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


@dataclass(frozen=True)
class Date:
    """A date typed into the three boxes (day, month, year) of a date question."""

    value: date


@dataclass(frozen=True)
class Step:
    """One page of the journey: where the resident must be, what they answer, which button.

    Yes/no questions not named in `answers` are answered with `rest` ('nee')."""

    path: str
    answers: dict = field(default_factory=dict)
    button: str = SAVE_AND_GO_ON
    rest: str | None = "nee"
    link: bool = False  # `button` names a link (the first result's 'Ga verder')


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe found {len(violations)} WCAG violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    at {node['target']}")
            if node["summary"]:
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


def install_axe(context) -> None:
    context.add_init_script(script=AXE_SOURCE)


_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL | re.IGNORECASE)


class Resident:
    def __init__(self, page, *, keyboard: bool = False, mobile: bool = False, axe_page=None):
        self.page = page
        self.keyboard = keyboard
        self.mobile = mobile
        # With JavaScript off, axe cannot run in the page itself (its timers never fire): it
        # runs on a copy of the page's HTML, scripts taken out, in a page that has JavaScript.
        self.axe_page = axe_page
        # The names of buttons and links are given in Dutch; in another language the resident
        # looks for their translation (tests/browser/test_every_language.py sets it).
        self.translate = lambda text: text
        self.checked_pages: list[str] = []
        self.csp_errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.csp_errors.append(f"script error: {error}"))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp_errors.append(message.text)

    # -- what every page must satisfy ------------------------------------------------------------

    @property
    def path(self) -> str:
        return re.sub(r"^https?://[^/]+", "", self.page.url).split("#")[0]

    def check_page(self) -> None:
        """axe-core finds no WCAG A/AA violation; at 360 px nothing scrolls sideways."""
        page = self.page
        if self.axe_page is not None:
            page = self._copy_for_axe()
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE_SOURCE)  # a context without install_axe
        violations = page.evaluate(_RUN_AXE, AXE_TAGS)
        page = self.page
        assert not violations, format_violations(page.url, violations)
        if self.mobile:
            overflow = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert overflow[0] <= overflow[1], (
                f"{page.url}: the page is {overflow[0]} px wide in a {overflow[1]} px window "
                "(WCAG 1.4.10 reflow: a resident on a phone must scroll sideways)"
            )
        assert not self.csp_errors, self.csp_errors
        self.checked_pages.append(self.path)

    def _copy_for_axe(self):
        """The page as the server sent it (no script ran), in the JavaScript page, so that axe
        sees exactly the DOM a resident without JavaScript gets, styles included."""
        origin = re.match(r"^https?://[^/]+", self.page.url).group(0)
        html = _SCRIPT.sub("", self.page.content())
        html = html.replace("<head>", f'<head><base href="{origin}/">', 1)
        self.axe_page.set_content(html, wait_until="load")
        return self.axe_page

    def goto(self, path: str) -> None:
        response = self.page.goto(path)
        assert response is not None and response.status < 400, (path, response and response.status)
        self.check_page()

    def expect_at(self, path: str) -> None:
        if self.path != path:
            errors = self.page.locator(".error-summary")
            said = errors.inner_text() if errors.count() else "no error summary"
            raise AssertionError(
                f"expected to be on {path}, but the browser shows {self.path} ({said})"
            )

    # -- moving focus with the keyboard ------------------------------------------------------------

    def _is_focused(self, handle) -> bool:
        return self.page.evaluate("el => el === document.activeElement", handle)

    def tab_to(self, locator) -> None:
        """Tab (or Shift+Tab, when the target is above) until `locator` has the focus."""
        handle = locator.element_handle()
        for _ in range(MAX_KEY_PRESSES):
            if self._is_focused(handle):
                return
            self.page.keyboard.press(self._direction(handle))
        raise AssertionError(f"the keyboard focus never reached {locator}")

    def _direction(self, handle) -> str:
        return self.page.evaluate(
            """el => {
              const active = document.activeElement;
              if (!active || active === document.body) return 'Tab';
              const after = active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
              return after ? 'Tab' : 'Shift+Tab';
            }""",
            handle,
        )

    def _tab_into_group(self, name: str) -> None:
        first = self.page.locator(f'input[name="{name}"]').first.element_handle()
        for _ in range(MAX_KEY_PRESSES):
            if self.page.evaluate("n => document.activeElement?.name === n", name):
                return
            self.page.keyboard.press(self._direction(first))
        raise AssertionError(f"the keyboard focus never reached the radio group {name}")

    # -- answering -------------------------------------------------------------------------------

    def answer(self, answers: dict, rest: str | None = "nee") -> None:
        for name, value in answers.items():
            self._answer_one(name, value)
        if rest:
            self._answer_the_rest(rest, set(answers))

    def _answer_the_rest(self, value: str, answered: set[str]) -> None:
        # a "Kies alles wat klopt" list with nothing ticked: 'Geen van deze' is its "nee"
        if value == "nee" and self.page.locator('input[name="keuze_rest"]').count():
            ticked = self.page.locator("#keuzelijst input[type=checkbox]:checked").count()
            if not ticked:
                self._tick(self.page.locator('input[name="keuze_rest"][value="geen"]'))
        names = self.page.evaluate(
            """value => [...new Set([...document.querySelectorAll('main input[type=radio]')]
                 .map(r => r.name))]
                 .filter(n => !document.querySelector(`input[name="${n}"]:checked`))
                 .filter(n => document.querySelector(`input[name="${n}"][value="${value}"]`))""",
            value,
        )
        for name in names:
            if name not in answered:
                self._answer_one(name, value)

    def _answer_one(self, name: str, value) -> None:
        page = self.page
        if isinstance(value, Date):
            parts = {"day": value.value.day, "month": value.value.month, "year": value.value.year}
            for part, number in parts.items():
                self._type(page.locator(f'[name="{name}-{part}"]'), str(number))
            return
        first = page.locator(f'[name="{name}"]').first
        kind = first.evaluate("el => el.type")
        if kind == "radio":
            self._choose(name, value)
        elif kind == "checkbox" and value == "nee":
            return  # a line of a checklist: not ticking it is its "nee"
        elif kind == "checkbox":
            values = [value] if isinstance(value, str) else value
            if value is True:
                self._tick(first)
            else:
                for one in values:
                    self._tick(page.locator(f'input[name="{name}"][value="{one}"]'))
        elif kind.startswith("select"):
            self._select(first, value)
        else:
            self._type(first, value)

    def _type(self, locator, text: str) -> None:
        if not self.keyboard:
            locator.fill(text)
            return
        self.tab_to(locator)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)

    def _tick(self, locator) -> None:
        if not self.keyboard:
            locator.check()
            return
        self.tab_to(locator)
        if not locator.is_checked():
            self.page.keyboard.press("Space")
        assert locator.is_checked()

    def _choose(self, name: str, value: str) -> None:
        target = self.page.locator(f'input[name="{name}"][value="{value}"]')
        if not self.keyboard:
            target.check()
            return
        self._tab_into_group(name)
        values = self.page.locator(f'input[name="{name}"]').evaluate_all(
            "radios => radios.map(r => r.value)"
        )
        current = self.page.evaluate("() => document.activeElement.value")
        steps = values.index(value) - values.index(current)
        key = "ArrowDown" if steps > 0 else "ArrowUp"
        for _ in range(abs(steps)):
            self.page.keyboard.press(key)
        if not target.is_checked():
            self.page.keyboard.press("Space")
        assert target.is_checked(), (name, value)

    def _select(self, locator, value: str) -> None:
        if not self.keyboard:
            locator.select_option(value)
            return
        self.tab_to(locator)
        values = locator.evaluate("s => [...s.options].map(o => o.value)")
        current = locator.evaluate("s => s.value")
        steps = values.index(value) - values.index(current)
        for _ in range(abs(steps)):
            self.page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        assert locator.evaluate("s => s.value") == value

    # -- going on --------------------------------------------------------------------------------

    def press(self, button: str) -> None:
        """Press a button (Enter in keyboard mode) and wait for the next page; check it."""
        name = self.translate(button)
        self._activate(self.page.get_by_role("button", name=name, exact=True))

    def follow(self, link: str) -> None:
        self._activate(self.page.get_by_role("link", name=self.translate(link), exact=True))

    def _activate(self, locator) -> None:
        with self.page.expect_navigation():
            if self.keyboard:
                self.tab_to(locator)
                self.page.keyboard.press("Enter")
            else:
                locator.click()
        self.check_page()

    def walk(self, steps: list[Step], base: str = "/aanvraag/") -> None:
        for step in steps:
            self.expect_at(base + step.path)
            self.answer(step.answers, step.rest)
            if step.link:
                self.follow(step.button)
            else:
                self.press(step.button)

    # -- reading ---------------------------------------------------------------------------------

    def text(self, selector: str = "main") -> str:
        return re.sub(r"\s+", " ", self.page.locator(selector).inner_text())
