"""``python -m commercekit`` runs the command-line interface."""

from commercekit.cli import command

raise SystemExit(command())
