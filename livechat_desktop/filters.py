"""Rules that hide or highlight chat events, and the filter that applies them.

`FilterRules` is plain data for the settings. `ChatFilter` compiles the rules
once, and its `is_hidden` and `is_highlighted` then check one event each.

Matching:

- Words (`hidden_words`, `highlight_words`) are literal and case-insensitive:
  text and words are compared after `str.casefold`, so "STRASSE" matches
  "Straße". Words are trimmed, and blank ones are ignored.
- Some words match anywhere in the text, because such text has no word
  boundaries to check. These are words with a character of a script written
  without spaces (Han, kana, Thai, Lao, Khmer, Myanmar), of Hangul, whose
  particles attach to the word before them, or of the halfwidth and
  fullwidth forms block.
- Any other word matches only as a whole word: where the word starts or ends
  with a letter, digit or underscore, the text next to it may not be one of a
  spaced script. So "cat" does not match "concat", but "c++" matches
  "c++ rocks", "🍆" matches "nice🍆" and "lol" matches "草lol".
- Patterns (`hidden_patterns`) are Python regular expressions searched in the
  text with `re.IGNORECASE`. An invalid or overlong pattern, or one that
  matches empty text and would therefore hide every message, is skipped and
  reported by `FilterRules.validate` and `ChatFilter.errors`.
- The searched text is `ChatEvent.text`: the message of a text message, the
  viewer's comment of a Super Chat, fan funding or member milestone, and the
  API's `displayMessage` for other types.
- Names (`blocked_names`, `streamer_name`) are trimmed and compared without
  case, and a leading "@" is ignored because YouTube shows handles with one.

Hiding:

- `paid_and_members_only` hides every event except money, memberships and
  system lines (bans, chat ended, members-only mode). Text messages and polls
  are hidden in that view, the channel owner's included.
- The channel owner's events are never hidden by the other rules, so the
  streamer always sees what they wrote, commands included.
- `hide_commands` hides text messages whose text starts with "!" after
  leading whitespace. Paid messages are never treated as commands.
- Blocked channel ids and names hide every event of that author, paid ones
  included.

Highlighting marks an event whose text contains a highlight word or mentions
`streamer_name`, either as "@name" or as the bare name matched like a word.
The owner's own events are not highlighted as mentions of `streamer_name`.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence

from livechat_desktop.youtube.models import (
    MEMBERSHIP_TYPES,
    PAID_TYPES,
    SYSTEM_TYPES,
    ChatEvent,
)

logger = logging.getLogger(__name__)

# NOTE: Python's `re` has no time limit, so a short pattern with nested
# quantifiers such as `(a+)+$` can still backtrack for a very long time on
# some messages. The length cap bounds compile time only. Patterns come from
# the local user, so the risk is a frozen window, not an attack.
MAX_PATTERN_LENGTH = 256

# YouTube gifts are bought with Jewels, which viewers pay money for.
_PAID_TYPES = PAID_TYPES | {"giftEvent"}
# Event types that stay visible when `paid_and_members_only` is set.
PAID_ONLY_VISIBLE_TYPES = _PAID_TYPES | MEMBERSHIP_TYPES | SYSTEM_TYPES

# Code point ranges of scripts written without spaces between words, plus
# Hangul, whose particles attach to the word before them, and the halfwidth
# and fullwidth forms block.
_UNSPACED_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x3005, 0x3007),  # ideographic iteration mark, closing mark, number zero
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK unified ideographs extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms
    (0x20000, 0x323AF),  # CJK unified ideographs extensions B to H
)
_UNSPACED_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in _UNSPACED_RANGES)
# A letter, digit or underscore of a spaced script. A whole word touches none.
_SPACED_WORD_CHAR = f"[^\\W{_UNSPACED_CLASS}]"


@functools.cache
def _script_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of an unspaced letter and of a spaced word letter.

    Compiled on first use: their character classes take about 20 ms to
    compile, which every start would pay even with no word rules.
    """
    return re.compile(f"[{_UNSPACED_CLASS}]"), re.compile(_SPACED_WORD_CHAR)


