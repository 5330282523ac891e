"""The report of ``drift compare OLD NEW``: view models, word marks, moved rows, the HTML page."""
