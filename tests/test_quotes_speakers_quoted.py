"""Quoted words never speak other quoted words: in 'a leaked password, say "letmein99", ... variants
such as "letmein100"' the parser may make the first quotation the subject of "say", which made it the
speaker of the others (a Cloudflare post gave "password124" to "password123"). And a speaker's words
never end inside a title they run into: 'says a voice at the end of "Hail, Caesar!"' was said by "a
voice at the end of "Hail, Caesar", its title cut open."""

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


def test_a_speakers_words_stop_before_a_title_they_run_into(quotes):
    from tests.test_quotes_speakers import speaker_of

    text = (
        "Studio\n\n"
        '"The stories begin. The stories end. But the work of the studio will never end," says a '
        'booming voice at the end of "Hail, Caesar!" -- a film set for release in February.\n\n'
        '"If we want new voters to support us, we have to engage them," wrote the authors of the '
        '"Growth and Opportunity Project" in 2013.\n'
    )
    found = quotes(text)
    said = speaker_of(found, "The stories begin")
    assert said is not None and said.startswith("a booming voice") and '"' not in said
    assert speaker_of(found, "If we want new voters") in (
        "the authors",
        'the authors of the "Growth and Opportunity Project"',
    )
