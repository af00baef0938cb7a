"""Answer the checker form the way a person does (select, tick, type) and read back its result."""
from __future__ import annotations

import json

BOOT_TIMEOUT_MS = 90_000          # generous: a cold Pyodide start on a busy CI machine
RESULT = "[data-testid=checker-result]"
READY = f"{RESULT}[data-state=ready]"
RESULT_DONE = "#cs-result[data-answers]:not([data-pending])"


def visible(page, selector: str) -> bool:
    element = page.query_selector(selector)
    return bool(element and element.is_visible())


def reveal(page, selector: str) -> bool:
    """Open «Ещё вопросы» when the question is there; True if the question is shown at all."""
    element = page.query_selector(selector)
    if element is None or element.evaluate("e => !!e.closest('[hidden]')"):
        return False
    if element.evaluate("e => !!e.closest('details:not([open])')"):
        page.click("#cs-more > summary")
    return element.is_visible()


def rendered_seq(page) -> int:
    return int(page.get_attribute(RESULT, "data-rendered-seq") or 0)


def answer(page, answers: dict, facts_spec: dict) -> dict:
    """Fill the form with `answers` (input-schema JSON); return {"sent", "summary"} once the result,
    nearest changes included, is shown for exactly these answers."""
    page.click("#cs-form button[type=reset]")
    page.select_option("#cs-jurisdiction", answers["jurisdiction"])
    page.check(f"#cs-role-{answers['role']}")
    facts = answers.get("facts", {})
    # yes/no facts first: they reveal the questions that depend on them
    for name in sorted(facts, key=lambda n: facts_spec[n]["type"] != "bool"):
        _fill_fact(page, name, facts[name], facts_spec[name]["type"])
    for sign in answers.get("signs", []):
        if reveal(page, f"#cs-sign-{sign}"):
            page.check(f"#cs-sign-{sign}")
    page.dispatch_event("#cs-jurisdiction", "change")       # one final update for the final answers
    page.wait_for_selector(RESULT_DONE, state="attached", timeout=BOOT_TIMEOUT_MS)
    output = page.query_selector("#cs-result")
    return {"sent": json.loads(output.get_attribute("data-answers")),
            "summary": json.loads(output.get_attribute("data-summary"))}


def _fill_fact(page, name: str, value, kind: str):
    if kind == "bool":
        selector = f"#cs-fact-{name}"
        if value and reveal(page, selector):
            page.check(selector)
        return
    if kind == "int_list":
        for index, number in enumerate(value):
            selector = f"#cs-fact-{name}-{index}"
            if not reveal(page, f"#cs-fact-{name}-0"):
                return
            if index and not visible(page, selector):
                page.click(f".cs-fact[data-fact={name}] .cs-add-child")
            if visible(page, selector):
                page.fill(selector, str(number))
                page.dispatch_event(selector, "change")
        return
    selector = f"#cs-fact-{name}"
    if reveal(page, selector):
        page.fill(selector, str(value))
        page.dispatch_event(selector, "change")
