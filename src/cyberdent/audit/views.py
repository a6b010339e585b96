"""The practice's security journal, for its owners."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property

from cyberdent.audit.selectors import audit_events_for_practice
from cyberdent.domain.roles import Permission
from cyberdent.practices.access import PracticeAccess, practice_view

EVENTS_PER_PAGE = 50
# The journal counts at most this many events: years of logins never make a page count them
# all. Beyond, it says « plus de 999 événements » and pages on without a total.
COUNT_LIMIT = 1000
MAX_OFFSET = 2**62  # a typed page number beyond is past the end (and beyond SQL's integers)


class _OpenPage(Page):
    """A page of a journal longer than COUNT_LIMIT: whether another follows was read, not
    computed from a total."""

    def __init__(self, rows: list[Any], number: int, paginator: Paginator, more: bool) -> None:
        super().__init__(rows, number, paginator)
        self._more = more

    def has_next(self) -> bool:
        return self._more

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


class BoundedPaginator(Paginator):
    """Django's paginator with a count of at most `limit` rows (one bounded query). Up to the
    limit it is exactly Django's; past it, a page is read with one row more to know whether
    another follows. A page number past either end still shows the last page, which then takes
    the full count (a typed number, rare)."""

    def __init__(self, object_list: Any, per_page: int, limit: int) -> None:
        super().__init__(object_list, per_page)
        self.limit = limit
        self.exact = False

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.limit].count()

    @property
    def more(self) -> bool:
        """More rows than were counted: the total is unknown."""
        return not self.exact and self.count >= self.limit

    @property
    def shown_limit(self) -> int:
        return self.limit - 1  # « plus de 999 »

    def get_page(self, number: Any) -> Page:
        if not self.more:
            return super().get_page(number)
        try:
            wanted = int(number)
        except (TypeError, ValueError, OverflowError):
            return self.page(1)
        bottom = (wanted - 1) * self.per_page
        if 0 <= bottom < MAX_OFFSET:
            rows = list(self.object_list[bottom : bottom + self.per_page + 1])
            if rows:
                return _OpenPage(rows[: self.per_page], wanted, self, len(rows) > self.per_page)
        self.__dict__["count"] = self.object_list.count()
        self.exact = True
        self.__dict__.pop("num_pages", None)
        return super().get_page(number)


@practice_view(Permission.VIEW_AUDIT)
def audit_log(request: HttpRequest, access: PracticeAccess) -> HttpResponse:
    paginator = BoundedPaginator(
        audit_events_for_practice(access.practice), EVENTS_PER_PAGE, COUNT_LIMIT
    )
    # A missing, garbled or too large page number shows the nearest page, never an error.
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"practice": access.practice, "page": page, "events": page.object_list},
    )
