"""The domain core: reading, typing, validating and linking records, what a build shows, and the
figures. Plain Python: it imports neither MkDocs nor the site layer (a test checks).
"""
