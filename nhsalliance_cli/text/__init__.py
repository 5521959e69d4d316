"""Words and searching, knowing nothing of documents: the one tokenizer, the one search
engine, did-you-mean, compact lists, quote marks and the words that tell a name.

Imports only the foundation (errors, defaults, progress).
"""
