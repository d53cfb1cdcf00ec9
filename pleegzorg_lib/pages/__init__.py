"""The notebook API: what a worksheet or facilitator notebook calls (``worksheet("id")``,
``live_view()``, …), re-exported by ``pleegzorg_lib`` itself. ``_voila_request`` reads the
visitor's query string from Voilà for a preheated kernel."""
