"""Finding a half-remembered quotation: the candidate documents, the words compared
(contractions, numbers, inflections, WordNet's senses, families and antonyms), the
passage around a match and its score.
"""