@dataclasses.dataclass(frozen=True, slots=True)
class FilterRules:
    """The user's filter settings, as plain data.

    The module docstring describes how each rule matches. `to_settings` and
    `from_settings` convert to and from the values that `QSettings` stores.
    """

    hidden_words: tuple[str, ...] = ()
    hidden_patterns: tuple[str, ...] = ()
    hide_commands: bool = False
    blocked_channel_ids: tuple[str, ...] = ()
    blocked_names: tuple[str, ...] = ()
    highlight_words: tuple[str, ...] = ()
    streamer_name: str = ""
    paid_and_members_only: bool = False

    def validate(self) -> list[str]:
        """Return one readable error for each pattern that the filter skips."""
        _patterns, errors = _compile_patterns(self.hidden_patterns)
        return errors

    def to_settings(self) -> dict[str, list[str] | str | bool]:
        """Return the rules as lists of strings, strings and booleans by name."""
        values: dict[str, list[str] | str | bool] = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            values[field.name] = list(value) if isinstance(value, tuple) else value
        return values

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> FilterRules:
        """Build rules from stored values, using the default for an invalid one.

        Accepts what `QSettings` returns without a type hint: a list with one
        item can come back as a plain string, and a boolean as "true" or
        "false". Missing names get their default.
        """
        return cls(
            hidden_words=_strings_setting(values, "hidden_words"),
            hidden_patterns=_strings_setting(values, "hidden_patterns"),
            hide_commands=_bool_setting(values, "hide_commands"),
            blocked_channel_ids=_strings_setting(values, "blocked_channel_ids"),
            blocked_names=_strings_setting(values, "blocked_names"),
            highlight_words=_strings_setting(values, "highlight_words"),
            streamer_name=_string_setting(values, "streamer_name"),
            paid_and_members_only=_bool_setting(values, "paid_and_members_only"),
        )


def _log_invalid_setting(name: str, value: object) -> None:
    logger.warning("Ignored the invalid filter setting %s=%r", name, value)


def _strings_setting(values: Mapping[str, object], name: str) -> tuple[str, ...]:
    value = values.get(name)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    _log_invalid_setting(name, value)
    return ()


def _bool_setting(values: Mapping[str, object], name: str) -> bool:
    value = values.get(name, False)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"true", "false"}:
        return value.lower() == "true"
    _log_invalid_setting(name, value)
    return False


def _string_setting(values: Mapping[str, object], name: str) -> str:
    value = values.get(name, "")
    if isinstance(value, str):
        return value
    _log_invalid_setting(name, value)
    return ""


class ChatFilter:
    """Compiled `FilterRules` that decide, per event, to hide or highlight it.

    The constructor compiles the rules. Each check then costs a few set
    lookups and at most one search per compiled regular expression.

    Attributes:
        rules: The rules this filter was built from.
        errors: One readable message per pattern that was skipped.
        hides_nothing: Whether no rule can hide an event, so checking each
            one can be skipped.
    """

    def __init__(self, rules: FilterRules | None = None) -> None:
        self.rules = rules if rules is not None else FilterRules()
        self._hidden_words = _compile_words(self.rules.hidden_words)
        self._patterns, errors = _compile_patterns(self.rules.hidden_patterns)
        self.errors = tuple(errors)
        for error in self.errors:
            logger.warning("Skipped a hidden pattern: %s", error)
        self._blocked_ids = frozenset(
            channel_id.strip()
            for channel_id in self.rules.blocked_channel_ids
            if channel_id.strip()
        )
        self._blocked_names = frozenset(
            key for key in map(_name_key, self.rules.blocked_names) if key
        )
        self._highlight_words = _compile_words(self.rules.highlight_words)
        self._mention = _compile_mention(self.rules.streamer_name)
        self.hides_nothing = not (
            self.rules.paid_and_members_only
            or self.rules.hide_commands
            or self._blocked_ids
            or self._blocked_names
            or self._hidden_words is not None
            or self._patterns
        )

    def is_hidden(self, event: ChatEvent) -> bool:
        """Return whether any rule hides `event`."""
        rules = self.rules
        if rules.paid_and_members_only and event.type not in PAID_ONLY_VISIBLE_TYPES:
            return True
        if "owner" in event.author_roles:
            return False
        if event.author_channel_id in self._blocked_ids:
            return True
        if self._blocked_names and _name_key(event.author_name) in self._blocked_names:
            return True
        if (
            rules.hide_commands
            and event.type == "textMessageEvent"
            and event.text.lstrip().startswith("!")
        ):
            return True
        return self._text_is_hidden(event.text)

    def is_highlighted(self, event: ChatEvent) -> bool:
        """Return whether `event` contains a highlight word or a mention."""
        if self._highlight_words is None and self._mention is None:
            return False
        folded = event.text.casefold()
        if self._highlight_words is not None and self._highlight_words.search(folded):
            return True
        return (
            self._mention is not None
            and "owner" not in event.author_roles
            and self._mention.search(folded) is not None
        )

    def _text_is_hidden(self, text: str) -> bool:
        if self._hidden_words is not None and self._hidden_words.search(
            text.casefold()
        ):
            return True
        return any(pattern.search(text) for pattern in self._patterns)


