"""Documents and folders: the document and corpus model, a folder's files and manifest,
metadata from tables, file names and paths, ``--where``, and text that is not UTF-8.

Imports only the layers below: text and the foundation.
"""
