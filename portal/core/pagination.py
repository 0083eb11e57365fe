"""Paginated list queries: one COUNT and one page of rows (``paginate``), or only the page and
whether another follows (``paginate_window``, for lists that grow with the data)."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

T = TypeVar("T")

#: Far past any real list; keeps OFFSET a small number whatever ``?page=`` says.
MAX_PAGE = 100_000


@dataclass
class Page(Generic[T]):
    items: list[T]
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def paginate(session: Session, query: Select[Any], *, page: int, per_page: int) -> Page:
    """Run ``query`` for one page; ``page`` below 1 or past the end is clamped."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, ceil(total / per_page))
    number = min(max(page, 1), pages)
    items = list(session.scalars(query.limit(per_page).offset((number - 1) * per_page)).unique())
    return Page(items=items, number=number, per_page=per_page, total=total)


@dataclass
class Window(Generic[T]):
    """One page of a list whose length is never counted: the next page is known to exist when
    one row more than a page came back. Its cost stays the same however long the list grows."""

    items: list[T]
    number: int
    per_page: int
    has_next: bool
    pages = None  # unknown by design: counting would read every row

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first(self) -> int:
        """The position of the first item on this page (1-based)."""
        return (self.number - 1) * self.per_page + 1


def paginate_window(session: Session, query: Select[Any], *, page: int, per_page: int) -> Window:
    """Run ``query`` for one page without a COUNT; ``page`` is clamped to 1..MAX_PAGE."""
    number = min(max(page, 1), MAX_PAGE)
    rows = list(session.scalars(query.limit(per_page + 1).offset((number - 1) * per_page)).unique())
    return Window(rows[:per_page], number, per_page, has_next=len(rows) > per_page)
