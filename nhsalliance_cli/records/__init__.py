"""The records analyses hand up: the ``Record`` mixin (``as_dict()`` gives exactly the
documented JSON fields) and the quotation record.

Imports only the layers below: corpus, text and the foundation.
"""
