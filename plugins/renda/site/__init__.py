"""The site layer: the pages, search index, feeds, open data, downloads, printing and the work
report made from the core's view, and the gates on what the site publishes. MkDocs-free.
"""
