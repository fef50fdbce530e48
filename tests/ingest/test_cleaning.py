"""Cleaning: page furniture goes, the article and what the outlet says about it stay."""

from __future__ import annotations

import pytest

from factionmap.ingest.cleaning import (
    clean_article,
    clean_lines,
    document_id,
    is_headline_shaped,
    published_from_url,
)
from factionmap.records import RawArticle

# Two body paragraphs in the register of the reporting; the first is long enough to start
# the body, after which mid-body teasers are recognised.
BODY = (
    "Factions of the Turkish-backed Syrian National Army (SNA) sent reinforcements to the "
    "frontlines near Marea on Tuesday, after clashes with the Syrian Democratic Forces (SDF) "
    "killed three fighters, a local source told the newsroom."
)
LATER = "The clashes stopped by the evening, and both sides said they had taken prisoners."


def cleaned(text: str, language: str = "en") -> str:
    lines, _ = clean_lines(text, language)
    return "\n".join(lines)


FURNITURE = [
    pytest.param(
        f"{BODY}\n\n{LATER}\n\nRelated Articles\n\n  1. Two Factions Clash in al-Bab over "
        "Checkpoint Fees\n  2. HTS Tightens Its Grip on Idlib Crossings",
        ["Related Articles", "Checkpoint Fees", "Idlib Crossings"],
        id="related-articles-list",
    ),
    pytest.param(
        f"{BODY}\n\n{LATER}\n\nRelated posts:\nJindires residents complain of new checkpoints",
        ["Related posts", "Jindires residents"],
        id="related-posts-sentence-case",
    ),
    pytest.param(
        f"{BODY}\n\nPropaganda distorts the truth and prolongs the war..\n\nSyria needs free "
        "media.. We need your support to stay independent..\n\nSupport Shamal Ledger..\n\n"
        f"$1 a month makes a difference..\n\nClick here to support\n\n{LATER}",
        ["Propaganda", "free media", "Support Shamal", "$1 a month", "Click here"],
        id="donation-appeal",
    ),
    pytest.param(
        f"{BODY}\n\n{LATER}\n\nالنسخة العربية من المقال\n\nFactions rivalry mounts in Jindires",
        ["النسخة", "Jindires"],
        id="arabic-version-line",
    ),
    pytest.param(
        f"{BODY}\n\n{LATER}\n\nArabic version of the article\n\n"
        "Factions rivalry mounts in Jindires",
        ["Arabic version", "Jindires"],
        id="arabic-version-english",
    ),
    pytest.param(f"Logo Wide\n\n{BODY}\n\n{LATER}", ["Logo"], id="logo-wide"),
    pytest.param(f"Logo\n{BODY}\n\n{LATER}", ["Logo"], id="logo"),
    pytest.param(
        f"Share\nFacebook\nTwitter\nWhatsApp\nTelegram\nCopy link\n\n{BODY}\n\n{LATER}",
        ["Share", "Facebook", "WhatsApp", "Copy link"],
        id="share-buttons-stacked",
    ),
    pytest.param(
        f"{BODY}\n\nShare this article: Facebook Twitter WhatsApp Telegram\n\n{LATER}",
        ["Share this article", "Facebook"],
        id="share-buttons-row",
    ),
    pytest.param(
        f"{BODY}\n\nShare on Facebook Share on Twitter Share on WhatsApp\n\n{LATER}",
        ["Share on", "WhatsApp"],
        id="share-on-row",
    ),
    pytest.param(
        f"{BODY}\n\nRead also: Factions Rivalry Mounts in Jindires over Influence\n\n{LATER}",
        ["Read also", "Jindires"],
        id="read-also-title-case",
    ),
    pytest.param(
        f"{BODY}\n\nRead also: How the Salvation Government raises money at the crossing"
        f"\n\n{LATER}",
        ["Read also", "Salvation Government"],
        id="read-also-sentence-case",
    ),
    pytest.param(
        f"{BODY}\n\nFormer Commanders Warn of New Rifts in Northern Aleppo\n\n{LATER}",
        ["Former Commanders"],
        id="title-case-teaser-mid-body",
    ),
    pytest.param(f"{BODY}\n\n{LATER}\n\nTags: SNA, SDF, Marea", ["Tags", "Marea\n"], id="tags"),
    pytest.param(f"{BODY}\n\n{LATER}\n\nHelpful keywords", ["Helpful keywords"], id="keywords"),
    pytest.param(
        f"{BODY}\n\n{LATER}\n\nThis article was translated and edited by The Syrian Observer.",
        ["translated", "Syrian Observer"],
        id="translation-note",
    ),
    pytest.param(
        f"{BODY}\n\nPhoto: Shamal Ledger\n\n{LATER}\n\n© 2024 Shamal Ledger. All rights reserved.",
        ["Photo:", "Shamal Ledger", "rights reserved"],
        id="photo-credit-and-copyright",
    ),
]


@pytest.mark.parametrize(("text", "gone"), FURNITURE)
def test_cleaning_removes_furniture(text: str, gone: list[str]) -> None:
    result = cleaned(text)
    for furniture in gone:
        assert furniture not in result
    assert BODY in result
    assert LATER in result


@pytest.mark.parametrize(
    "subheading",
    [
        "Prickly relationship, old feud",
        "Tension along the Sajur front",
        "Abu Amsha’s acts disturb the National Army",
        "No merger",
    ],
)
def test_cleaning_keeps_sentence_case_subheading(subheading: str) -> None:
    text = f"{BODY}\n\n{subheading}\n\n{LATER}"
    assert cleaned(text).split("\n") == [BODY, "", subheading, "", LATER]


