"""``python -m renda``: the same as the ``renda`` command."""

from .staff.cli import main

main()
