"""Quotations and their speakers, one document at a time: quoted spans, cues, who a
phrase names, a document's cast and pronouns, the attribution rules, and speakers merged
across documents from the records alone.
"""
