"""``python -m commercekit`` runs the command-line interface."""

from commercekit.cli import main

raise SystemExit(main())
