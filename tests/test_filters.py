"""Chat filter rules: hidden words and patterns, blocks, highlights, paid view."""

from __future__ import annotations

import logging

import pytest

from livechat_desktop.filters import (
    MAX_PATTERN_LENGTH,
    PAID_ONLY_VISIBLE_TYPES,
    ChatFilter,
    FilterRules,
    compile_rules,
)
from tests.events import chat


@pytest.mark.parametrize(
    ("word", "text", "hidden"),
    [
        ("cat", "I love my cat", True),
        ("cat", "concatenate", False),
        ("cat", "cats", False),
        ("cat", "CAT!!", True),
        ("CaT", "my cat.", True),
        ("cat", "cat_food", False),
        ("c++", "c++ rocks", True),
        ("c++", "abc++", False),
        ("bad word", "a BAD WORD here", True),
        ("bad word", "a bad wordle", False),
        ("straße", "STRASSE", True),
        ("café", "CAFÉ time", True),
        ("café", "cafés", False),
        ("🍆", "nice🍆", True),
        ("🍆", "nice 🍑", False),
        ("バカ", "お前バカだな", True),
        ("バカ", "ばか", False),
        ("草", "草生える", True),
        ("lol", "草lol", True),
        ("lol", "lolol", False),
        ("\uff57", "草\uff57\uff57\uff57", True),
        ("\uff57", "www", False),
        ("바보", "바보야", True),
        ("  spoiler  ", "spoiler alert", True),
        ("  spoiler  ", "no spoilers please", False),
        ("", "anything at all", False),
        ("   ", "anything at all", False),
    ],
)
def test_hidden_word_matching(word: str, text: str, hidden: bool) -> None:
    chat_filter = ChatFilter(FilterRules(hidden_words=(word,)))

    result = chat_filter.is_hidden(chat("a", text))

    assert result is hidden


def test_hidden_words_any_of_many() -> None:
    words = (*(f"word{number}" for number in range(100)), "バカ", "c++")
    chat_filter = ChatFilter(FilterRules(hidden_words=words))

    assert chat_filter.is_hidden(chat("a", "say WORD57 now"))
    assert chat_filter.is_hidden(chat("b", "バカだ"))
    assert chat_filter.is_hidden(chat("c", "c++"))
    assert not chat_filter.is_hidden(chat("d", "word570"))


@pytest.mark.parametrize(
    ("pattern", "text", "hidden"),
    [
        ("^first", "FIRST!", True),
        ("^first", "not first", False),
        (r"\bspam+\b", "SPAMMMM", True),
        (r"\bspam+\b", "spammer", False),
        ("(?:\uff57){3,}", "草\uff57\uff57\uff57", True),
        ("(?:\uff57){3,}", "草\uff57\uff57", False),
        (r"https?://\S+", "visit http://example.test now", True),
        ("[A-Z]{5,}", "shouting", True),
    ],
)
def test_hidden_pattern_matching(pattern: str, text: str, hidden: bool) -> None:
    chat_filter = ChatFilter(FilterRules(hidden_patterns=(pattern,)))

    result = chat_filter.is_hidden(chat("a", text))

    assert chat_filter.errors == ()
    assert result is hidden


@pytest.mark.parametrize(
    ("pattern", "error"),
    [
        (
            "a(b",
            "Invalid regular expression 'a(b': missing ), unterminated subpattern "
            "at position 1",
        ),
        (
            "[",
            "Invalid regular expression '[': unterminated character set at position 0",
        ),
        (
            "a{99999999999}",
            "Invalid regular expression 'a{99999999999}': the repetition number is "
            "too large",
        ),
        (
            "x*",
            "Regular expression 'x*' matches empty text, so it would hide every "
            "message",
        ),
        (
            "a" * (MAX_PATTERN_LENGTH + 1),
            f"Regular expression {'a' * 40!r}... is too long: "
            f"{MAX_PATTERN_LENGTH + 1} characters, the maximum is {MAX_PATTERN_LENGTH}",
        ),
    ],
)
def test_unusable_pattern_reported_and_skipped(pattern: str, error: str) -> None:
    rules = FilterRules(hidden_patterns=(pattern, "spoiler"))

    chat_filter, errors = compile_rules(rules)

    assert errors == [error]
    assert rules.validate() == [error]
    assert chat_filter.errors == (error,)
    assert chat_filter.is_hidden(chat("a", "spoiler"))
    assert not chat_filter.is_hidden(chat("b", "a" * 10))


