"""Speakers whose names the small model tagged as something else, end to end through the real
spaCy pipeline, on sentences of our own.

A writer or host named after the outlet's possessive ("The Northern Republic's Helen Strand") is
often tagged as one place or body with it: the person is a person of their own, in the entities and
as the speaker, and the outlet stays a name of its own. So is a name the model took for a body or a
place right after a role noun the parser hangs on it ("author and firebrand Cornel Boston", "radio host
Cornel Sterling"), and the bare family name after it with it; and a name taken for a body that an
apposition describes by a role ("Cornel Boston, a delegate on the rules committee, ..."), or that
follows "a former staffer named" or comes before "himself".

Words quoted inside a clause below a verb of judging ("mocked", "painting ... as") are the judge's,
though the parser hangs them on the clause about the one judged: an "as '...'" verdict it attached to
that clause, and a figure quoted as the object of a verb of taking ("she had accepted 'nearly
$40,000'"), which reports no speech of hers.

Phrases quoted in a clause after a colon that ends someone's reporting clause ("Hale argued that his
client was not to be taken seriously: his posts were the rants of a 'radio clown'") are that
reporter's, though the parser hangs the reporting clause on the quote's clause and the quote's own
subject names no one; not the speaker of the next sentence's quote.

A dash after a whole clause introduces the quote after it as a colon does ("Hale also defended the
curfew -- '...'"); a dash inside a phrase with no clause before it ("his harbor act—'...'—is wearing
thin") names no one.

A horizontal bar used as a dash ("the flood ― much like ... ― Hale cast the blame") is read by the
model as the dash it stands for: taken as it is, it is tagged a verb and the whole sentence misparsed.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of
from tui.core.reader import parse_text

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_person_after_an_outlets_possessive_is_the_speaker(quotes):
    text = (
        "Harbor plan\n\nCritics were quick to respond. The Northern Republic’s Helen Strand calls the "
        'plan "a gift to developers."\n'
    )
    assert speaker_of(quotes(text), "gift to developers") == "Helen Strand"


def test_a_person_after_an_outlets_possessive_is_an_entity_of_their_own(analyzer):
    text = (
        "Harbor plan\n\nCritics were quick to respond. The Valley Republic’s Owen Birk calls the plan "
        '"a gift to developers." Birk has covered the council for a decade.\n'
    )
    ents = {(e.text, e.label) for e in analyzer.analyze(parse_text(text)).entities}
    assert ("Owen Birk", "PERSON") in ents
    assert not any("Owen" in t and "Republic" in t for t, _ in ents)


def test_a_headline_possessive_before_capitalised_words_stays_whole(analyzer):
    text = "Mayor’s Harbor Grab Draws Fire\n\nThe council met on Tuesday to debate the harbor plan.\n"
    ents = {e.text for e in analyzer.analyze(parse_text(text)).entities}
    assert "Harbor Grab" not in ents


def test_an_as_verdict_hung_on_the_clause_below_a_judging_verb_is_the_judges(quotes):
    text = (
        "Rent control\n\nCouncilman Pete Varga spoke first. Last spring, Varga mocked Lena Ortiz and "
        "Sam Beck’s claims that they were allies, as “a stage play.”\n"
    )
    assert speaker_of(quotes(text), "stage play") == "Pete Varga"


def test_an_as_verdict_on_a_promise_is_the_judges_not_the_promisers(quotes):
    text = (
        "Rent control\n\nCouncilman Pete Varga spoke first. In May, Varga derided Lena Ortiz's promise "
        "that she would cut rents by half, as “a fairy tale.”\n"
    )
    assert speaker_of(quotes(text), "fairy tale") == "Pete Varga"


def test_a_figure_quoted_below_a_judging_participle_is_the_judges(quotes):
    text = (
        "Rent control\n\nCouncilman Pete Varga spoke first. At the forum, Varga went on the offensive, "
        'painting Lena Ortiz as a hypocrite since she had accepted "nearly $40,000" from landlords.\n'
    )
    assert speaker_of(quotes(text), "nearly $40,000") == "Pete Varga"


def test_a_verdict_the_judged_gives_in_a_clause_of_her_own_stays_hers(quotes):
    text = (
        "Rent control\n\nCouncilman Pete Varga spoke first. Varga mocked the plan after Lena Ortiz "
        'called it "the best deal in a decade."\n'
    )
    assert speaker_of(quotes(text), "best deal") == "Lena Ortiz"


def test_a_horizontal_bar_reads_as_a_dash(quotes):
    text = (
        "Harbor\n\nMayor Tom Hale spoke Monday. Hastily politicizing the flood ― much like he did after "
        "the storm in June of last year ― Hale cast the blame on his rivals on the council, and "
        "emphasized the threat that “reckless spending” poses to the city.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "reckless spending") == "Tom Hale"


def test_a_name_after_a_role_noun_is_a_person_and_the_pronouns_speaker(quotes):
    text = (
        "Harbor debate\n\nThe forum ran late. That is where author and liberal firebrand Cornel Boston "
        "took the conversation. Filling in for the mayor, Boston landed a sharp dig at the council.\n\n"
        "\"I took the developers' money but it didn't change my vote?\" he said, mocking the council's "
        "defense.\n"
    )
    assert speaker_of(quotes(text), "change my vote") == "Cornel Boston"


def test_a_name_after_a_role_noun_is_a_person_in_the_entities(analyzer):
    text = (
        "Harbor debate\n\nRadio host Cornel Sterling asked the mayor how high the wall would be. "
        'Sterling pressed on.\n\n"Who is going to pay for it?" he asked.\n'
    )
    ents = {(e.text, e.label) for e in analyzer.analyze(parse_text(text)).entities}
    assert ("Cornel Sterling", "PERSON") in ents


def test_a_name_an_apposition_gives_a_role_is_a_person_and_the_pronouns_speaker(quotes):
    text = (
        "Rules fight\n\nCornel Boston, a delegate on the rules committee, walked out of the meeting on "
        'Tuesday. The vote had been rigged, she told reporters.\n\n"We were never given the text of '
        'the rule," she said.\n'
    )
    assert speaker_of(quotes(text), "never given the text") == "Cornel Boston"


def test_a_body_whose_apposition_is_the_next_clauses_subject_stays_a_body(analyzer):
    text = (
        "Resort\n\nOn Oct. 23, during a campaign appearance at the resort, now called Harbor National "
        "Doral, the candidate boasted of his skills in cutting the price.\n"
    )
    ents = {(e.text, e.label) for e in analyzer.analyze(parse_text(text)).entities}
    assert not any(label == "PERSON" and "Doral" in t for t, label in ents)


def test_a_dash_after_a_whole_clause_introduces_its_subjects_words(quotes):
    text = (
        "Curfew\n\nMayor Tom Hale spoke to reporters on Monday. Hale also defended the new curfew -- "
        '"I think the curfew is a modest step compared to what other cities do."\n'
    )
    assert speaker_of(quotes(text), "modest step") == "Tom Hale"


def test_a_dash_inside_a_phrase_names_no_one(quotes):
    text = (
        "Curfew\n\nMayor Tom Hale spoke to reporters on Monday. Or maybe his harbor act—“My harbor "
        "plan will be a tremendous plan!”—is simply wearing thin.\n"
    )
    assert speaker_of(quotes(text), "tremendous plan") is None


def test_a_name_after_a_staffer_named_is_a_person_and_the_pronouns_speaker(quotes):
    text = (
        "Lawsuit\n\nThe lawsuit was filed by a former staffer named Cornel Boston, an Air Force reserve "
        "major who the mayor fired in June. Boston’s lawsuit demands his reinstatement. He also seeks "
        "“a permanent injunction” against the mayor.\n"
    )
    assert speaker_of(quotes(text), "permanent injunction") == "Cornel Boston"


def test_a_name_before_himself_is_a_person_and_the_pronouns_speaker(quotes):
    text = (
        "Lawsuit\n\nThe mayor insists that Cornel Sterling himself asked interns to take up partisan "
        "projects. Sterling denies it. He called the claim “a fabrication.”\n"
    )
    assert speaker_of(quotes(text), "fabrication") == "Cornel Sterling"


def test_phrases_after_a_reporting_clauses_colon_are_the_reporters(quotes):
    text = (
        "Court\n\nRuiz's attorney, Tom Hale, argued that his client was not to be taken seriously: His "
        'posts were the rants of a "radio clown," "an entertainer," but also a "citizen reporter." Judge '
        'Ana Pell saw the posts differently: "When he says he will fight, I take him at his word," she '
        "said.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "radio clown") == "Tom Hale"
    assert speaker_of(found, "citizen reporter") == "Tom Hale"
    assert speaker_of(found, "I take him at his word") == "Ana Pell"
