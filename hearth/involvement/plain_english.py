"""Clear words (involvement standard: "ensure housing information is clear, free of jargon and
easy to understand"). A maintained list of jargon residents should not meet, and the Flesch
reading ease of a text (206.835 - 1.015 x words per sentence - 84.6 x syllables per word; 60 or
more is plain English). Used by a test over the resident-facing templates and messages."""

from __future__ import annotations

import re

# Words and phrases to write another way on resident pages and in messages (what to say instead
# in the comment). Matched as whole words, case-insensitively.
JARGON = {
    "aforementioned": "this",
    "utilise": "use",
    "utilize": "use",
    "facilitate": "help",
    "in order to": "to",
    "pursuant": "under",
    "leverage": "use",
    "stakeholder": "people involved",
    "numerator": "(staff word)",
    "denominator": "(staff word)",
    "drill-down": "(staff word)",
    "kpi": "our targets",
    "tsm": "satisfaction survey",
    "void": "empty home",
    "voids": "empty homes",
    "commence": "start",
    "endeavour": "try",
    "in accordance with": "under",
}

_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    word = word.lower().strip("'\u2019")
    if len(word) <= 3:
        return 1
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def reading_ease(text: str) -> float | None:
    """Flesch reading ease of `text`; None when it has no words."""
    sentences = [s for s in re.split(r"[.!?:;]+(?:\s|$)", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text)
    if not words:
        return None
    per_sentence = len(words) / max(1, len(sentences))
    per_word = sum(syllables(w) for w in words) / len(words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def jargon_in(text: str) -> list[str]:
    lowered = text.lower()
    return [term for term in JARGON if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", lowered)]


_TRANSLATE = re.compile(r"{%\s*translate\s+\"([^\"]*)\"[^%]*%}")
_BLOCK = re.compile(r"{%\s*blocktranslate[^%]*%}(.*?){%\s*endblocktranslate\s*%}", re.S)
_PLURAL = re.compile(r"{%\s*plural\s*%}.*", re.S)
_VARIABLE = re.compile(r"{{.*?}}")
_TAG = re.compile(r"{%.*?%}|{#.*?#}", re.S)
_COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
_HTML = re.compile(r"<[^>]+>")
# Where a heading, list item, cell, label or button ends, a reader's sentence ends too: without
# this, a page's headings would run together into one very long "sentence".
_BLOCK_END = re.compile(
    r"</(?:h[1-6]|li|p|td|th|dt|dd|title|legend|label|button|caption|summary|a)>|<br\s*/?>"
    r"|{%\s*end(?:block|for|if)\s*%}|{%\s*(?:empty|else|elif[^%]*)\s*%}",
    re.I,
)


def template_text(source: str) -> str:
    """The words a resident reads in a template: translated strings and text between tags,
    with each variable read as a short word, and a sentence break where a heading, list item,
    cell, label, button or link ends."""
    source = _COMMENT.sub(" ", source)
    source = _BLOCK_END.sub(" . ", source)
    source = _TRANSLATE.sub(lambda m: f" {m.group(1)} ", source)
    source = _BLOCK.sub(lambda m: " " + _PLURAL.sub("", m.group(1)) + " ", source)
    source = _VARIABLE.sub(" it ", source)
    source = _TAG.sub(" ", source)
    source = _HTML.sub(" ", source)
    text = re.sub(r"\s+", " ", source)
    text = re.sub(r"([.!?:;])(\s*\.)+", r"\1", text)  # a break after a full stop adds nothing
    text = re.sub(r"^(\s*\.)+|\s+(?=\.)", "", text)
    return re.sub(r"(\.\s*){2,}", ". ", text).strip()
