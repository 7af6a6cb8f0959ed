"""``python -m renda``: the same as the ``renda`` command."""

from .cli import main

main()
