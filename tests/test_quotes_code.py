"""Code in quotation marks is no speech: a module path, a file name or an identifier quoted in a
programming blog ("the go.mod file says 'acme/thing/v2'") has no speaker, whatever verb is near.
A domain on a sign ("a banner read 'state.gov'") is still what the sign says."""

from __future__ import annotations

import pytest

from tui.core.analysis.quotes_filters import has_word

pytestmark = pytest.mark.slow  # the real spaCy pipeline


@pytest.mark.parametrize(
    "code", ["acme/thing/v2", "example.org/acme/uuid", "snake_case_name", "Module#extend", "init()"]
)
def test_code_has_no_word_of_speech(code):
    assert not has_word(code)


@pytest.mark.parametrize(
    "words", ["Unacceptable.", "fake news", "We will ship 2.0 in May.", "Go", "state.gov"]
)
def test_words_are_still_words(words):
    """(A guard: these pass before the rule too.)"""
    assert has_word(words)


def test_a_quoted_module_path_is_no_quote(quotes):
    text = (
        'Modules\n\nThe author then tags the new branch. The go.mod in that branch says "acme/thing/v2", '
        'and the tool reads it. "Versions should be boring," the author said.\n'
    )
    found = [q.text for q in quotes(text)]
    assert "acme/thing/v2" not in found
    assert any("Versions should be boring" in q for q in found)


def test_code_is_nobody_speaking(quotes):
    text = (
        "Mixins\n\nBoth objects are instances of Widget. Module#extend is used to add behaviour to the "
        "instance 'alpha', but not 'beta'. We will look at why next week.\n"
    )
    assert all(q.speaker is None for q in quotes(text))


@pytest.mark.parametrize("name", ["Ada Lovelace", "AC/DC", "the 9/11 Commission", "Jean-Luc Picard"])
def test_names_are_not_code(name):
    """(A guard: these pass before the rule too.)"""
    from tui.core.analysis.quotes_names import is_code

    assert not is_code(name)
