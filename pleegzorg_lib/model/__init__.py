"""The domain model: plain frozen dataclasses, no I/O and no widgets."""

from .catalog import Catalog, LearningNetwork, Meeting, Role, Theme
from .errors import AnswerError
from .identity import (
    code_digest,
    new_resume_code,
    normalize_code,
    normalize_session_code,
)
from .worksheet import (
    DEFAULT_LIKERT_KEYS,
    DEFAULT_MAX_LENGTH,
    Question,
    QuestionKind,
    Worksheet,
    WorksheetInfo,
    is_valid_id,
    page_path,
)

__all__ = [
    "DEFAULT_LIKERT_KEYS",
    "DEFAULT_MAX_LENGTH",
    "AnswerError",
    "Catalog",
    "LearningNetwork",
    "Meeting",
    "Question",
    "QuestionKind",
    "Role",
    "Theme",
    "Worksheet",
    "WorksheetInfo",
    "code_digest",
    "is_valid_id",
    "page_path",
    "new_resume_code",
    "normalize_code",
    "normalize_session_code",
]
