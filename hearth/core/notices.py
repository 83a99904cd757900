"""Notices about a home that staff must see wherever they open its case: a domain registers a
source in its AppConfig.ready(), and the tenancy page and the rent account (in apps that know
nothing of that domain) show what it returns.

    from hearth.core.notices import Notice, register_home_notice_source

    def legal_access(home_ids):
        for case in LegalAccess.objects.filter(home_id__in=home_ids, closed_on__isnull=True):
            yield Notice(text=..., url=..., link_text=...)

    register_home_notice_source(legal_access)

A source takes the home ids to look at and answers in one bounded query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from hearth.core.registry import Registry


@dataclass(frozen=True)
class Notice:
    text: str
    url: str = ""
    link_text: str = ""


NoticeSource = Callable[[Sequence[int]], Iterable[Notice]]
_sources: Registry[NoticeSource] = Registry("home notice sources")


def register_home_notice_source(source: NoticeSource) -> NoticeSource:
    return _sources.register(source)


def home_notices(home_ids: Sequence[int]) -> list[Notice]:
    """Every registered domain's notices about these homes (shown as warnings)."""
    ids = [pk for pk in home_ids if pk]
    if not ids:
        return []
    return [notice for source in _sources.items() for notice in source(ids)]
