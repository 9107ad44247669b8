"""Word-level highlighting of what changed in a text since the previous period."""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def highlight_changes(old: str, new: str) -> SafeString:
    """``new`` as HTML, with words added since ``old`` in <ins> and removed ones in <del>."""
    old_words, new_words = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    if old.strip() and new.strip() and matcher.ratio() < 0.5:
        # Rewritten rather than edited: word-by-word marks would only be noise.
        return mark_safe(
            f"<del>{escape(old)}</del><br><ins>{escape(new)}</ins>".replace("\n", "<br>")
        )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(new_words[b1:b2])))
            continue
        if op in {"delete", "replace"} and "".join(old_words[a1:a2]).strip():
            parts.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if op in {"insert", "replace"} and "".join(new_words[b1:b2]).strip():
            parts.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
        elif op in {"insert", "replace"}:
            parts.append(escape("".join(new_words[b1:b2])))
    html = "".join(parts).replace("\n", "<br>")
    return mark_safe(html)
