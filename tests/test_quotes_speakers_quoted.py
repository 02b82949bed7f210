"""Quoted words never speak other quoted words: in 'a leaked password, say "letmein99", ... variants
such as "letmein100"' the parser may make the first quotation the subject of "say", which made it the
speaker of the others (a Cloudflare post gave "password124" to "password123")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_quotation_is_no_speaker_of_another(quotes):
    text = (
        "Passwords\n\n"
        "Users, when forced to change their password, use simple variants of their original "
        "password. Rather than just attempting to log in using an exact leaked password, say "
        "\u2018letmein99\u2019, a credential tweaking attacker might also attempt to log in with "
        "easily-predictable variants of the password such as \u2018letmein100\u2019 and "
        "\u2018letmein99!\u2019.\n"
    )
    found = quotes(text)
    assert len(found) == 3 and all(q.speaker is None for q in found), found
