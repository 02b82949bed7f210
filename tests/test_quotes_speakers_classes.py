"""Speaker classes of the eleventh round, end to end through the real spaCy pipeline, on sentences of
our own.

A statement put out before a comma opens its words as a colon would; a digest's dash label names its
source even when the model tagged no entity there; a quote paragraph after a sentence the parser hung
on a later verb still belongs to the reporting clause the sentence opens with; "elaborated" reports; a
subject the parser hung as an apposition on a name before it ("In a talk with A and B, the chief
stated ...") is the speaker, not that name; someone an event moves to speak ("the delay led Doe to
declare ...") speaks, not the event; the line someone is known by ("Doe's campaign slogan is '...'",
"the senator's answer was that '...'") is theirs; an "as Doe pointed out" aside vouches for the quote
in the clause it hangs on; a person named as the object right before a colon speaks when the clause's
subject is no one ("The result did not surprise pollster Doe: '...'"); a quote set off by dashes after a
clause is that clause's; a speaker described by a relative clause and left without its closing comma
('"...," Doe, the pollster who founded a site tweeted') still speaks; "said Pressly" with the name
tagged an adverb names the speaker of a later quote the verb governs too.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_statement_issued_before_a_comma_is_its_issuers(quotes):
    text = (
        "Ferry service\n\nThe harbour board met on Monday. After the vote, Ada Quill issued a statement, "
        '"We will rebuild the pier before the winter storms arrive."\n'
    )
    assert speaker_of(quotes(text), "rebuild the pier") == "Ada Quill"


def test_a_digest_label_after_a_dash_names_its_source_untagged(quotes):
    text = (
        "Digest\n\nTURNOUT SURPRISED EVERYONE - Young voters stayed home after all - PollWatch: "
        '"Most surveys assumed that first-time voters would turn out in record numbers, and they did not."\n\n'
        "Rural counties decided the race this time - Tobias Wrenfield: "
        '"Three weeks ago the cities looked decisive. Now it is the farm belt that matters."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "Most surveys assumed") == "PollWatch"
    assert speaker_of(found, "Three weeks ago") == "Tobias Wrenfield"


def test_a_dash_label_that_names_a_part_of_the_page_is_no_speaker(quotes):
    text = (
        "Digest\n\nThe mayor met the board on Monday and the talks went well - Update: "
        '"The board will vote again next week on the whole of the harbour plan."\n'
    )
    assert speaker_of(quotes(text), "board will vote again") is None


def test_a_quote_paragraph_after_a_misparsed_reporting_sentence(quotes):
    # The parser hangs the middle sentence on "may reconsider", leaving "Lind argued" a clause under it.
    text = (
        "Budget fight\n\nCouncillor Mara Lind opposes the budget.\n\nLind argued in a column for The "
        "Harbour Gazette that councillors currently pledged to Mayor Hart, even those who did so before "
        'the budget began, may reconsider.\n\n"A loss in the northern wards would show how weak the plan '
        'is with the voters who matter most."\n'
    )
    assert speaker_of(quotes(text), "A loss in the northern wards") == "Mara Lind"


def test_elaborated_reports_a_quote(quotes):
    text = (
        "Budget fight\n\nCouncillor Mara Lind spoke at length on Monday. "
        '"The way I see it," Lind elaborated, "nobody on the council read the whole plan."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "The way I see it") == "Mara Lind"
    assert speaker_of(found, "nobody on the council") == "Mara Lind"


def test_a_subject_read_as_an_apposition_is_the_speaker_not_the_name_before(quotes):
    text = (
        "Harbour plan\n\nIn a long talk with harbour board members Tom Reyes and Lena Vos, the council's "
        'new planning chief stated that the plan was "dead on arrival."\n\n'
        "Although there is no such overlap with Vos's team, a harbour board official who spoke "
        'anonymously to discuss the talks said Wednesday, "Certainly there are discussions between the '
        'board and the council."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "dead on arrival") == "the council's new planning chief"
    assert speaker_of(found, "Certainly there are discussions") == "a harbour board official"


def test_an_apposition_that_describes_the_name_before_still_names_it(quotes):
    text = (
        "Harbour plan\n\nThe board met Tom Reyes, the council's planning chief, on Monday. Later the "
        'planning chief, Tom Reyes, said the talks were "close to a deal."\n'
    )
    assert speaker_of(quotes(text), "close to a deal") == "Tom Reyes"


def test_the_one_an_event_moves_to_speak_is_the_speaker(quotes):
    text = (
        "Harbour plan\n\nThe long delay led Mayor Lena Vos to declare that the harbour plan was "
        '"dead on arrival."\n\nAt the hearing, Ada Quill coached Tom Reyes to "breathe, breathe, '
        'breathe." That prompted Lena Vos to make a joke about yoga and call Reyes "very flexible," a nod '
        "to his many changes of position.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "dead on arrival") == "Lena Vos"
    assert speaker_of(found, "very flexible") == "Lena Vos"


def test_an_object_pronoun_moved_to_speak_is_resolved(quotes):
    text = (
        "Primary\n\nLena Vos dealt a severe blow to her rival with an unexpectedly strong win that led "
        'her to declare that the nomination was "in sight."\n'
    )
    assert speaker_of(quotes(text), "in sight") == "Lena Vos"


def test_the_slogan_or_dictum_someone_is_known_by_is_theirs(quotes):
    text = (
        "Campaign\n\nLena Vos’s campaign slogan is “I’m with you.” But now she wants voters to know "
        "that she is with them.\n\nTom Barrett’s dictum to his interns was, “It’s not a good story if "
        "you don’t get a death threat.”\n"
    )
    found = quotes(text)
    assert speaker_of(found, "I’m with you") == "Lena Vos"
    assert speaker_of(found, "not a good story") == "Tom Barrett"


def test_the_answer_of_a_person_named_by_role_is_theirs(quotes):
    text = (
        "Campaign\n\nSen. Tom Reyes spoke on Monday. Asked about child care, the senator’s answer was "
        "that “the most important institution in society is the family,” so government should help.\n"
    )
    assert speaker_of(quotes(text), "most important institution") == "Tom Reyes (the senator)"


def test_an_as_aside_vouches_for_the_quote_in_its_clause(quotes):
    text = (
        "Harbour plan\n\nThe board wants the council to pay for everything. As Mayor Lena Vos has pointed "
        "out, that is basically the “textbook definition” of a bad deal.\n\nAs council spokesman Tom "
        "Reyes explained, two projects were postponed in the budget deal, depriving the harbour of $3 "
        "million, “which sounds like a lot of money, but the plan will cost far less than we feared.”\n"
    )
    found = quotes(text)
    assert speaker_of(found, "textbook definition") == "Lena Vos"
    assert speaker_of(found, "which sounds like a lot") == "Tom Reyes"


def test_a_person_object_before_the_colon_speaks_when_the_subject_is_no_one(quotes):
    text = (
        "Poll\n\nThe result did not surprise pollster Lena Vos: “Turnout was low and the young stayed "
        "home.”\n\nLater Tom Reyes turned to Ada Quill: “You have no plan at all.”\n"
    )
    found = quotes(text)
    assert speaker_of(found, "Turnout was low") == "Lena Vos"
    assert speaker_of(found, "no plan at all") == "Tom Reyes"


def test_a_quote_set_off_by_dashes_belongs_to_the_clause_before(quotes):
    text = (
        "Rally\n\nWhen Reyes finally wrapped up — “I will fight for you, and I will win for you!” — the "
        "balloons cascaded down on the crowd.\n\nAnd although former governor Ada Quill lamented his "
        'tendency to commit gaffes - "does he have to keep giving them so much ammunition?" - Democrats '
        "in Iowa who watched the debate said they were unfazed by the flap.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "I will fight for you") == "Reyes"
    assert speaker_of(found, "so much ammunition") == "Ada Quill"


def test_a_speaker_described_by_a_relative_clause_without_its_closing_comma(quotes):
    text = (
        "Polls\n\n“The mayor needs a plan for winning over young voters,” Dana Kirk, the pollster who "
        "founded harbourpolls.com tweeted on Monday.\n"
    )
    assert speaker_of(quotes(text), "The mayor needs a plan") == "Dana Kirk"


def test_an_inverted_name_tagged_as_an_adverb_speaks_for_a_later_quote(quotes):
    text = (
        "Data\n\nTom Pressly, a former party data operative, vouched for both men.\n\n“Having access to "
        "the party file and two people who understand it is valuable,” said Pressly, explaining he worked "
        "more closely with Marek, who was responsible for cleaning up state voter-roll data and putting it "
        "into the national party file: “Marek is outstanding with data. He’s a real good data manipulator.”\n"
    )
    assert speaker_of(quotes(text), "Marek is outstanding") == "Tom Pressly"