def compile_rules(rules: FilterRules) -> tuple[ChatFilter, list[str]]:
    """Build a `ChatFilter` and return it with the errors of skipped patterns."""
    chat_filter = ChatFilter(rules)
    return chat_filter, list(chat_filter.errors)


def _name_key(name: str) -> str:
    return name.strip().removeprefix("@").strip().casefold()


def _boundaries(word: str) -> tuple[str, str]:
    """Return the lookbehind and lookahead that make `word` match whole.

    A side gets a boundary only where `word` starts or ends with a letter,
    digit or underscore of a spaced script. A word with any character of an
    unspaced script gets none, so it matches anywhere.
    """
    unspaced_char, spaced_word_char = _script_patterns()
    if unspaced_char.search(word):
        return "", ""
    start = f"(?<!{_SPACED_WORD_CHAR})" if spaced_word_char.match(word) else ""
    end = f"(?!{_SPACED_WORD_CHAR})" if spaced_word_char.match(word[-1]) else ""
    return start, end


def _compile_words(words: Iterable[str]) -> re.Pattern[str] | None:
    """Compile the words into one regular expression for casefolded text.

    Returns None without words. Words that need the same boundaries share one
    lookbehind and lookahead around an alternation, because `re` is several
    times slower when every alternative starts with its own lookbehind.
    """
    folded = {word.strip().casefold() for word in words}
    folded.discard("")
    if not folded:
        return None
    groups: dict[tuple[str, str], list[str]] = {}
    for word in sorted(folded):
        groups.setdefault(_boundaries(word), []).append(re.escape(word))
    alternatives = [
        f"{start}(?:{'|'.join(escaped)}){end}"
        for (start, end), escaped in groups.items()
    ]
    return re.compile("|".join(alternatives))


def _compile_mention(streamer_name: str) -> re.Pattern[str] | None:
    """Compile the regular expression that finds "@name" or the bare name."""
    name = _name_key(streamer_name)
    if not name:
        return None
    start, end = _boundaries(name)
    # No "@" may come just before the name, so "me@name.com" is no mention.
    return re.compile(f"{start}(?<!@)@?{re.escape(name)}{end}")


def _compile_patterns(
    patterns: Sequence[str],
) -> tuple[tuple[re.Pattern[str], ...], list[str]]:
    """Compile each pattern with `re.IGNORECASE`, skipping the unusable ones.

    Returns the compiled patterns and one error message per skipped pattern.
    Empty strings are ignored without an error.
    """
    compiled: list[re.Pattern[str]] = []
    errors: list[str] = []
    for pattern in patterns:
        if not pattern:
            continue
        if len(pattern) > MAX_PATTERN_LENGTH:
            errors.append(
                f"Regular expression {pattern[:40]!r}... is too long: "
                f"{len(pattern)} characters, the maximum is {MAX_PATTERN_LENGTH}"
            )
            continue
        try:
            regex = re.compile(pattern, re.IGNORECASE)
        except (re.error, OverflowError, RecursionError) as error:
            errors.append(f"Invalid regular expression {pattern!r}: {error}")
            continue
        if regex.search("") is not None:
            errors.append(
                f"Regular expression {pattern!r} matches empty text, so it "
                "would hide every message"
            )
            continue
        compiled.append(regex)
    return tuple(compiled), errors
