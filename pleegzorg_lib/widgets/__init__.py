"""ipywidgets for worksheets: question views and the runner that saves every answer."""

from ._lean import share_default_models

share_default_models()  # one default layout/style per kernel instead of one per widget

from ._view import QuestionView  # noqa: E402
from .header import Header  # noqa: E402
from .questions import build_question  # noqa: E402
from .runner import WorksheetRunner  # noqa: E402

__all__ = ["Header", "QuestionView", "WorksheetRunner", "build_question"]
