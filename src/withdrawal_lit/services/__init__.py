"""The services: one per command (search, refresh, export, ...), between the CLI and the
E-utilities client, the cache and the pure modules; they open and close the cache and decide
the error policy."""
