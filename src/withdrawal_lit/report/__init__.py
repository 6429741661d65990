"""The evidence report as one self-contained HTML page (pure: data in, string out).

People put this evidence into protocols, grants, guidelines and reviews, so the page shows what
a reader needs to check it: each question with its exact PubMed term, what the search found
(by study design and by year), retractions, the ranked papers with a link to PubMed for each,
and the search log. It has to work wherever it is opened or sent: inline CSS and inline SVG,
no scripts, no fonts or images from the network; readable on a phone and on paper; every chart
carries its numbers as text (aria-label and a visible table). Every piece of text that comes
from PubMed, a query file or the cache is escaped, so a title cannot inject markup.

The package: ``model`` (what the page shows, as data), ``page`` (the HTML), ``charts`` (inline
SVG), ``html_text`` (escaping, ids, links, numbers) and ``style`` (the stylesheet).
"""

from withdrawal_lit.report.model import (
    Bar,
    LogLine,
    Report,
    Retraction,
    Section,
    TermVersion,
)
from withdrawal_lit.report.page import render

__all__ = ["Bar", "LogLine", "Report", "Retraction", "Section", "TermVersion", "render"]
