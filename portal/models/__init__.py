"""All models, imported here so SQLAlchemy and Alembic see every table."""

from portal.models.audit import AuditEvent
from portal.models.base import Base, utcnow
from portal.models.cycle import Cycle
from portal.models.framework import Framework, Question, QuestionType, StoryKind
from portal.models.interpretation import Answer, Interpretation, InterpretationRole
from portal.models.outbox import OutboxMessage
from portal.models.password_link import PasswordLink
from portal.models.prompt import PromptQuestion
from portal.models.question_translation import QuestionTranslation
from portal.models.recovery_code import RecoveryCode
from portal.models.respondent import Consent, ConsentMethod, Respondent
from portal.models.skip import SKIP_REASONS, CycleSkip
from portal.models.story import Story, StoryStatus
from portal.models.tag import Tag, story_tags
from portal.models.team import Team, team_coaches, team_members
from portal.models.user import AnonymousUser, Role, User, UserRole

__all__ = [
    "SKIP_REASONS",
    "AnonymousUser",
    "Answer",
    "AuditEvent",
    "Base",
    "Consent",
    "ConsentMethod",
    "Cycle",
    "CycleSkip",
    "Framework",
    "Interpretation",
    "InterpretationRole",
    "OutboxMessage",
    "PasswordLink",
    "PromptQuestion",
    "Question",
    "QuestionTranslation",
    "QuestionType",
    "RecoveryCode",
    "Respondent",
    "Role",
    "Story",
    "StoryKind",
    "StoryStatus",
    "Tag",
    "Team",
    "User",
    "UserRole",
    "story_tags",
    "team_coaches",
    "team_members",
    "utcnow",
]