def test_skipped_pattern_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="livechat_desktop.filters"):
        ChatFilter(FilterRules(hidden_patterns=("a(b",)))

    assert "Invalid regular expression 'a(b'" in caplog.text


def test_empty_pattern_ignored_silently() -> None:
    rules = FilterRules(hidden_patterns=("",))

    chat_filter = ChatFilter(rules)

    assert rules.validate() == []
    assert not chat_filter.is_hidden(chat("a", "anything"))


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("!uptime", True),
        ("   !uptime", True),
        ("\u3000!uptime", True),
        ("\t!so @someone", True),
        ("hello !uptime", False),
        ("!", True),
        ("wow!", False),
        ("", False),
    ],
)
def test_hide_commands(text: str, hidden: bool) -> None:
    chat_filter = ChatFilter(FilterRules(hide_commands=True))

    result = chat_filter.is_hidden(chat("a", text))

    assert result is hidden


def test_commands_shown_without_rule() -> None:
    chat_filter = ChatFilter(FilterRules(hide_commands=False))

    result = chat_filter.is_hidden(chat("a", "!uptime"))

    assert result is False


def test_paid_message_never_a_command() -> None:
    chat_filter = ChatFilter(FilterRules(hide_commands=True))
    super_chat = chat("a", "!song please", type="superChatEvent")

    result = chat_filter.is_hidden(super_chat)

    assert result is False


@pytest.mark.parametrize(
    ("author", "name", "hidden"),
    [
        ("UCbad", "anyone", True),
        ("UCgood", "anyone", False),
        ("UCspaced", "anyone", True),
        ("UCgood", "Troll", True),
        ("UCgood", "  troll  ", True),
        ("UCgood", "@TROLL", True),
        ("UCgood", "Trolling", False),
        ("UCgood", "トロール", True),
        ("UCgood", "", False),
    ],
)
def test_blocked_authors(author: str, name: str, hidden: bool) -> None:
    rules = FilterRules(
        blocked_channel_ids=("UCbad", "  UCspaced  ", ""),
        blocked_names=("troll  ", "トロール", "  "),
    )
    chat_filter = ChatFilter(rules)

    result = chat_filter.is_hidden(chat("a", "hi", author, author_name=name))

    assert result is hidden


def test_blocked_author_paid_event_hidden() -> None:
    chat_filter = ChatFilter(FilterRules(blocked_channel_ids=("UCbad",)))
    super_chat = chat("a", "pay attention", "UCbad", type="superChatEvent")

    result = chat_filter.is_hidden(super_chat)

    assert result is True


def test_event_without_author_not_blocked() -> None:
    chat_filter = ChatFilter(FilterRules(blocked_channel_ids=("UCbad",)))
    ended = chat("a", "", type="chatEndedEvent", author_channel_id=None)

    result = chat_filter.is_hidden(ended)

    assert result is False


@pytest.mark.parametrize(
    "rules",
    [
        FilterRules(hidden_words=("spoiler",)),
        FilterRules(hidden_patterns=("spoil",)),
        FilterRules(hide_commands=True),
        FilterRules(blocked_channel_ids=("UCowner",)),
        FilterRules(blocked_names=("The Streamer",)),
    ],
)
def test_owner_never_hidden_by_rules(rules: FilterRules) -> None:
    owner_message = chat(
        "a",
        "!spoiler",
        "UCowner",
        author_name="The Streamer",
        author_roles=("owner",),
    )

    result = ChatFilter(rules).is_hidden(owner_message)

    assert result is False


