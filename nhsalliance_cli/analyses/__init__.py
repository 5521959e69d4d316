"""Pure analyses, text in, frozen records out: concordance, statistics, attribution of
quotations, the names index, quotation look-ups, and corpus results as merges of
per-document ones.

Imports only the layers below (records, corpus, text, the foundation), never the index
beside it: the index reaches analyses through the corpus model's protocols.
"""
