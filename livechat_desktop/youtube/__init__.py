"""The YouTube Data API v3: wire models, errors, client and polling loop.

Nothing in this package imports Qt.
"""
