"""The staff tools: the ``renda`` command (validate, new, fmt, stats, import, export, pdf,
fields) and what they need (canonical writing, Excel ledgers, the field reference).
"""
