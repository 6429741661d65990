"""withdrawal-lit: PubMed evidence on melatonin and kratom for opioid withdrawal."""

__version__ = "0.1.0"
TOOL_NAME = "withdrawal-lit"