def test_cleaning_keeps_title_case_headline_before_body() -> None:
    headline = "National Army Leader: Factions Must Unite Before the Talks"
    teaser = "Former Commanders Warn of New Rifts in Northern Aleppo"
    text = f"{headline}\n\n{BODY}\n\n{teaser}\n\n{LATER}"
    assert cleaned(text).split("\n") == [headline, "", BODY, "", LATER]


def test_cleaning_keeps_one_copy_of_duplicated_caption() -> None:
    caption = "Fighters of the SNA in the Afrin countryside, 12 March 2024 (edited by the newsroom)"
    text = f"Headline of the report\n\n{caption}\n\n{caption}\n\n{BODY}\n\n{LATER}"
    result = cleaned(text)
    assert result.count(caption) == 1
    assert result.index(caption) < result.index(BODY)


def test_cleaning_read_also_alone_mid_body_keeps_rest() -> None:
    text = f"{BODY}\n\nRead also:\nFactions Rivalry Mounts in Jindires\n\n{LATER}"
    assert LATER in cleaned(text)


@pytest.mark.parametrize(
    "disclaimer",
    [
        "The Syrian Observer has not verified the content of this story.",
        "Shamal Ledger could not independently verify the claims made in the video.",
        "Levant Wire was unable to verify the footage circulated on social media.",
        "Responsibility for the information and views set out in this article lies entirely "
        "with the author.",
    ],
)
def test_cleaning_unverified_disclaimer_sets_verified_false(disclaimer: str) -> None:
    lines, verified = clean_lines(f"{BODY}\n\n{disclaimer}\n\n{LATER}")
    assert verified is False
    assert disclaimer not in lines
    assert lines == [BODY, "", LATER]


def test_cleaning_without_disclaimer_is_verified() -> None:
    _, verified = clean_lines(f"{BODY}\n\n{LATER}")
    assert verified is True


def test_cleaning_body_sentence_about_verification_is_kept() -> None:
    paragraph = (
        "A monitor based in the countryside of Idlib said it could not verify the claims made by "
        "the regime's media about the number of fighters killed in the town during the night."
    )
    lines, verified = clean_lines(f"{BODY}\n\n{paragraph}\n\n{LATER}")
    assert paragraph in lines
    assert verified is True


def test_cleaning_arabic_article_keeps_arabic_lines() -> None:
    first = " ".join(["قالت مصادر محلية إن فصائل الجيش الوطني انتشرت في ريف حلب الشمالي"] * 3)
    second = "وأضافت المصادر أن الاشتباكات توقفت مساء الثلاثاء."
    assert cleaned(f"{first}\n\n{second}", language="ar").split("\n") == [first, "", second]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Former Commanders Warn of New Rifts in Northern Aleppo", True),
        ("Two Factions Clash in al-Bab over Checkpoint Fees", True),
        ("Tension along the Sajur front", False),
        ("Abu Amsha’s acts disturb SNA", False),
        ("No merger", False),
        ("National Army Leader: Turkey Free to Normalize with Assad, No One Can Impose", True),
        ("The Factions Said They Would Withdraw From the Town.", False),  # closing punctuation
    ],
)
def test_cleaning_is_headline_shaped(text: str, expected: bool) -> None:
    assert is_headline_shaped(text) is expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://english.enabbaladi.net/archives/2022/05/abu-amshas-recent-move/", "2022-05"),
        ("https://example.org/shamal-ledger/2023/11/20/abu-amsha-returns/", "2023-11-20"),
        ("https://example.org/news/sna-factions-enter-manbij.html", None),
        ("https://example.org/2024/13/01/not-a-month/", None),
        (None, None),
    ],
)
def test_cleaning_published_from_url(url: str | None, expected: str | None) -> None:
    assert published_from_url(url) == expected


def test_cleaning_clean_article_text_is_joined_kept_lines() -> None:
    raw = RawArticle(
        text=f"Logo Wide\r\n\r\nHeadline of the report\r\n\r\n{BODY}\r\n\r\n\r\n{LATER}\r\n\r\n"
        "Related Articles\r\n  1. Another story",
        file="x.txt",
        url="https://example.org/shamal-ledger/2024/03/02/marea/",
    )
    document = clean_article(raw)
    lines, _ = clean_lines(raw.text)
    assert document.text == "\n".join(lines)
    assert document.text == f"Headline of the report\n\n{BODY}\n\n{LATER}"
    assert document.id == document_id(document.text)
    assert document.title == "Headline of the report"
    assert document.published == "2024-03-02"
    assert document.language == "en"


def test_cleaning_clean_article_keeps_given_metadata() -> None:
    raw = RawArticle(
        text=f"{BODY}\n\n{LATER}",
        file="x.txt",
        url="https://example.org/2024/03/02/marea/",
        title="Given title",
        published="2024-03",
        language="en",
    )
    document = clean_article(raw)
    assert (document.title, document.published) == ("Given title", "2024-03")


def test_cleaning_document_id_depends_on_text_only() -> None:
    assert document_id(BODY) == document_id(str(BODY))
    assert document_id(BODY) != document_id(BODY + " ")
    assert len(document_id(BODY)) == 16


def test_cleaning_arabic_article_without_language_is_kept_whole() -> None:
    first = " ".join(["قالت مصادر محلية إن فصائل الجيش الوطني انتشرت في ريف حلب الشمالي"] * 3)
    second = "وأضافت المصادر أن الاشتباكات توقفت مساء الثلاثاء."
    document = clean_article(RawArticle(text=f"{first}\n\n{second}", file="arabic.txt"))
    assert second in document.text
