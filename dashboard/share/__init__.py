"""Sharing what a chart shows: permalinks, downloads, embeds, citations and slide images.

Imports flow one way, from the bottom up (a test walks them: tests/test_architecture.py):

- ``urls``: the route table (``PAGES``) and every URL the app writes (permalink, embed, image, download, cite);
- ``writers``: bytes of a download (CSV in chunks, XLSX, zip) — pure, used by the API too;
- ``frames``: the rows a download carries (the chart's rows + export conventions) and their metadata;
- ``citation``: APA, BibTeX and CITATION.cff of a view and its sources;
- ``images``: slide images (PNG/SVG) drawn offline by kaleido, through a bounded queue;
- ``embed``: the Dash-free embed's payload and controls;
- ``routes``: the Flask blueprints (downloads, embeds and cite, images); the pages are ``dashboard/templates``.
"""
