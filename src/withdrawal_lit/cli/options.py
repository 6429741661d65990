"""Option bundles shared by several commands, spelled the same way everywhere."""

from __future__ import annotations

import datetime as _dt
import re

import click

from withdrawal_lit.errors import InputError
from withdrawal_lit.rank import SORTS

PMID_RE = re.compile(r"^[1-9][0-9]{0,8}$")


def _since(ctx, param, value):
    if value is None:
        return None
    this_year = _dt.date.today().year
    if not re.fullmatch(r"\d{4}", value.strip()):
        raise click.BadParameter(f"{value!r} is not a year; give e.g. --since 2015")
    year = int(value)
    if year > this_year:
        raise click.BadParameter(f"{year} is in the future; give a year up to {this_year}")
    if year < 1800:
        raise click.BadParameter(f"{year} is before PubMed's records begin; give e.g. 1950")
    return year


def _designs(ctx, param, value):
    if not value:
        return ()
    # deferred for `--help` (see withdrawal_lit/deferred_imports.py)
    from withdrawal_lit.design_vocabulary import DESIGNS

    slugs = tuple(s.strip().lower() for s in value.split(",") if s.strip())
    unknown = [s for s in slugs if s not in DESIGNS]
    if unknown:
        raise click.BadParameter(f"unknown design {unknown[0]!r}; choose from {', '.join(DESIGNS)}")
    return slugs


def _limit(ctx, param, value):
    if value is not None and value < 1:
        raise click.BadParameter(f"{value} is not a positive number; give e.g. --limit 20")
    return value


def since_option(f):
    """--since YEAR, the same for every command that filters by publication year."""
    return click.option(
        "--since", metavar="YEAR", callback=_since, help="Only papers published in YEAR or later."
    )(f)


def filter_options(default_limit: int | None = 10):
    """--limit, --since, --design, --sort, --show-retracted-in-place."""

    def decorator(f):
        f = click.option(
            "--show-retracted-in-place",
            "retracted_in_place",
            is_flag=True,
            help="Rank retracted papers by score like the rest instead of last.",
        )(f)
        f = click.option(
            "--sort",
            type=click.Choice(SORTS),
            default="relevance",
            show_default=True,
            help="Order: combined score, newest first, or strongest evidence first.",
        )(f)
        f = click.option(
            "--design",
            "designs",
            metavar="SLUGS",
            callback=_designs,
            help="Only these study designs, comma-separated (e.g. rct,systematic-review).",
        )(f)
        f = since_option(f)
        f = click.option(
            "--limit",
            type=int,
            default=default_limit,
            callback=_limit,
            show_default=default_limit is not None,
            help="Papers per query" + ("" if default_limit else " (default: all)") + ".",
        )(f)
        return f

    return decorator


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def validate_pmid(value: str) -> str:
    text = value.strip()
    if text.upper().startswith("PMID:"):
        text = text[5:].strip()
    if not PMID_RE.match(text):
        raise InputError(
            f"{value!r} is not a PubMed ID", "a PMID is a number such as 30566987 (no letters)"
        )
    return text
