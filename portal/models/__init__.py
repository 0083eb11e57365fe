"""All models, imported here so SQLAlchemy and Alembic see every table."""

from portal.models.audit import AuditEvent
from portal.models.base import Base, utcnow
from portal.models.comment import Comment
from portal.models.cycle import Cycle
from portal.models.framework import Framework, Question, QuestionType, StoryKind
from portal.models.imports import ImportBatch, ImportedStory
from portal.models.interpretation import Answer, Interpretation, InterpretationRole
from portal.models.notice import Notice, NoticeKind
from portal.models.observation import Observation, ObservationInterpretation, Strength
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
from portal.models.team_session import (
    Anonymity,
    SessionMethod,
    SessionStatus,
    TeamSession,
    TeamSessionAction,
    TeamSessionInterpretation,
    TeamSessionObservation,
    TeamSessionParticipant,
    TeamSessionStory,
    team_session_themes,
)
from portal.models.user import AnonymousUser, Role, User, UserRole

__all__ = [
    "SKIP_REASONS",
    "Anonymity",
    "AnonymousUser",
    "Answer",
    "AuditEvent",
    "Base",
    "Comment",
    "Consent",
    "ConsentMethod",
    "Cycle",
    "CycleSkip",
    "Framework",
    "ImportBatch",
    "ImportedStory",
    "Interpretation",
    "InterpretationRole",
    "Notice",
    "NoticeKind",
    "Observation",
    "ObservationInterpretation",
    "OutboxMessage",
    "PasswordLink",
    "PromptQuestion",
    "Question",
    "QuestionTranslation",
    "QuestionType",
    "RecoveryCode",
    "Respondent",
    "Role",
    "SessionMethod",
    "SessionStatus",
    "Story",
    "StoryKind",
    "StoryStatus",
    "Strength",
    "Tag",
    "Team",
    "TeamSession",
    "TeamSessionAction",
    "TeamSessionInterpretation",
    "TeamSessionObservation",
    "TeamSessionParticipant",
    "TeamSessionStory",
    "User",
    "UserRole",
    "story_tags",
    "team_coaches",
    "team_members",
    "team_session_themes",
    "utcnow",
]
