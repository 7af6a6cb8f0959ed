"""renda: a Git-based records repository and disclosure site for a township People's Congress.

The domain core (``frontmatter``, ``schema``, ``loader``, ``validate``, ``corpus``) is plain
Python and never imports MkDocs; ``mkdocs_plugin`` is the only adapter to MkDocs.
"""

__version__ = "0.1.0"
