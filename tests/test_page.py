"""The page at /: its files, their media types, and that it runs under a strict CSP.

What the page does in a browser is in test_page_browser.py.
"""

import re
from html.parser import HTMLParser

import pytest

from service.page import FILES, FOLDER
from tests.test_errors import problem


class Page(HTMLParser):
    """What a CSP of 'self' cares about in an HTML page: scripts, styles, handlers, links."""

    def __init__(self):
        super().__init__()
        self.inline_scripts, self.style_blocks, self.style_attributes = 0, 0, []
        self.handlers, self.links, self.ids, self._in_script = [], [], set(), False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = "src" not in attrs
        if tag == "style":
            self.style_blocks += 1
        if "style" in attrs:
            self.style_attributes.append(tag)
        self.handlers += [name for name in attrs if name.startswith("on")]
        self.links += [attrs[a] for a in ("src", "href") if attrs.get(a)]
        if "id" in attrs:
            self.ids.add(attrs["id"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1


@pytest.fixture
def page(client):
    response = client.get("/")
    assert (response.status_code, response.mimetype) == (200, "text/html")
    parsed = Page()
    parsed.feed(response.get_data(as_text=True))
    return parsed


def test_page_has_no_inline_script_style_or_handler(page):
    assert (page.inline_scripts, page.style_blocks, page.style_attributes, page.handlers) == (0, 0, [], [])


def test_page_loads_only_its_own_files(client, page):
    outside = [link for link in page.links if not re.match(r"#|/(?!/)", link)]
    local = [link for link in page.links if link.startswith("/")]
    assert outside == []
    assert {link for link in local if link.startswith("/static/")} == {f"/static/{n}" for n in FILES}
    assert all(client.get(link).status_code == 200 for link in local)


@pytest.mark.parametrize("name", FILES)
def test_each_file_is_served_with_its_media_type_in_utf_8(client, name):
    response = client.get(f"/static/{name}")
    assert (response.status_code, response.mimetype) == (200, FILES[name])
    assert response.mimetype_params.get("charset", "utf-8") == "utf-8"
    assert response.get_data() == (FOLDER / name).read_bytes()


@pytest.mark.parametrize("path", ["/", *(f"/static/{name}" for name in FILES)])
def test_each_file_is_revalidated_by_its_etag(client, path):
    first = client.get(path)
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["ETag"]
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert (again.status_code, again.get_data()) == (304, b"")


@pytest.mark.parametrize(
    "headers",
    [{"If-Match": "0"}, {"If-Match": '"stale"'}, {"If-Unmodified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}],
)
def test_write_preconditions_on_a_page_are_ignored_not_a_412_html_page(client, headers):
    # (a stray If-Match once got werkzeug's 412 page, in HTML and outside the contract)
    response = client.get("/", headers=headers)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["ETag"]


def test_the_page_itself_is_utf_8_html(client):
    response = client.get("/")
    assert response.content_type == "text/html; charset=utf-8"
    assert '<meta charset="utf-8">' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    ["/static/index.html", "/static/", "/static/page.js.map", "/static/..%2fpage.py", "/static/../page.py"],
    ids=["page-itself", "folder", "unlisted", "escaped-traversal", "traversal"],
)
def test_other_paths_under_static_are_404_problems(client, path):
    problem(client.get(path), 404)


def test_the_script_puts_no_text_into_html():
    script = (FOLDER / "page.js").read_text(encoding="utf-8")
    assert not re.search(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|"
        r"new Function|setAttribute\(\s*['\"](style|on)",
        script,
    )


def test_every_id_the_script_asks_for_is_on_the_page(page):
    script = (FOLDER / "page.js").read_text(encoding="utf-8")
    asked = set(re.findall(r'\$\("([\w-]+)"\)', script))
    assert asked and asked <= page.ids, asked - page.ids