def test_moderator_hidden_by_rules() -> None:
    chat_filter = ChatFilter(FilterRules(hidden_words=("spoiler",)))
    moderator_message = chat("a", "spoiler", author_roles=("moderator",))

    result = chat_filter.is_hidden(moderator_message)

    assert result is True


def test_paid_comment_searched() -> None:
    chat_filter = ChatFilter(FilterRules(hidden_words=("spoiler",)))
    super_chat = chat("a", "the SPOILER is", type="superChatEvent", amount_micros=5)

    result = chat_filter.is_hidden(super_chat)

    assert result is True


@pytest.mark.parametrize("event_type", sorted(PAID_ONLY_VISIBLE_TYPES))
def test_paid_only_view_shows_type(event_type: str) -> None:
    chat_filter = ChatFilter(FilterRules(paid_and_members_only=True))

    result = chat_filter.is_hidden(chat("a", "thanks", type=event_type))

    assert result is False


@pytest.mark.parametrize(
    "event_type", ["textMessageEvent", "pollEvent", "tombstone", "someFutureEvent"]
)
def test_paid_only_view_hides_type(event_type: str) -> None:
    chat_filter = ChatFilter(FilterRules(paid_and_members_only=True))

    result = chat_filter.is_hidden(chat("a", "hello", type=event_type))

    assert result is True


def test_paid_only_visible_types() -> None:
    expected = {
        "superChatEvent",
        "superStickerEvent",
        "fanFundingEvent",
        "giftEvent",
        "newSponsorEvent",
        "memberMilestoneChatEvent",
        "membershipGiftingEvent",
        "giftMembershipReceivedEvent",
        "userBannedEvent",
        "chatEndedEvent",
        "sponsorOnlyModeStartedEvent",
        "sponsorOnlyModeEndedEvent",
    }

    assert expected == PAID_ONLY_VISIBLE_TYPES


def test_paid_only_view_hides_owner_chat() -> None:
    chat_filter = ChatFilter(FilterRules(paid_and_members_only=True))
    owner_message = chat("a", "hello chat", author_roles=("owner",))

    result = chat_filter.is_hidden(owner_message)

    assert result is True


def test_paid_only_view_applies_word_filter() -> None:
    rules = FilterRules(paid_and_members_only=True, hidden_words=("spoiler",))
    chat_filter = ChatFilter(rules)

    spoiled = chat_filter.is_hidden(chat("a", "spoiler!", type="superChatEvent"))
    clean = chat_filter.is_hidden(chat("b", "great run", type="superChatEvent"))

    assert spoiled is True
    assert clean is False


@pytest.mark.parametrize(
    ("streamer_name", "text", "highlighted"),
    [
        ("Pekora", "@Pekora hi", True),
        ("Pekora", "hi @pekora!", True),
        ("Pekora", "PEKORA is great", True),
        ("Pekora", "go pekora", True),
        ("Pekora", "pekoraland", False),
        ("Pekora", "xpekora", False),
        ("Pekora", "@pekorafan", False),
        ("Pekora", "mail me@pekora.test", False),
        ("Pekora", "hello", False),
        ("@Pekora", "hi pekora", True),
        ("  @Pekora  ", "@PEKORA", True),
        ("Some Streamer", "hi some streamer!", True),
        ("Some Streamer", "some streamers", False),
        ("兎田ぺこら", "兎田ぺこらさん好き", True),
        ("兎田ぺこら", "@兎田ぺこら", True),
        ("ぺこら", "草ぺこら草", True),
        ("", "hi @", False),
        ("   ", "anything", False),
    ],
)
def test_mention_highlight(streamer_name: str, text: str, highlighted: bool) -> None:
    chat_filter = ChatFilter(FilterRules(streamer_name=streamer_name))

    result = chat_filter.is_highlighted(chat("a", text))

    assert result is highlighted


