"""The names index: people, organisations, places, terms and publications found per
document and merged, matched word by word, and every form of a name as a query.
"""
