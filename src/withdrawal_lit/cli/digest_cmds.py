"""Commands of this group are registered from COMMANDS."""

COMMANDS: list = []