def test_own_mention_not_highlighted() -> None:
    chat_filter = ChatFilter(FilterRules(streamer_name="Pekora"))
    owner_message = chat("a", "Pekora here!", author_roles=("owner",))

    result = chat_filter.is_highlighted(owner_message)

    assert result is False


@pytest.mark.parametrize(
    ("word", "text", "highlighted"),
    [
        ("hype", "HYPE train", True),
        ("hype", "so hyped", False),
        ("GG", "gg wp", True),
        ("初見", "初見です", True),
        ("🎉", "yay🎉🎉", True),
        ("", "anything", False),
    ],
)
def test_highlight_words(word: str, text: str, highlighted: bool) -> None:
    chat_filter = ChatFilter(FilterRules(highlight_words=(word,)))

    result = chat_filter.is_highlighted(chat("a", text))

    assert result is highlighted


def test_highlight_words_apply_to_owner() -> None:
    chat_filter = ChatFilter(FilterRules(highlight_words=("giveaway",)))
    owner_message = chat("a", "Giveaway now", author_roles=("owner",))

    result = chat_filter.is_highlighted(owner_message)

    assert result is True


def test_default_filter_hides_and_highlights_nothing() -> None:
    chat_filter = ChatFilter()
    event = chat("a", "!anything @anyone")

    assert not chat_filter.is_hidden(event)
    assert not chat_filter.is_highlighted(event)


def test_rules_round_trip_settings() -> None:
    rules = FilterRules(
        hidden_words=("バカ", "spoiler"),
        hidden_patterns=("^first",),
        hide_commands=True,
        blocked_channel_ids=("UCbad",),
        blocked_names=("Troll",),
        highlight_words=("hype",),
        streamer_name="Pekora",
        paid_and_members_only=True,
    )

    values = rules.to_settings()

    assert values["hidden_words"] == ["バカ", "spoiler"]
    assert values["hide_commands"] is True
    assert values["streamer_name"] == "Pekora"
    assert FilterRules.from_settings(values) == rules


def test_rules_from_loose_settings_values() -> None:
    values: dict[str, object] = {
        "hidden_words": "spoiler",
        "hidden_patterns": None,
        "hide_commands": "true",
        "paid_and_members_only": "False",
        "blocked_names": ("Troll",),
    }

    rules = FilterRules.from_settings(values)

    assert rules.hidden_words == ("spoiler",)
    assert rules.hidden_patterns == ()
    assert rules.hide_commands is True
    assert rules.paid_and_members_only is False
    assert rules.blocked_names == ("Troll",)
    assert rules.streamer_name == ""


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("hidden_words", 5),
        ("hidden_words", ["ok", 5]),
        ("hide_commands", "yes"),
        ("hide_commands", 1),
        ("streamer_name", ["Pekora"]),
    ],
)
def test_invalid_settings_value_uses_default(
    name: str, value: object, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="livechat_desktop.filters"):
        rules = FilterRules.from_settings({name: value})

    assert rules == FilterRules()
    assert f"Ignored the invalid filter setting {name}=" in caplog.text


def test_empty_rules_hide_nothing() -> None:
    assert ChatFilter(FilterRules()).hides_nothing


@pytest.mark.parametrize(
    "rules",
    [
        FilterRules(hidden_words=("spoiler",)),
        FilterRules(hidden_patterns=("^x",)),
        FilterRules(hide_commands=True),
        FilterRules(blocked_names=("bob",)),
        FilterRules(blocked_channel_ids=("UCbob",)),
        FilterRules(paid_and_members_only=True),
    ],
)
def test_any_hiding_rule_counts(rules: FilterRules) -> None:
    assert not ChatFilter(rules).hides_nothing


def test_highlight_alone_hides_nothing() -> None:
    assert ChatFilter(
        FilterRules(highlight_words=("hi",), streamer_name="me")
    ).hides_nothing
