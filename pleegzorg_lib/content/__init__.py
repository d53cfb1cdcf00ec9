"""Content: the catalog in ``data/`` and the worksheets' metadata, loaded and validated."""

from ._yaml import ContentError
from .catalog import cached_catalog, load_catalog
from .questions import FACTORIES, load_worksheet, questions_in_source
from .workbooks import find_worksheet, load_worksheet_index, notebook_paths, read_worksheet_info

__all__ = [
    "FACTORIES",
    "load_worksheet",
    "questions_in_source",
    "ContentError",
    "cached_catalog",
    "find_worksheet",
    "load_catalog",
    "load_worksheet_index",
    "notebook_paths",
    "read_worksheet_info",
]
