"""The report of ``drift compare A B C ...``: view models and the page, JSON, CSV and summary."""
