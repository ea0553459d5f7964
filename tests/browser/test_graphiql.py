"""GraphiQL in headless Chromium against the whole system started as `make run` starts it:
local assets only, the home-screen example run as the pre-filled demo customer, the query plan
panel, and a screenshot for the README."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from system.stack_process import REPO, running_stack

CHROMIUM = shutil.which("chromium")
SCREENSHOT = REPO / "docs" / "images" / "graphiql.png"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(400),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed"),
]

# Without these, Chromium reaches out to Google's services at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


async def test_graphiql_runs_the_home_screen_and_shows_the_plan(tmp_path: Path) -> None:
    from playwright.async_api import async_playwright

    with running_stack(tmp_path / "var") as stack:
        requested: list[str] = []
        problems: list[str] = []
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1440, "height": 900})
            page.on("request", lambda request: requested.append(request.url))
            page.on("pageerror", lambda error: problems.append(str(error)))
            await page.goto(stack.topology.graphiql_url)
            await page.wait_for_selector(".graphiql-execute-button", timeout=30_000)
            editor = await page.inner_text(".graphiql-query-editor")
            assert "query Home" in editor, "the home-screen example is the first tab"
            async with page.expect_response(
                lambda r: r.url == stack.topology.graphiql_url and r.request.method == "POST"
            ) as answer:
                await page.click(".graphiql-execute-button")
            body = await (await answer.value).json()
            assert "errors" not in body and body["data"]["me"]["netWorth"], body
            # Locators, not evaluated predicates: the page's CSP forbids eval, rightly.
            results = page.locator(".result-window")
            await results.filter(has_text="Alice Walker").wait_for(timeout=60_000)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(SCREENSHOT))

            await page.click("button[aria-label='Show Query plan']")
            await page.click("text=Plan current operation")
            plan = page.locator("[data-testid=query-plan]")
            await plan.filter(has_text='Fetch(service: "accounts")').wait_for(timeout=30_000)
            plan_text = await plan.inner_text()
            for service in ("accounts", "payments", "loans", "funds"):
                assert f'Fetch(service: "{service}")' in plan_text
            await browser.close()

    assert problems == []
    hosts = {urlsplit(url).hostname for url in requested if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, f"the page reached beyond localhost: {hosts}"
