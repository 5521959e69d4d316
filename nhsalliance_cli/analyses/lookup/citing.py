"""A found source as one line of citation, and dates as people write them."""

from __future__ import annotations

from nhsalliance_cli.corpus.model import Document


def citation(doc: Document, speaker: str | None, quoted: bool = False) -> str:
    """One line: who, title, kind and publisher, date.

    A quoted passage is cited as its speaker's, quoted in the document (never as if the
    speaker wrote a news report); an unquoted one as the document's author's, or else as
    the document itself under its publisher.
    """
    what = ", ".join(x for x in (doc.kind, doc.publisher) if x)
    when = human_date(doc.date) if doc.date else "undated"
    if doc.date and doc.date_inferred:
        when += " (date inferred)"
    source = f"“{doc.title}”" + (f" ({what})" if what else "") + f", {when}."
    if quoted and speaker and speaker != doc.author:
        return f"{speaker}, quoted in {source}"
    if quoted and not speaker:
        return f"Unattributed quotation in {source}"
    if doc.author:
        return f"{doc.author}, {source}"
    if doc.publisher:
        kind = f" ({doc.kind})" if doc.kind else ""
        return f"{doc.publisher}, “{doc.title}”{kind}, {when}."
    return source[0].upper() + source[1:]


def human_date(iso: str) -> str:
    import calendar

    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"
