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

    slider = page.locator("#as-of")

    def controller_of_crossing(month: str) -> str:
        page.wait_for_selector(f"#as-of-label:text-is('{month}')")
        page.wait_for_selector(f"#edge-list >> xpath=.. >> .as-of-text:text-is('{month}')")
        ready(page)
        lines = [
            line for line in page.inner_text("#edge-list").splitlines()
            if "controls Bab al-Hawa" in line
        ]  # fmt: skip
        return " | ".join(lines)

    # The slider is moved as an analyst moves it, from the keyboard: Home, then month by month.
    june = page.evaluate("window.factionmap.months.indexOf('2017-06')")
    assert june > 0
    slider.focus()
    slider.press("Home")
    for _ in range(june):
        slider.press("ArrowRight")
    assert controller_of_crossing("2017-06").startswith("Ahrar al-Sham")
    page.screenshot(path=str(SCREENSHOTS / "network-2017-06.png"))
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    assert controller_of_crossing("2017-08").startswith("Hay'at Tahrir al-Sham")
    page.screenshot(path=str(SCREENSHOTS / "network-2017-08.png"))
    assert not page.errors, page.errors


def test_browser_focus_takes_a_name_and_says_when_it_knows_none(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/#/network")
    ready(page)
    whole = page.locator("#edge-list li").count()
    page.select_option("#f-depth", "1")
    ready(page)
    page.fill("#f-around", "Abu Amsha")
    page.press("#f-around", "Enter")
    ready(page)
    lines = page.inner_text("#edge-list").splitlines()
    assert 0 < len(lines) < whole and all("Mohammed al-Jassem" in line for line in lines), lines
    page.fill("#f-around", "Nobody al-Unknown")
    page.press("#f-around", "Enter")
    page.wait_for_selector("#notice:has-text('Nobody al-Unknown')")
    assert not [e for e in page.errors if "Unknown" not in e and "404" not in e], page.errors


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
    events = page.locator(".event-marker[data-type]")
    assert events.count() >= 1 and events.first.get_attribute("data-type") in (
        "ASSAULT", "COERCE", "ACCUSE", "AGREE", "CONSULT", "REJECT", "REQUEST", "SANCTION",
    )  # fmt: skip
    page.screenshot(path=str(SCREENSHOTS / "map.png"))

    # The crossing's marker takes its controller as of the slider's month.
    def held(month: str) -> str | None:
        slider = page.locator("#as-of")
        slider.focus()
        slider.press("Home")
        for _ in range(page.evaluate(f"window.factionmap.months.indexOf('{month}')")):
            slider.press("ArrowRight")
        page.wait_for_selector(f"#as-of-label:text-is('{month}')")
        page.wait_for_selector(f"#place-list[data-as-of='{month}']", state="attached")
        ready(page)
        marker = page.locator(".place-marker[title^='Bab al-Hawa']")
        return marker.get_attribute("data-controllers")

    assert held("2017-06") == "Ahrar al-Sham Movement"
    assert "Ahrar al-Sham Movement" in page.inner_text("#map-legend")
    assert held("2017-08") == "Hay'at Tahrir al-Sham"
    assert "Hay'at Tahrir al-Sham" in page.inner_text("#map-legend")
    assert not page.errors, page.errors


def test_browser_timeline_lists_events(page) -> None:  # noqa: ANN001
    page.goto(page.base + "/#/timeline")
    ready(page)
    assert page.locator("#event-list li").count() > 5
    page.select_option("#t-type", "ASSAULT")
    ready(page)
    types = page.locator("#event-list li strong").all_inner_texts()
    assert types and all("ASSAULT" in t for t in types)
    assert not page.errors, page.errors


SCREENS = {"desktop": (1280, 800), "narrow": (390, 844)}
VIEWS = {
    "network": ("#/network", "#cy"),
    "map": ("#/map", "#map"),
    "timeline": ("#/timeline", "#event-list"),
    "actor": ("#/actor/mohammed_al_jassem", "#actor-relations"),
    "review": ("#/review", "#review-decisions"),
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("view", VIEWS)
def test_browser_usable_on_desktop_and_narrow_screens(page, screen: str, view: str) -> None:  # noqa: ANN001
    width, height = SCREENS[screen]
    route, main = VIEWS[view]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page.base + "/" + route)
    ready(page)
    # Nothing wider than the screen (no sideways scrolling), the view's main part and the
    # navigation, search and time slider all on screen and in reach.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{view} is {scroll_width}px wide on a {width}px screen"
    for selector in (main, "nav a[href='#/map']", "#search", "#as-of"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["width"] > 0, f"{selector} not shown"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{selector} off screen"
    if view in ("network", "map"):
        box = page.locator(main).bounding_box()
        assert box is not None and box["height"] >= 0.3 * height
    page.screenshot(path=str(SCREENSHOTS / f"{view}-{screen}.png"), full_page=True)
    assert not page.errors, page.errors


def test_browser_exports_download_from_the_header(page, tmp_path) -> None:  # noqa: ANN001
    page.goto(page.base + "/")
    ready(page)
    with page.expect_download() as waiting:
        page.click("nav a:has-text('Export JSON')")
    saved = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(saved)
    kb = json.loads(saved.read_text(encoding="utf-8"))
    assert kb["relations"] and kb["histories"] and kb["lineage"]
    with page.expect_download() as waiting:
        page.click("nav a:has-text('CSV')")
    assert waiting.value.suggested_filename == "factionmap.csv"


def test_browser_article_markup_shows_literally_and_never_runs(page) -> None:  # noqa: ANN001
    # Every view that shows article text: timeline, search (quotes), review, actor, document.
    for route in ("#/timeline", "#/search/Levant", "#/review"):
        page.goto(page.base + "/" + route)
        ready(page)
    page.goto(page.base + "/#/search/anyone")
    ready(page)
    quoted = page.inner_text("#view-search")
    assert "We will not allow <b>anyone</b> to enter <script>window.__pwned = 4</script>" in quoted
    assert page.locator("#view-search b, #view-search script").count() == 0
    docs = page.evaluate("fetch('/api/events').then(r => r.json())")
    hostile = next(ev for ev in docs if "Levant Front" in (ev["sentence"] or ""))
    page.goto(page.base + "/#/document/" + hostile["doc_id"])
    ready(page)
    assert (
        page.inner_text("#view-actor h2") == "Clashes near Azaz <script>window.__pwned = 1</script>"
    )
    body = page.inner_text(".article-text")
    assert "<script>window.__pwned = 1</script>" in body
    assert '<img src=x onerror="window.__pwned = 2">' in body
    assert '<a href="javascript:window.__pwned=3">here</a>' in body
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main script, main img, main b, a[href^='javascript']").count() == 0
    page.screenshot(path=str(SCREENSHOTS / "hostile-article.png"), full_page=True)
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
