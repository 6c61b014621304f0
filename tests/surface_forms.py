"""Surface forms of a document: each renders the same content the way another source would print it.

Every form is a pure `str -> str`. The pipeline should read the same record from each (see
tests/test_surface_invariance.py): what changes is markup, layout, spacing, digits and label style,
never the words.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import regex

Form = Callable[[str], str]

WRAP_WIDTH = 60
# A list item's label at the start of a line: (ক) ক) ১। ১. (১) ১), after any indent.
# A digit after it makes a date or a section number (১০.১০.২০২২, ১.২), not a label.
_LABEL = regex.compile(r"^(?P<indent>[ \t]*)(?P<label>\(?[ক-ঞ]\)|\(?[০-৯]{1,2}\)|[০-৯]{1,2}[।.])(?![০-৯])(?=[ \t]*\S)")
_MARKDOWN_BULLET = regex.compile(r"^(?P<indent>[ \t]*)-[ \t]+")
_TAG = regex.compile(r"(</?[a-zA-Z][^<>\n]*>)")
_SINGLE_SPACE = regex.compile(r"(?<=\S) (?=\S)")
_BANGLA_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")


def _map_lines(text: str, line_form: Callable[[str], str]) -> str:
    return "\n".join(map(line_form, text.split("\n")))


def markdown_bullets(text: str) -> str:
    """Every labelled list item as a Markdown bullet: `- (ক) …`; other lines untouched."""

    def bullet(line: str) -> str:
        if "\t" in line or _MARKDOWN_BULLET.match(line):
            return line
        return _LABEL.sub(r"\g<indent>- \g<label>", line)

    return _map_lines(text, bullet)


def _escape(text: str) -> str:
    """HTML entities for & < > outside the tags the text already holds (its own markup)."""
    return "".join(part if _TAG.fullmatch(part) else html.escape(part, quote=False) for part in _TAG.split(text))


def html_paragraphs(text: str) -> str:
    """A web page: one `<p>` per paragraph (blank-line separated), `<br>` between its lines."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join("<p>" + "<br>\n".join(_escape(p).split("\n")) + "</p>" for p in paragraphs)
    return f"<html><body>\n{body}\n</body></html>\n"


def _wrap(line: str) -> list[str]:
    """A line broken at spaces into lines of at most WRAP_WIDTH characters (longer words stand alone)."""
    out = [""]
    for word in line.split(" "):
        if out[-1] and len(out[-1]) + 1 + len(word) > WRAP_WIDTH:
            out.append(word)
        else:
            out[-1] = f"{out[-1]} {word}" if out[-1] else word
    return out


def wrapped_lines(text: str) -> str:
    """Lines longer than WRAP_WIDTH wrapped at spaces, as a narrow page prints them; table rows are not."""
    lines = text.split("\n")
    return "\n".join(
        wrapped for line in lines for wrapped in ([line] if "\t" in line or len(line) <= WRAP_WIDTH else _wrap(line))
    )


def page_furniture(text: str) -> str:
    """A page break in the middle, between two paragraphs, with a footer before it and a header after it."""
    lines = text.split("\n")
    blanks = [i for i, line in enumerate(lines) if not line.strip()] or list(range(1, len(lines)))
    middle = min(blanks, key=lambda i: abs(i - len(lines) / 2))
    return "\n".join([*lines[:middle], "", "পৃষ্ঠা ১ এর ২", "\f- ২ -", "", *lines[middle:]])


def ascii_digits(text: str) -> str:
    """Bangla digits printed as ASCII digits."""
    return text.translate(_BANGLA_DIGITS)


def bullet_glyphs(glyph: str) -> Form:
    """A form putting `glyph` before every list item: in place of a `-` bullet, or before a label."""

    def line_form(line: str) -> str:
        if "\t" in line:
            return line
        if _MARKDOWN_BULLET.match(line):
            return _MARKDOWN_BULLET.sub(rf"\g<indent>{glyph} ", line)
        return _LABEL.sub(rf"\g<indent>{glyph} \g<label>", line)

    def form(text: str) -> str:
        return _map_lines(text, line_form)

    form.__name__ = f"bullet_glyphs_{ord(glyph):04x}"
    return form


_LABEL_STYLES = regex.compile(
    r"(?P<subject>(?:বিষয়|সূত্র)[ \t]*[:ঃ])|(?P<memo>স্মারক[ \t]*(?:নং|নম্বর)[ \t]*[:ঃ])|(?P<date>তারিখ[ \t]*[:ঃ])"
)


def _restyle(match: regex.Match[str]) -> str:
    """বিষয়: → বিষয়ঃ, বিষয়ঃ → বিষয় :; স্মারক নং: → স্মারক নং-; তারিখ: ↔ তারিখঃ."""
    label = match.group().rstrip(":ঃ \t")
    if match.group("memo"):
        return f"{label}-"
    colon = match.group()[-1]
    if match.group("subject"):
        return f"{label}ঃ" if colon == ":" else f"{label} :"
    return f"{label}ঃ" if colon == ":" else f"{label}:"


def label_styles(text: str) -> str:
    """The labels' punctuation another office uses: বিষয়ঃ / বিষয় :, স্মারক নং-, তারিখঃ ↔ তারিখ:."""
    return _LABEL_STYLES.sub(_restyle, text)


_BRACKETED_LETTER = regex.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)\((?P<letter>[ক-ঞ])\)", regex.M)


def half_bracket_labels(text: str) -> str:
    """Letter labels with a closing bracket only: (ক) → ক)."""
    return _BRACKETED_LETTER.sub(r"\g<lead>\g<letter>)", text)


def crlf_double_spaced(text: str) -> str:
    """CRLF line endings, and two spaces wherever words were separated by one."""
    return _SINGLE_SPACE.sub("  ", text).replace("\n", "\r\n")


def spaced_tabs(text: str) -> str:
    """Table cells separated by runs of 2–6 spaces instead of tabs, as `pdftotext -layout` prints them."""
    count = 0

    def run(_: regex.Match[str]) -> str:
        nonlocal count
        count += 1
        return " " * (2 + count % 5)

    return regex.sub("\t", run, text)


def nbsp_spaces(text: str) -> str:
    """No-break spaces between words, as word processors export them."""
    return _SINGLE_SPACE.sub("\u00a0", text)


def trailing_spaces(text: str) -> str:
    """Spaces at the end of every line (Markdown hard breaks, padded exports)."""
    return _map_lines(text, lambda line: line + "   " if line.strip() else line)


FORMS: tuple[Form, ...] = (
    markdown_bullets,
    html_paragraphs,
    wrapped_lines,
    page_furniture,
    ascii_digits,
    bullet_glyphs("●"),
    bullet_glyphs("■"),
    bullet_glyphs("➤"),
    label_styles,
    half_bracket_labels,
    crlf_double_spaced,
    spaced_tabs,
    nbsp_spaces,
    trailing_spaces,
)
