"""nhsalliance: query the NHS Alliance texts from the command line."""

__version__ = "0.1.0"
