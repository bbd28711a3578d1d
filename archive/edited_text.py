"""Text as an editor's admin form sends it back, compared with what the archive
stores, so that saving a form untouched is never taken for a correction (the
edited-field flags of archive/curation.py would then keep extraction away).
Kept apart from archive/curation.py, which the admin must not import: it pulls
in what only extraction needs."""


def submitted_text(value: str) -> str:
    """Text as a form sends it, read as the archive stores it: browsers send a
    textarea's line ends as CRLF (HTML's form encoding), the archive keeps LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def same_text(stored, submitted, single_line: bool = False) -> bool:
    """Whether an editor's form gives back the text it was shown: line ends and
    surrounding whitespace are how the browser sends text, not a change. A
    single-line input drops line breaks from its value (HTML's value
    sanitisation), so a stored title holding one is the same without it."""
    stored, submitted = submitted_text(stored or ""), submitted_text(submitted or "")
    if single_line:
        stored, submitted = stored.replace("\n", ""), submitted.replace("\n", "")
    return stored.strip() == submitted.strip()
