"""The fields every JSON view of a paper carries."""

from __future__ import annotations

from withdrawal_lit.records import Article


def paper_json(article: Article, assessment, summary) -> dict:
    """The fields every JSON view of a paper carries (search, new, digest...)."""
    a, d = article, assessment
    return {
        "pmid": a.pmid,
        "title": a.title,
        "year": a.year,
        "journal": a.journal,
        "journal_iso": a.journal_iso,
        "authors": [au.display for au in a.authors],
        "doi": a.doi,
        "pmcid": a.pmcid,
        "design": d.design.slug,
        "design_label": d.design.label,
        "evidence_level": d.design.level,
        "population": d.population,
        "sample_size": d.sample_size,
        "interventions": list(d.interventions),
        "outcomes": list(d.outcomes),
        "retracted": d.retracted,
        "has_erratum": d.has_erratum,
        "expression_of_concern": d.expression_of_concern,
        "bottom_line": summary.text,
        "bottom_line_source": summary.source,
        "url": a.url,
    }
