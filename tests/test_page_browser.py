"""The page at / in a real Chromium against a live gunicorn: seed 002 pasted and read.

Every response reaches the browser with a strict Content-Security-Policy (script, style and
connections from 'self' only), so the page is also shown to need nothing inline. Screenshots
go to tests/artefacts/.
"""

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import browser

if not browser.available():
    pytest.skip(browser.MISSING, allow_module_level=True)

from playwright.sync_api import expect  # noqa: E402 - only where there is a browser to drive

from service import extract as read  # noqa: E402
from tests.helpers import shared  # noqa: E402
from tests.helpers.files import make_docx  # noqa: E402
from tests.helpers.live import gunicorn  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "tests" / "artefacts"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
WIDE = {"width": 1400, "height": 1000}
NARROW = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with gunicorn(tmp_path_factory.mktemp("page"), workers=2) as live:
        yield live


@pytest.fixture(scope="module")
def context():
    with browser.chromium(viewport=WIDE) as ctx:
        yield ctx


@pytest.fixture
def page(context, server):
    """A tab on the page, every response under CSP; fails the test on a script error or a
    CSP violation."""
    tab = context.new_page()
    problems = []
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on(
        "console",
        lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None,
    )

    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    tab.route("**/*", with_csp)
    tab.goto(f"http://127.0.0.1:{server.port}/")
    tab.problems = problems
    yield tab
    tab.close()
    assert problems == []


@pytest.fixture(scope="module")
def seed():
    found = sorted(shared.folder("seeds").glob("002_*.txt"))
    if not found:
        pytest.skip(shared.REASON)
    return found[0].read_text(encoding="utf-8")


def answer_of(server, text):
    status, _, body = server.request(
        "POST", "/v1/extract", json.dumps({"text": text}), {"Content-Type": "application/json"}
    )
    assert status == 200
    return json.loads(body)


def extract(page, text):
    page.fill("#text", text)
    page.click("#extract")
    expect(page.locator("#status")).to_contain_text("Done")


def texts(page, selector):
    return page.eval_on_selector_all(selector, "nodes => nodes.map(n => n.textContent)")


def test_seed_002_has_a_highlight_per_mention_and_per_blank(page, server, seed):
    answer = answer_of(server, seed)
    extract(page, seed)
    assert texts(page, "#doc mark.mention") == [m["text"] for m in answer["mentions"]]
    assert texts(page, "#doc mark.blank") == [p["text"] for p in answer["placeholders"]]
    assert page.locator("#doc").text_content() == seed
    # Chinese in a Chinese font: the CJK stack, not whatever the browser falls back to.
    assert page.eval_on_selector("#doc", "d => getComputedStyle(d).fontFamily").startswith(
        '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC"'
    )


def test_seed_002_screenshots_wide_and_narrow(page, seed):
    extract(page, seed)
    page.locator("#kpis tr.kpi-row").first.click()
    expect(page.locator("#tip")).to_be_visible()
    ARTEFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=ARTEFACTS / "page-seed-002.png", full_page=True)
    page.set_viewport_size(NARROW)
    page.locator("#results").scroll_into_view_if_needed()
    page.screenshot(path=ARTEFACTS / "page-seed-002-narrow.png")
    page.locator("#kpis").scroll_into_view_if_needed()
    page.screenshot(path=ARTEFACTS / "page-seed-002-narrow-kpis.png")
    # Readable on a phone: nothing runs off the side of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


def test_the_2385_breakdown_shows_as_not_adding_up(page, server, seed):
    breakdown = next(b for b in answer_of(server, seed)["breakdowns"] if b["total_value"] == 2385)
    extract(page, seed)
    shown = page.locator(".breakdown", has_text="2385")
    expect(shown).to_have_count(1)
    expect(shown).to_have_attribute("data-consistent", "false")
    expect(shown.locator(".verdict")).to_contain_text("does not add up")
    expect(shown.locator(".verdict")).to_contain_text("1,808")
    assert len(texts(page, ".breakdown .parts li")) == len(breakdown["parts"])


