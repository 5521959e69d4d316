"""The one renderer: records to a table, plain text, JSON, JSON lines, CSV or a chart, on
streams that never crash, in an injected terminal or pipe environment, through a pager.

Imports only the layers below; knows nothing of the commands.
"""
