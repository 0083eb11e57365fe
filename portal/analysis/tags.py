"""Tags (qualitative coding): the default theme vocabulary and tagging stories.

The defaults are the good-practice themes of the study (seed 003), loaded like the default
frameworks; a beheerder can add more and retire them (``vocabulary``). Coaches and onderzoekers tag
what the policy's ``tag`` rule allows, one story or several at once (checked in SQL, never per
row), with the tags in use only: a retired tag stays on its stories and in the filters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from portal import policy
from portal.models import Story, Tag, story_tags

DEFAULT_TAGS = (
    ("in_beeld_houden", "in beeld houden", "keeping in view"),
    ("nauwe_samenwerking", "nauwe samenwerking", "close cooperation"),
    ("taal", "taal", "language"),
    ("goede_start", "goede start", "a good start"),
    ("regie", "regie", "being in charge"),
    ("ambassadeurs", "ambassadeurs", "ambassadors"),
    ("adequate_ondersteuning", "adequate ondersteuning", "adequate support"),
    ("laagdrempelig", "laagdrempelig", "easy to approach"),
)


def load_default_tags(session: Session) -> list[Tag]:
    """Add the default tags that are missing (safe to run again); returns what was added."""
    have = set(session.scalars(select(Tag.code)))
    added = [
        Tag(code=code, label_nl=nl, label_en=en)
        for code, nl, en in DEFAULT_TAGS
        if code not in have
    ]
    session.add_all(added)
    session.flush()
    return added


def all_tags(session: Session, locale: str) -> list[tuple[str, str]]:
    """Every tag, retired ones too (to name the tags a story carries, and to filter on)."""
    label = Tag.label_en if locale == "en" else Tag.label_nl
    return [(code, text) for code, text in session.execute(select(Tag.code, label).order_by(label))]


def active_tags(session: Session, locale: str) -> list[tuple[str, str]]:
    """The tags offered for tagging: every tag that is not retired."""
    label = Tag.label_en if locale == "en" else Tag.label_nl
    query = select(Tag.code, label).where(Tag.retired_at.is_(None)).order_by(label)
    return [(code, text) for code, text in session.execute(query)]


def tags_of(session: Session, story_id: int) -> list[str]:
    return list(
        session.scalars(
            select(Tag.code)
            .join(story_tags, story_tags.c.tag_id == Tag.id)
            .where(story_tags.c.story_id == story_id)
            .order_by(Tag.code)
        )
    )


def tag_stories(session: Session, user: Any, story_ids: Iterable[int], codes: Iterable[str]) -> int:
    """Tag every story the user may tag with every code in use (unknown and retired codes are
    ignored); returns how many tags were added. One INSERT; tags already there stay as they are."""
    ids = sorted({int(i) for i in story_ids})[:500]
    tag_ids = list(
        session.scalars(
            select(Tag.id).where(Tag.code.in_(sorted(set(codes))[:100]), Tag.retired_at.is_(None))
        )
    )
    if not ids or not tag_ids:
        return 0
    allowed = list(
        session.scalars(select(Story.id).where(Story.id.in_(ids), policy.taggable_stories(user)))
    )
    if not allowed:
        return 0
    existing = {
        (story_id, tag_id)
        for story_id, tag_id in session.execute(
            select(story_tags.c.story_id, story_tags.c.tag_id).where(
                story_tags.c.story_id.in_(allowed), story_tags.c.tag_id.in_(tag_ids)
            )
        )
    }
    rows = [
        {"story_id": s, "tag_id": t, "tagged_by_id": user.id}
        for s in allowed
        for t in tag_ids
        if (s, t) not in existing
    ]
    if rows:
        session.execute(insert(story_tags), rows)
    session.flush()
    return len(rows)


def untag_story(session: Session, story: Story, code: str) -> None:
    tag_id = session.scalar(select(Tag.id).where(Tag.code == code))
    if tag_id is not None:
        session.execute(
            delete(story_tags).where(
                story_tags.c.story_id == story.id, story_tags.c.tag_id == tag_id
            )
        )
        session.flush()


@dataclass
class StoryTagging:
    codes: list[str]  # the tags the story carries
    labels: dict[str, str]  # every tag's label, retired ones too
    offered: list[tuple[str, str]]  # the tags in use it does not carry yet
    retired: frozenset[str] = frozenset()  # the tags it carries that are no longer offered


def story_tagging(session: Session, user: Any, story: Story, locale: str) -> StoryTagging | None:
    """The story page's tag panel, for those who may tag it (None for everyone else)."""
    if not policy.can(user, "tag", story):
        return None
    codes = tags_of(session, story.id)
    active = active_tags(session, locale)
    offered = [(c, label) for c, label in active if c not in codes]
    retired = frozenset(codes) - {c for c, _label in active}
    return StoryTagging(codes, dict(all_tags(session, locale)), offered, retired)
