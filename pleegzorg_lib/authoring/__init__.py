"""Tools for authors of worksheets: ``pleegzorg check`` (``check``), the Dutch spelling check
(``spelling``) and ``pleegzorg new`` (``scaffold``)."""
