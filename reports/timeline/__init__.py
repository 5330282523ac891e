"""The report of ``drift timeline``: view models, table rows, charts, the page, JSON/CSV/Parquet."""
