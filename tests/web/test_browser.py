"""End-to-end: a real headless Chromium against the real server on a seeded store."""

from __future__ import annotations

import json
from contextlib import closing

import pytest

from factionmap.store.db import connect
from tests.web.conftest import SCREENSHOTS

pytestmark = [pytest.mark.model, pytest.mark.slow]


def ready(page) -> None:  # noqa: ANN001
    # Selectors, not wait_for_function: the page's CSP forbids the eval that polling uses.
    page.wait_for_selector("body[data-ready='yes']", state="attached")


def test_browser_search_leads_to_actor_page_with_evidence(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/")
    ready(page)
    page.fill("#search", "Amsha")
    page.click("#search-form button")
    page.wait_for_selector("#search-actors li")
    page.click("#search-actors a:has-text('Mohammed al-Jassem')")
    page.wait_for_selector("#actor-name")
    ready(page)
    assert page.inner_text("#actor-name") == "Mohammed al-Jassem"
    assert "Abu Amsha" in page.inner_text("#actor-aliases")
    marked = page.inner_text("#actor-relations")
    assert "isolated commander of the Sultan Suleiman Shah Division" in marked
    assert page.locator("#actor-relations mark").count() > 0
    assert page.locator("#actor-relations .source a").count() > 0
    page.screenshot(path=str(SCREENSHOTS / "actor.png"), full_page=True)
    assert not page.errors, page.errors


def test_browser_network_links_hts_and_sna_and_slider_moves_control(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/#/network")
    ready(page)
    facts = page.inner_text("#edge-list")
    assert "Hay'at Tahrir al-Sham hostile_to Syrian National Army" in facts or (
        "Syrian National Army hostile_to Hay'at Tahrir al-Sham" in facts
    )
    assert page.evaluate("window.factionmap.cy.edges().length") > 0
    page.screenshot(path=str(SCREENSHOTS / "network.png"))

    def controller_of_crossing(month: str) -> str:
        assert page.evaluate(f"window.factionmap.setMonth('{month}')")
        page.wait_for_selector(f"#edge-list >> xpath=.. >> .as-of-text:text-is('{month}')")
        ready(page)
        lines = [
            line for line in page.inner_text("#edge-list").splitlines()
            if "controls Bab al-Hawa" in line
        ]  # fmt: skip
        return " | ".join(lines)

    assert controller_of_crossing("2017-06").startswith("Ahrar al-Sham")
    assert controller_of_crossing("2017-08").startswith("Hay'at Tahrir al-Sham")
    assert not page.errors, page.errors


def test_browser_map_shows_a_marker_near_atma(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/#/map")
    ready(page)
    page.wait_for_selector(".leaflet-marker-icon[title='Atma']", state="attached")
    where = "window.factionmap.markers['Atma'].getLatLng()"
    lat, lon = page.evaluate(f"(() => {{ const p = {where}; return [p.lat, p.lng]; }})()")
    assert abs(lat - 36.22) < 0.2 and abs(lon - 36.70) < 0.2
    assert page.locator(".leaflet-overlay-pane path").count() > 50  # offline country borders
    # Governorate boundaries of Syria and its neighbours, shipped offline: Idlib is drawn.
    assert page.locator("path.governorate-boundary").count() >= 100
    names = "window.factionmap.governorates.getLayers().map((l) => l.feature.properties.name)"
    assert "Idlib" in page.evaluate(names)
    page.screenshot(path=str(SCREENSHOTS / "map.png"))
    assert not page.errors, page.errors


def test_browser_timeline_and_narrow_screen(page) -> None:  # noqa: ANN001
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + "/#/timeline")
    ready(page)
    assert page.locator("#event-list li").count() > 5
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"page is {width}px wide on a 390px screen"
    page.screenshot(path=str(SCREENSHOTS / "timeline-narrow.png"), full_page=True)
    assert not page.errors, page.errors


def test_browser_article_markup_shows_literally_and_never_runs(page) -> None:  # noqa: ANN001
    for route in ("#/timeline", "#/search/Levant", "#/review"):
        page.goto(page.base + "/" + route)
        ready(page)
    page.goto(page.base + "/#/timeline")
    ready(page)
    text = page.inner_text("#event-list")
    assert "<img src=x onerror=" in text or "clashed with" in text
    docs = page.evaluate("fetch('/api/events').then(r => r.json())")
    hostile = next(ev for ev in docs if "Levant Front" in (ev["sentence"] or ""))
    page.goto(page.base + "/#/document/" + hostile["doc_id"])
    ready(page)
    body = page.inner_text(".article-text")
    assert "<script>window.__pwned = 1</script>" in body
    assert 'href="javascript:' in body
    assert page.evaluate("window.__pwned") is None
    assert (
        page.locator(".article-text script, .article-text img, a[href^='javascript']").count() == 0
    )
    assert not [e for e in page.errors if "pwned" in e]


def test_browser_review_takes_a_merge_stored_as_the_cli_stores_it(
    browser,
    review_store,
    run_cli,  # noqa: ANN001
) -> None:
    from tests.web.conftest import serving

    with serving(review_store, token="review-token") as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url + "/#/review")
        ready(page)
        pair = page.locator(
            "#review-candidates li.candidate:has-text('Brigade of the Free Men of')"
        ).first
        assert "Free Men of Hama Brigade, a local faction" in pair.inner_text()  # evidence
        assert "a generic name" in page.inner_text("#review-suspicious")
        first = pair.locator("button.merge").get_attribute("data-first")
        second = pair.locator("button.merge").get_attribute("data-second")
        # Without the token nothing is stored.
        pair.locator("input.why").fill("one brigade, its name cut in two")
        pair.locator("button.merge").click()
        page.wait_for_selector("#review-status:has-text('not stored (403')")
        page.fill("#token", "review-token")
        page.fill("#who", "page analyst")
        pair.locator("button.merge").click()
        page.wait_for_selector("#review-status:has-text('merged')")
        ready(page)
        listed = page.inner_text("#review-decisions")
        assert "merge" in listed and "page analyst" in listed
        assert "one brigade, its name cut in two" in listed
        page.screenshot(path=str(SCREENSHOTS / "review.png"), full_page=True)
        context.close()
        assert not errors, errors
    # Stored exactly as the CLI stores it: listed by the CLI, applied, kept by a re-extraction.
    shown = run_cli("decisions", "--db", review_store)
    assert shown.exit_code == 0 and "page analyst" in shown.output, shown.output
    with closing(connect(review_store)) as conn:
        row = conn.execute("SELECT * FROM decisions WHERE kind = 'merge'").fetchone()
        assert [s["id"] for s in json.loads(row["subjects"])] == [first, second]
        assert row["why"] == "one brigade, its name cut in two"
        assert conn.execute("SELECT 1 FROM entities WHERE id = ?", (second,)).fetchone() is None
    assert run_cli("reextract", "--db", review_store).exit_code == 0
    with closing(connect(review_store)) as conn:
        assert conn.execute("SELECT 1 FROM entities WHERE id = ?", (second,)).fetchone() is None
        assert conn.execute("SELECT 1 FROM entities WHERE id = ?", (first,)).fetchone()
