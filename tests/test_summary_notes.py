"""Summaries of podcast and newsletter notes: the sponsors' list under "Sponsored by:" is ads, never
the gist, however many whole sentences its taglines make. The real spaCy pipeline, on notes of our own.
"""

from __future__ import annotations

import pytest

from tests.helpers import make_doc
from tui.core.analysis.summary_quality import is_sponsors_lead

pytestmark = pytest.mark.slow  # the real spaCy pipeline

TOPICS = [  # questions: weak bullets, which whole sentences of news would beat
    "Should the night trams run every fifteen minutes or every half hour?",
    "Is the old depot on the river going to become a museum at last?",
    "Why will the fares rise in the spring, and who will pay the most?",
]
SPONSORS = [
    "Lumen Lamps: The reading lamp that follows the sun through your whole working day.",
    "Fernwood Coffee: Freshly roasted beans delivered to your door every single week of the year.",
    "Packwise: Travel lighter with the bag that weighs itself. Use code TRAMS for a free strap.",
]


@pytest.mark.parametrize("lead", ["Sponsored by:", "Sponsors:", "This episode is brought to you by:"])
def test_the_sponsors_list_is_not_the_gist(analyzer, lead):
    doc = make_doc(
        ("headline", "Episode 12: Trams at night"),
        *(("list_item", t) for t in TOPICS),
        ("paragraph", lead),
        *(("list_item", t) for t in SPONSORS),
    )
    bullets = analyzer.analyze(doc).summary
    assert bullets == TOPICS


def test_lists_under_other_lead_ins_stay_news(analyzer):
    """(A guard: a list of findings under its own lead-in is the news.)"""
    findings = [
        "The council will run trams every fifteen minutes between midnight and five in the morning.",
        "Night fares will cost the same as day fares until the end of the coming summer season.",
        "Two new stops will open next to the hospital and the university's science campus.",
    ]
    doc = make_doc(
        ("headline", "Night trams approved"),
        ("paragraph", "The report found:"),
        *(("list_item", t) for t in findings),
    )
    assert analyzer.analyze(doc).summary == findings


@pytest.mark.parametrize(
    "text", ["Sponsored by:", "Our sponsors:", "Thanks to our sponsors:", "Brought to you by:"]
)
def test_sponsor_lead_ins(text):
    assert is_sponsors_lead(text)


@pytest.mark.parametrize(
    "text", ["The report found:", "Sponsored by the council, the study found:", "Sponsors"]
)
def test_other_lead_ins(text):
    assert not is_sponsors_lead(text)


def test_show_notes_give_their_topics_not_labels_links_or_glyphs(analyzer):
    """A show's notes as a list of topics, some with a list of their own: the bullets are the topics,
    not a label that heads a list ("Follow up:"), not the items inside it, never a lone glyph."""
    from tui.core.reader.html import parse_html

    doc = parse_html(
        "<h1>Episode 40: Night trams</h1><ul><li>Follow up:<ul><li>What do the depot's staff do all "
        "night?</li><li>More on the box lunches!</li></ul></li><li>The night tram timetable is out at "
        "last</li><li>A new ferry for the harbour</li><li>Plans for a depot museum</li></ul><p>★</p>"
    )
    bullets = analyzer.analyze(doc).summary
    assert bullets == [
        "The night tram timetable is out at last",
        "A new ferry for the harbour",
        "Plans for a depot museum",
    ]


BRIDGE = [
    "The council approved the new bridge on Monday after a long debate about its cost and its route.",
    "Work will start in March and should end next year, the mayor said, with the main span in by autumn.",
    "The bridge will carry trams as well as cars, and a cycle lane on each side of the deck.",
]


def test_a_paragraph_in_brackets_and_a_signature_are_not_the_gist(analyzer):
    """A paragraph wholly in brackets is the writer's aside, each of its sentences ("... in the
    video.)" had kept the closing bracket); a post's signature is no news either."""
    doc = make_doc(
        ("headline", "Bridge approved"),
        ("paragraph", BRIDGE[0]),
        ("paragraph", BRIDGE[1]),
        (
            "paragraph",
            "(This account of the vote is my own reading of the minutes. It is worth ten minutes "
            "of your time to read them in full, from page 3 to page 9.)",
        ),
        ("paragraph", BRIDGE[2]),
        ("paragraph", "By Jane Roe in Sydney, 2023-01-08."),
    )
    assert analyzer.analyze(doc).summary == BRIDGE


@pytest.mark.parametrize(
    ("text", "signature"),
    [
        ("By Jane Roe in Sydney, 2023-01-08.", True),
        ("By Jane Roe, March 3, 2021", True),
        ("By Barack Obama on 12 May 2016.", True),
        ("By March 2, 2024, the city had grown by a third.", False),
        ("By Election Day the polls had closed across the state.", False),
    ],
)
def test_signatures(text, signature):
    from tui.core.analysis.summary_quality import is_furniture

    assert is_furniture(text) is signature
