"""The MkDocs adapter: the plugin that hands the site layer's pages to MkDocs (or ProperDocs),
and the second process that works beside the build.
"""
