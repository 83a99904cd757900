"""Walking the site as each role does: start from their home page, follow every same-site link
and note every form's action, and report any that answers 403 or 404 (a link to a page the role
cannot open). Used by the fast test (Django's test client) and the browser test (Chromium with
axe on every page); both cover new domains without change, since they only follow links.

Pages are grouped by their URL name: one page of each kind is enough to see the links a kind of
page shows, and who may open a page depends on its kind, not on which record it shows, so the
walk stays bounded however much data there is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve

# Where each role starts: staff land on the staff site, residents on the portal.
HOMES = {"anonymous": "/", "resident": "/", "staff": "/staff/"}
# Not pages: files, the API, Django's own admin site, the language switch and signing out.
SKIP_PREFIXES = ("/static/", "/media/", "/api/", "/django-admin/", "/i18n/", "/accounts/sign-out")
DEAD = (403, 404)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.actions: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag == "form":
            self.actions.append(values.get("action") or "")


def links_in(html: str, page_url: str) -> tuple[list[str], list[str]]:
    """The same-site paths (with query) of the page's links, and of its forms' actions."""
    parser = _Links()
    parser.feed(html)

    def local(href: str) -> str | None:
        absolute = urldefrag(urljoin(page_url, href)).url
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https", "") or parts.netloc not in (
            "",
            urlsplit(page_url).netloc,
        ):
            return None
        if parts.path.startswith(SKIP_PREFIXES):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    links = [path for href in parser.links if (path := local(href))]
    actions = [path for action in parser.actions if (path := local(action or page_url))]
    return links, actions


def kind_of(path: str) -> str:
    """The kind of page a path is: its URL name (or the path, for one Hearth does not have)."""
    parts = urlsplit(path)
    try:
        return resolve(parts.path).view_name
    except Resolver404:
        return parts.path


@dataclass
class Crawl:
    """What one role's walk found."""

    visited: list[str] = field(default_factory=list)
    dead: list[str] = field(default_factory=list)  # "status path (linked from page)"
    errors: list[str] = field(default_factory=list)  # 5xx


def crawl(
    fetch: Callable[[str], tuple[int, str, str]],
    start: str,
    *,
    limit: int,
    check: Callable[[str], int] | None = None,
    per_kind: int = 1,
) -> Crawl:
    """Walk from `start`. `fetch(path)` returns (status, final path after redirects, HTML) and
    may run checks of its own (axe); `check(path)` returns the status of a path not walked
    (by default, fetch's). At most `limit` pages are fetched to walk; of the links and form
    actions seen on them, up to `per_kind` of each kind are checked (who may open a page
    depends on its kind, not on which record it shows)."""
    status_of = check or (lambda path: fetch(path)[0])
    result = Crawl()
    statuses: dict[str, int] = {}
    kinds: set[str] = set()
    checked: dict[str, int] = {}
    queue: list[tuple[str, str]] = [(start, "(start)")]
    while queue and len(result.visited) < limit:
        path, source = queue.pop(0)
        kind = kind_of(path)
        if kind in kinds:
            continue
        kinds.add(kind)
        status, final, html = fetch(path)
        statuses[path] = status
        result.visited.append(path)
        if status in DEAD:
            result.dead.append(f"{status} {path} (linked from {source})")
            continue
        if status >= 500:
            result.errors.append(f"{status} {path} (linked from {source})")
            continue
        links, actions = links_in(html, f"http://testserver{final}")
        for link in links:
            if kind_of(link) not in kinds:
                queue.append((link, path))
        for link in [*links, *actions]:
            link_kind = kind_of(link)
            if link in statuses or checked.get(link_kind, 0) >= per_kind:
                continue
            checked[link_kind] = checked.get(link_kind, 0) + 1
            statuses[link] = status_of(link)
            if statuses[link] in DEAD:
                result.dead.append(f"{statuses[link]} {link} (linked from {path})")
            elif statuses[link] >= 500:
                result.errors.append(f"{statuses[link]} {link} (linked from {path})")
    return result


def unique(items: list[str]) -> Iterator[str]:
    seen: set[str] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item
