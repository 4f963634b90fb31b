"""`python -m orbit` is the `orbit` command."""
from .cli import main

main()