def test_unticking_out_of_scope_reads_again_without_them(page, seed):
    extract(page, seed)
    page.uncheck("#out-of-scope")
    in_scope = read(seed, options={"out_of_scope": False})["mentions"]
    expect(page.locator("#doc mark.mention")).to_have_count(len(in_scope))
    assert texts(page, "#doc mark.mention") == [m["text"] for m in in_scope]
    expect(page.locator("#doc mark.out")).to_have_count(0)


def test_warnings_are_listed(page, server, seed):
    warnings = answer_of(server, seed)["warnings"]
    extract(page, seed)
    assert texts(page, "#warnings li code") == [w["code"] for w in warnings]


def test_a_kpi_row_jumps_to_its_span_and_shows_what_was_read(page, server, seed):
    kpi = answer_of(server, seed)["kpis"][0]
    extract(page, seed)
    page.locator(f'#kpis tr[data-mention="{kpi["mention"]}"]').click()
    focused = page.locator("#doc mark:focus")
    expect(focused).to_have_attribute("data-id", kpi["mention"])
    tip = page.locator("#tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(kpi["name"])
    expect(tip).to_contain_text(f"{kpi['value']:,}")
    expect(tip).to_contain_text(kpi["unit"])
    expect(tip).to_contain_text("exact")


def test_hovering_a_figure_shows_what_was_read(page):
    extract(page, "本月共销售住宅41套，实现销售收入约3.2亿元。")
    page.locator("#doc mark", has_text="3.2亿元").hover()
    expect(page.locator("#tip")).to_contain_text("≈ 320,000,000")
    expect(page.locator("#tip")).to_contain_text("CNY")
    expect(page.locator("#tip")).to_contain_text("approximate")


def test_direction_part_of_and_kind_are_shown_when_the_answer_has_them(page):
    text = "上半年实现销售收入3.2亿元，同比增长12.5%。本月接待来电来访共计300件，其中住户咨询100件，住户投诉200件。"
    answer = read(text)
    breakdown = answer["breakdowns"][0]
    breakdown.setdefault("kind", "partition")
    for kpi in answer["kpis"]:
        kpi.setdefault("part_of", breakdown["total"] if kpi["mention"] in breakdown["parts"] else None)
        if kpi["name"] == "growth_rate":
            kpi.setdefault("direction", "up")
    page.route("**/v1/extract*", lambda route: route.fulfill(json=answer))
    extract(page, text)
    growth = page.locator("#kpis tr", has_text="growth_rate")
    expect(growth.locator("td").nth(1)).to_have_text("↑ up 12.5")
    part = page.locator("#kpis tr", has_text="inquiries")
    expect(part.locator("td").nth(5)).to_have_text("本月接待来电来访 300 件")
    shown = page.locator(".breakdown")
    expect(shown).to_have_attribute("data-consistent", "true")
    expect(shown.locator(".verdict")).to_contain_text("adds up")
    expect(shown.locator(".kind")).to_contain_text("partition")
    page.locator("#doc mark", has_text="12.5%").hover()
    expect(page.locator("#tip")).to_contain_text("Direction↑ up")


def test_offsets_count_code_points_as_python_does(page, server):
    # Each of 𠀀 and 𠀁 is one character in Python, two UTF-16 units in JavaScript.
    text = "𠀀𠀁共销售住宅41套，回款2800万元。"
    mentions = answer_of(server, text)["mentions"]
    extract(page, text)
    assert texts(page, "#doc mark.mention") == [m["text"] for m in mentions] == ["41套", "2800万元"]


def tab_to(page, script, want, presses=12):
    """Press Tab until ``script`` (run on the focused element) gives ``want``; the values seen."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(f"(e => {script})(document.activeElement)"))
        if seen[-1] == want:
            return seen
    raise AssertionError(f"Tab never reached {want!r}: {seen}")


def test_the_page_is_usable_by_keyboard(page, seed):
    page.fill("#text", seed)
    page.evaluate("document.activeElement.blur()")
    assert tab_to(page, "e.id", "extract")[-2:] == ["choose", "extract"]
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_contain_text("Done")
    assert tab_to(page, "e.id", "download-csv")[-3:] == ["out-of-scope", "download-json", "download-csv"]
    # The text is one stop in the tab order; the arrow keys move from figure to figure.
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.dataset.id")
    assert first == read(seed)["mentions"][0]["id"]
    expect(page.locator("#tip")).to_be_visible()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.id") == read(seed)["mentions"][1]["id"]
    page.keyboard.press("Escape")
    expect(page.locator("#tip")).to_be_hidden()
    # Then the KPI rows, each a stop; Enter finds the KPI in the text.
    page.keyboard.press("Tab")
    row = page.evaluate("document.activeElement.dataset.mention")
    assert row == read(seed)["kpis"][0]["mention"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.id") == row
    expect(page.locator("#tip")).to_be_visible()


def test_json_download_is_the_answer(page, server, seed):
    extract(page, seed)
    with page.expect_download() as download:
        page.click("#download-json")
    saved = Path(download.value.path()).read_text(encoding="utf-8")
    assert json.loads(saved) == answer_of(server, seed)
    assert download.value.suggested_filename.endswith(".json")


def test_csv_download_parses_one_row_per_kpi(page, server, seed):
    kpis = answer_of(server, seed)["kpis"]
    extract(page, seed)
    with page.expect_download() as download:
        page.click("#download-csv")
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [(r["name"], r["evidence"]) for r in rows] == [(k["name"], k["evidence"]) for k in kpis]
    assert download.value.suggested_filename.endswith(".csv")


def shown_as_read(page):
    """The text on show, after checking its highlights are the mentions the engine reads in it."""
    expect(page.locator("#status")).to_contain_text("Done")
    text = page.locator("#doc").text_content()
    assert texts(page, "#doc mark.mention") == [m["text"] for m in read(text)["mentions"]]
    return text


def test_a_chosen_word_file_is_read_and_its_text_shown(page):
    page.set_input_files(
        "#file",
        files=[
            {
                "name": "报告.docx",
                "buffer": make_docx("本月共销售住宅41套。", [["销售数量", "5,454(台)"]]),
                "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            }
        ],
    )
    assert shown_as_read(page).splitlines() == ["本月共销售住宅41套。", "销售数量\t5,454(台)"]
    expect(page.locator("#summary")).to_contain_text("报告.docx, Word, 1 paragraph, 1 table")
    expect(page.locator("#file-name")).to_contain_text("报告.docx")


def test_a_dropped_gbk_file_is_read_and_its_text_shown(page):
    data = list("上半年共销售住宅128套，实现销售收入3.2亿元。".encode("gbk"))
    page.evaluate(
        """data => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], "gbk.txt", {type: "text/plain"}));
        document.getElementById("drop").dispatchEvent(
            new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }""",
        data,
    )
    assert shown_as_read(page) == "上半年共销售住宅128套，实现销售收入3.2亿元。"
    expect(page.locator("#summary")).to_contain_text("gbk.txt, text")
    # Typing again goes back to the text box.
    page.fill("#text", "本月共销售住宅41套。")
    expect(page.locator("#file-name")).to_be_hidden()
    page.click("#extract")
    assert shown_as_read(page) == "本月共销售住宅41套。"


def test_a_file_the_service_does_not_read_gets_its_problem_shown(page):
    page.set_input_files(
        "#file",
        files=[{"name": "a.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(64)}],
    )
    expect(page.locator("#error")).to_contain_text("415")


def test_a_problem_from_the_service_is_shown(page):
    page.fill("#text", "x" * 2_000_000)  # over the default body limit
    page.click("#extract")
    expect(page.locator("#error")).to_be_visible()
    expect(page.locator("#error")).to_contain_text("413")
    expect(page.locator("#results")).to_be_hidden()


def test_the_csp_is_in_force(page):
    # The harness's own check: an inline script is refused, so the tests above ran under it.
    ran = page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true';
        document.body.append(s);
        return window.inlineRan === true;
    }""")
    page.wait_for_timeout(200)  # for the console message
    assert ran is False
    assert any("Content Security Policy" in p for p in page.problems)
    page.problems.clear()
