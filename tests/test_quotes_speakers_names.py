"""Speaker classes of issue 9, end to end through the real spaCy pipeline.

Each test is one class of wrong speaker seen on real news, written as sentences of our own: the
right full name for a bare family name or a pronoun, a name the tagger took for a common noun, an
organisation or (described with "who") a place, a speech participle hung on the clause a speaker reports, and a speaker phrase
made of the quote's own words.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of
from tui.core.reader import parse_text

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_bare_family_name_the_text_calls_she_is_not_her_husband_named_in_full(quotes):
    text = (
        "Boardroom\n\nKessler had run her company for a decade. Kessler fought her board alone.\n\n"
        "Flying home one night, she told her husband, Paul Kessler, that the deal "
        'was dead.\n\n"We will never sell," Kessler said. "Not this year, not ever," she added.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "never sell") == "Kessler"
    assert speaker_of(found, "not ever") == "Kessler"


def test_he_follows_a_speaker_the_tagger_took_for_an_organisation(quotes):
    text = (
        "Forecast\n\nAfter the anchor Tom Reyes asked the author who would win, O’Dwyer replied, "
        '"I would bet on the governor."\n\n"We should never confuse hope with a forecast," he added.\n'
    )
    assert speaker_of(quotes(text), "confuse hope") == "O’Dwyer"


def test_a_speech_participle_on_a_reported_clause_is_the_reporters(quotes):
    text = (
        "Unions\n\nA senior union adviser said Harper will have to choose whose side he is on, "
        'saying, "Sooner or later he has to tell voters where he stands."\n'
    )
    speaker = speaker_of(quotes(text), "Sooner or later")
    assert speaker is not None and "adviser" in speaker


def test_a_phrase_made_of_the_quoted_words_is_no_speaker(quotes):
    text = 'Budget\n\nThe governor vetoed the bill because of "poison pill" riders added by Democrats.\n'
    speaker = speaker_of(quotes(text), "poison pill")
    assert speaker is None or "poison" not in speaker


def test_a_thought_someone_imagines_is_theirs(quotes):
    text = 'Debate\n\nAfter the debate, the columnist Ron Baxter imagined Harper was thinking: "What have I done?"\n'
    assert speaker_of(quotes(text), "What have I done") == "Ron Baxter"


def test_a_sentence_opening_on_adding_goes_on_from_the_speaker_before(quotes):
    text = (
        'Scandals\n\nAfter the interview, Maher stated of the scandal that the report "was not good." '
        'Adding, "Like with all these scandals, what they actually do is never that bad."\n'
    )
    assert speaker_of(quotes(text), "never that bad") == "Maher"


def test_heres_someone_presents_their_words(quotes):
    text = 'History\n\nHere’s Senator Lund in 1992: "We cannot wait another year for a budget."\n'
    assert speaker_of(quotes(text), "another year") == "Lund"


def test_a_transcript_label_before_a_colon_still_speaks(quotes):
    text = (
        'Hearing\n\nRep. Dan Gowan (R-Ohio):"I have not heard anyone cite that figure. Who told you that?"\n'
    )
    assert speaker_of(quotes(text), "cite that figure") == "Dan Gowan"


def test_a_participle_after_a_comma_goes_with_the_clause_not_a_noun_far_back(quotes):
    text = (
        "Scandal\n\nContinuing to explain his view, Dunn rejected the notion that the scandal should "
        'be water under the bridge, saying that if he "found something that was rotten, I would fix it."\n'
    )
    assert speaker_of(quotes(text), "something that was rotten") == "Dunn"


def test_an_inverted_verb_takes_a_speaker_described_by_a_participle(quotes):
    text = 'Strike\n\n"We will not back down," said retired firefighter Dan Morrow, asked about the strike.\n'
    assert speaker_of(quotes(text), "back down") == "Dan Morrow"


def test_a_speaker_with_a_long_relative_clause_keeps_the_verb_the_parser_lost(quotes):
    text = (
        "Remarks\n\nLena Ortiz, who served as Mark Bell's chief of staff during the 2010 campaign, "
        'called the mayor\'s remarks on Monday "reckless."\n\nOne donor, who like others spoke on the '
        'condition of anonymity to discuss the dinner, said the mood was that "nobody wants a long '
        'fight this year."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "reckless") == "Lena Ortiz"
    assert speaker_of(found, "long fight") == "One donor"


def test_a_sentence_built_on_the_name_that_opens_it_is_that_names(quotes):
    text = (
        "Roads\n\nTrump defended eminent domain, calling the seizure of private land for public use "
        'an "absolute necessity" for new roads.\n'
    )
    assert speaker_of(quotes(text), "absolute necessity") == "Trump"


def test_a_message_sent_by_someone_speaks_for_its_sender(quotes):
    text = (
        "Money\n\nA fundraising email sent out by Dana Whitfield on Tuesday night warned of the fight "
        'ahead: "There are nine primaries over the next month."\n\nThe governor emailed donors saying: '
        '"The struggle goes on" and vowing to compete in every county.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "nine primaries") == "Dana Whitfield"
    # (the donors are not the speaker; "The governor" is the one person just named)
    assert speaker_of(found, "struggle goes on") == "Dana Whitfield (the governor)"


def test_what_someone_calls_on_another_to_say_is_theirs(quotes):
    text = (
        "Platform\n\nA letter from the mayors calls for the party to respond to the floods by admitting "
        'that "the climate is changing faster" than planned.\n'
    )
    speaker = speaker_of(quotes(text), "climate is changing")
    assert speaker is not None and speaker.startswith("A letter")


def test_the_by_phrase_of_a_passive_participle_speaks(quotes):
    text = (
        "Audit\n\nThe audit has faced criticism for its length — often labeled as a “fishing "
        "expedition” by Democrats — and it seems likely Hale is right.\n"
    )
    assert speaker_of(quotes(text), "fishing expedition") == "Democrats"


def test_and_i_quote_is_no_speaker(quotes):
    text = 'Voters\n\nNo wonder Baxter said, and I quote, "We love the loyal voters." He is treating his base badly.\n'
    assert speaker_of(quotes(text), "loyal voters") == "Baxter"


def test_someone_shown_speaking_before_a_colon_speaks(quotes):
    text = (
        "Video\n\nIn the video, the preacher Omar Haddad, who was arrested in 2014, is shown lecturing: "
        '"Brothers, take heed and learn from the lessons of history."\n'
    )
    assert speaker_of(quotes(text), "take heed") == "Omar Haddad"


def test_according_to_someone_on_the_clause_of_the_quote_tells_it(quotes):
    text = (
        'Debate\n\nThe media, according to Baxter, would call him a "chicken" if he did not go.\n\n'
        'According to the Post, Smith called the plan a "slow-motion disaster" on Monday.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "chicken") == "Baxter"
    assert speaker_of(found, "slow-motion") == "Smith"  # what Smith said, as the Post reports it


def test_a_quote_inside_a_reported_clause_is_not_the_next_speakers(quotes):
    text = (
        "Schools\n\nAfter Dorsey said that students who did not qualify for top colleges might do "
        'better at "less demanding schools," Baxter said: "I do not like what he said."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "less demanding") == "Dorsey"
    assert speaker_of(found, "I do not like") == "Baxter"


def test_a_participle_on_a_that_clause_is_the_speakers_not_the_clauses_subject(quotes):
    text = (
        "Visit\n\nOn Saturday, Bishop Arno Weil made clear that his meeting with the senator was not "
        'political, saying that those who thought it was should "see a doctor about it."\n\n'
        'This is why Democrats cannot just point their fingers and cry "but they are racist!" when '
        "voters turn away.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "see a doctor") == "Bishop Arno Weil"
    assert speaker_of(found, "they are racist") == "Democrats"


def test_a_hyphenated_speaker_is_shown_whole(quotes):
    text = 'Video\n\n"What if the mayor took singing lessons?" the 43-year-old asked in the description.\n'
    speaker = speaker_of(quotes(text), "singing lessons")
    assert speaker is not None and speaker.endswith("43-year-old")


def test_a_vice_president_is_not_the_president_a_role_means(quotes):
    text = (
        "Rally\n\nVice President Joe Biden spoke first. Then Bill Clinton got in on the game, bashing "
        'his rival at a rally. "Sometimes I get the feeling he is running against me," the former '
        "president said.\n"
    )
    speaker = speaker_of(quotes(text), "running against me")
    assert speaker is not None and "Biden" not in speaker


def test_a_known_name_the_tagger_read_as_an_adverb_speaks(quotes):
    text = (
        "Delegates\n\nParty chairman Rex Early met voters on Monday. He said he intends to run.\n\n"
        "Informed of the district’s lean, Early described it as “news to me.”\n"
    )
    assert speaker_of(quotes(text), "news to me") == "Rex Early"


def test_she_follows_a_name_the_tagger_took_for_a_place_when_who_describes_it(quotes):
    # "Brooklyn, who was honoured": a person (places take "which"), whom "she" can mean.
    text = (
        "Awards night\n\nThe host, Dana Whitfield, opened the evening with a song.\n\n"
        "Later Brooklyn, who was honoured with the lifetime award, thanked her family.\n\n"
        '"I owe every note to my mother," she said.\n'
    )
    assert speaker_of(quotes(text), "every note") == "Brooklyn"


def test_a_no_break_space_between_the_quote_and_its_inverted_verb(quotes):
    text = "Inquiry\n\n“The delays came from officials who wanted no scrutiny at all,”\u00a0added Hartwell.\n"
    assert speaker_of(quotes(text), "delays came") == "Hartwell"


def test_the_one_who_asks_right_after_a_question_is_its_speaker(quotes):
    # After the quotation "asked" inverts like "said"; before it, "asked the boy" is the listener.
    found = quotes(
        "Town hall\n\n“Is the new road too long?” asked the boy, who wore a red cap, as the crowd laughed.\n\n"
        "The mayor turned and asked the girl: “Will you walk it with me?”\n"
    )
    assert speaker_of(found, "road too long") == "the boy"
    assert speaker_of(found, "walk it with me") == "The mayor"


def test_a_quotation_opening_its_sentence_belongs_to_the_subject_of_any_verb_after_it(quotes):
    found = quotes(
        "Interview\n\n“The paper says you met its board in January,” Calloway started.\n\n"
        "When the mayor said he would “protect every family,” the crowd applauded loudly.\n"
    )
    assert speaker_of(found, "met its board") == "Calloway"
    assert speaker_of(found, "protect every family") == "the mayor"  # the words sit in his clause


def test_an_outer_verb_that_says_nothing_was_said_does_not_take_the_words(quotes):
    text = (
        "Inquiry\n\nDoe cannot say that “from where he sits,” Smith added, "
        "saying it should be “up to the prosecutor to decide.”\n"
    )
    assert speaker_of(quotes(text), "up to the prosecutor") == "Smith"


def test_a_given_name_the_short_lists_lack_still_tells_she_from_he(quotes):
    # "Arianna" is in the census lists only: the woman named nearer beats a subject further back.
    text = (
        "Coverage\n\nThe network's plans were announced by its owner on Monday, and Dominic Ashby "
        "defended them. The coverage will be fair, according to a post from Arianna Whitlow.\n\n"
        "“We will cover every rally of every candidate,” she wrote.\n"
    )
    assert speaker_of(quotes(text), "every rally") == "Arianna Whitlow"


def test_a_digest_label_after_a_dash_names_its_speakers(quotes):
    text = (
        "Poll digest\n\nThe polls were early, not wrong - Anna Berg and Peter Lind: \u201cThe surveys caught "
        "the late swing toward the governor in the final week.\u201d\n\n"
        "Turnout decided the race - More from Berg: \u201cYoung voters stayed home in the rain and the "
        "older ones did not.\u201d\n"
    )
    found = quotes(text)
    assert speaker_of(found, "late swing") == "Anna Berg and Peter Lind"
    assert speaker_of(found, "Young voters") == "Anna Berg"


def test_an_inverted_reporting_verb_is_not_part_of_the_name(quotes, analyzer):
    text = (
        "Radio\n\nAnna Berg spoke on the radio on Monday. Said Berg, \u201cNobody can sit this one "
        "out.\u201d\n\nThe host pressed her on the budget.\n\nStated Berg:\n\n\u201cThe stakes are too high "
        "for that.\u201d\n"
    )
    found = quotes(text)
    assert speaker_of(found, "sit this one out") == "Anna Berg"
    assert speaker_of(found, "stakes are too high") == "Anna Berg"
    names = {e.text for e in analyzer.analyze(parse_text(text)).entities if e.label == "PERSON"}
    assert "Said Berg" not in names and "Stated Berg" not in names


def test_a_quote_glued_to_its_cue_keeps_the_cue_and_the_whole_name(quotes):
    text = (
        "Campaign\n\nThe mayor spoke on Monday.\n\nAnna Berg said,\u201cLook, these images have no place "
        "in a campaign.\u201d\n\n\u201cCandidates should know that by now,\u201dPeter Lind said.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "no place in a campaign") == "Anna Berg"
    assert speaker_of(found, "should know that") == "Peter Lind"


def test_any_verb_before_a_name_after_a_quote_is_an_inverted_attribution(quotes):
    text = (
        "Budget\n\nThe mayor spoke about the budget on Sunday.\n\n\u201cThe mayor said the budget is "
        "balanced. What budget is she talking about?\u201d reacted Anna Berg.\n"
    )
    assert speaker_of(quotes(text), "What budget") == "Anna Berg"


def test_an_aside_before_a_colon_does_not_hide_the_speaker(quotes):
    text = (
        "Figures\n\nYesterday Anna Berg defended her decision to share the figures.\n\nBerg spoke "
        'directly to the public, as is her custom, via Twitter: "As mayor, I wanted to share the '
        'figures with the council and the public."\n'
    )
    assert speaker_of(quotes(text), "share the figures") == "Anna Berg"


def test_a_person_beside_a_title_taken_for_a_body_is_the_speaker(quotes):
    text = (
        "Meeting\n\nAdvisers who were present were quick to say on Monday that the mayor did not tell "
        'the builders anything. "At no time were the plans discussed," said the mayor\'s National '
        'Security Advisor, Lieutenant General Anna Berg, who also told reporters, "I was in the room."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "plans discussed") == "Anna Berg"
    assert speaker_of(found, "in the room") == "Anna Berg"


def test_a_title_to_a_country_before_a_name_is_that_person(quotes):
    text = (
        "Talks\n\nNone of their counterparts would confirm it, and Israeli ambassador to the U.S. Ron "
        'Dermer wrote to a newspaper expressing "full confidence" in the process. An adviser to Senator '
        'Jane Doe said the plan was "dead on arrival" in the senate.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "full confidence") == "Ron Dermer"
    assert speaker_of(found, "dead on arrival") == "An adviser to Senator Jane Doe"


def test_she_means_a_full_name_the_tagger_took_for_an_organisation(quotes):
    # "Nadia Orwell" is tagged ORG; a full name opening with a given name is a person all the same.
    text = (
        "Crash\n\nA truck hit a wall in the square on Friday night. The driver, Paul Mercer, was "
        "arrested.\n\nNadia Orwell, a Canadian nurse visiting the town, said she saw the truck "
        'leave the road.\n\n"I saw people running everywhere," she said.\n'
    )
    assert speaker_of(quotes(text), "running everywhere") == "Nadia Orwell"


def test_a_phrase_belongs_to_the_name_opening_a_clause_whose_verb_was_read_as_an_adjective(quotes):
    # The parser makes "described" an adjective of "parks" and hangs the sentence on "packed".
    text = (
        "Gala\n\nSpeaking at a dinner in Boston on Friday, Trump described parks full of children, "
        'shops packed with buyers, and a city of "grit and big hearts."\n'
    )
    assert speaker_of(quotes(text), "grit and big hearts") == "Trump"
