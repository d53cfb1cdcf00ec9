"""ipywidgets for worksheets: question views and the runner that saves every answer.

Importing this package changes nothing global: the pages (``pleegzorg_lib.pages``) switch on
the shared default layouts and styles (``_lean.share_default_models``) for the kernel they
run in, so an author's own notebook with other widgets keeps ipywidgets as it is.
"""

from ._view import QuestionView
from .header import Header
from .questions import build_question
from .runner import WorksheetRunner

__all__ = ["Header", "QuestionView", "WorksheetRunner", "build_question"]
