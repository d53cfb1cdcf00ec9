"""ipywidgets for worksheets: question views and the runner that saves every answer."""

from .header import Header
from .questions import QuestionView, build_question
from .runner import WorksheetRunner

__all__ = ["Header", "QuestionView", "WorksheetRunner", "build_question"]
