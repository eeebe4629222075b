"""The filter proxy over the chat model: hidden rows, refiltering, highlights."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from livechat_desktop.filters import ChatFilter, FilterRules
from livechat_desktop.ui.chat_model import EVENT_ROLE, ChatListModel
from livechat_desktop.ui.filter_proxy import HIGHLIGHT_ROLE, ChatFilterProxy
from livechat_desktop.youtube.models import ChatEvent
from tests.events import chat

SPOILER_RULES = FilterRules(hidden_words=("spoiler",))


def _proxy_ids(proxy: ChatFilterProxy) -> list[str]:
    ids: list[str] = []
    for row in range(proxy.rowCount()):
        event = proxy.data(proxy.index(row, 0), EVENT_ROLE)
        assert isinstance(event, ChatEvent)
        ids.append(event.id)
    return ids


def _highlights(proxy: ChatFilterProxy) -> list[object]:
    return [
        proxy.is_highlighted(proxy.index(row, 0)) for row in range(proxy.rowCount())
    ]


def _filtered_chat(
    rules: FilterRules, *, max_rows: int = 5000
) -> tuple[ChatListModel, ChatFilterProxy]:
    model = ChatListModel(max_rows=max_rows)
    proxy = ChatFilterProxy(ChatFilter(rules))
    proxy.setSourceModel(model)
    return model, proxy


def test_proxy_passes_model_tester(qtmodeltester: ModelTester) -> None:
    model, proxy = _filtered_chat(SPOILER_RULES, max_rows=4)
    model.add_events([chat("a"), chat("b", "spoiler"), chat("c")])

    qtmodeltester.check(proxy, force_py=True)  # type: ignore[no-untyped-call]
    model.add_events([chat("d", "spoiler"), chat("e"), chat("f"), chat("g")])
    proxy.set_filter(ChatFilter(FilterRules(hidden_words=("hello",))))
    model.add_events([chat("h", "spoiler")])

    assert _proxy_ids(proxy) == ["h"]


def test_proxy_hides_filtered_rows() -> None:
    model, proxy = _filtered_chat(SPOILER_RULES)

    model.add_events([chat("a"), chat("b", "a SPOILER"), chat("c")])

    assert _proxy_ids(proxy) == ["a", "c"]
    assert model.rowCount() == 3


def test_set_filter_shows_hidden_rows(qtbot: QtBot) -> None:
    model, proxy = _filtered_chat(SPOILER_RULES)
    model.add_events([chat("a"), chat("b", "spoiler"), chat("c")])

    with qtbot.wait_signal(proxy.rowsInserted):
        proxy.set_filter(ChatFilter())

    assert _proxy_ids(proxy) == ["a", "b", "c"]
    assert proxy.chat_filter.rules == FilterRules()


def test_set_filter_hides_shown_rows(qtbot: QtBot) -> None:
    model, proxy = _filtered_chat(FilterRules())
    model.add_events([chat("a", "!uptime"), chat("b"), chat("c", "  !so x")])

    with qtbot.wait_signal(proxy.rowsRemoved):
        proxy.set_filter(ChatFilter(FilterRules(hide_commands=True)))

    assert _proxy_ids(proxy) == ["b"]


def test_large_batch_filtered_on_insert(qtbot: QtBot) -> None:
    rules = FilterRules(
        hidden_words=("spoiler",), hide_commands=True, blocked_channel_ids=("UCbad",)
    )
    model, proxy = _filtered_chat(rules)
    batch: list[ChatEvent] = []
    expected: list[str] = []
    for number in range(2000):
        event_id = f"m{number}"
        text = f"message {number}"
        author = "UCa"
        if number % 7 == 0:
            text = f"the Spoiler of {number}"
        elif number % 11 == 0:
            text = f"  !points {number}"
        elif number % 13 == 0:
            author = "UCbad"
        else:
            expected.append(event_id)
        batch.append(chat(event_id, text, author))

    with qtbot.wait_signal(proxy.rowsInserted):
        model.add_events(batch)

    assert model.rowCount() == 2000
    assert proxy.rowCount() == len(expected)
    assert _proxy_ids(proxy) == expected


def test_highlight_role_values() -> None:
    rules = FilterRules(streamer_name="Pekora", highlight_words=("hype",))
    model, proxy = _filtered_chat(rules)

    model.add_events(
        [
            chat("a", "hi @Pekora"),
            chat("b", "pekoraland"),
            chat("c", "HYPE"),
            chat("d", "Pekora here", author_roles=("owner",)),
        ]
    )

    assert _highlights(proxy) == [True, False, True, False]


def test_set_filter_refreshes_highlights(qtbot: QtBot) -> None:
    model, proxy = _filtered_chat(FilterRules(streamer_name="Pekora"))
    model.add_events([chat("a", "hi @Pekora"), chat("b", "hello")])

    with qtbot.wait_signal(proxy.dataChanged) as blocker:
        proxy.set_filter(ChatFilter(FilterRules(highlight_words=("hello",))))

    assert blocker.args is not None
    assert blocker.args[0].row() == 0
    assert blocker.args[1].row() == 1
    assert blocker.args[2] == [HIGHLIGHT_ROLE]
    assert _highlights(proxy) == [False, True]


def test_highlight_role_invalid_index() -> None:
    _model, proxy = _filtered_chat(FilterRules(streamer_name="Pekora"))

    result = proxy.is_highlighted(proxy.index(0, 0))

    assert result is False


def test_proxy_passes_source_roles_through() -> None:
    model, proxy = _filtered_chat(SPOILER_RULES)
    event = chat("a", "hello there")
    model.add_events([chat("b", "spoiler"), event])

    index = proxy.index(0, 0)

    assert proxy.data(index, EVENT_ROLE) is event
    assert proxy.data(index) == "name of UCa: hello there"


def test_paid_only_proxy_keeps_paid_rows() -> None:
    model, proxy = _filtered_chat(FilterRules(paid_and_members_only=True))

    model.add_events(
        [
            chat("a", "hello"),
            chat("b", "thanks!", type="superChatEvent", amount_display="$5.00"),
            chat("c", "", type="newSponsorEvent", member_level="Fan"),
            chat("d", "", type="chatEndedEvent"),
        ]
    )

    assert _proxy_ids(proxy) == ["b", "c", "d"]


def test_rules_read_back_from_ini_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    rules = FilterRules(
        hidden_words=("バカ",),
        hidden_patterns=(),
        hide_commands=True,
        blocked_names=("Troll", "Spammer"),
        streamer_name="Pekora",
    )
    writer = QSettings(str(path), QSettings.Format.IniFormat)
    writer.beginGroup("filters")
    for name, value in rules.to_settings().items():
        writer.setValue(name, value)
    writer.endGroup()
    writer.sync()
    text = path.read_text(encoding="utf-8")
    # A fresh path has no cached values, so this instance parses the file.
    fresh_path = tmp_path / "copy.ini"
    fresh_path.write_text(text, encoding="utf-8")
    reader = QSettings(str(fresh_path), QSettings.Format.IniFormat)

    reader.beginGroup("filters")
    stored = {key: reader.value(key) for key in reader.childKeys()}
    reader.endGroup()

    assert stored["hide_commands"] == "true"
    assert FilterRules.from_settings(stored) == rules


def test_row_event_skips_hidden_rows() -> None:
    model, proxy = _filtered_chat(SPOILER_RULES)
    model.add_events([chat("a", "spoiler"), chat("b"), chat("c", "spoiler")])

    event = proxy.row_event(0)

    assert event is not None
    assert event.id == "b"


def test_row_event_without_hidden_rows() -> None:
    model, proxy = _filtered_chat(FilterRules())
    model.add_events([chat("a"), chat("b")])

    events = [proxy.row_event(row) for row in range(proxy.rowCount())]

    assert [event.id for event in events if event is not None] == ["a", "b"]


def test_row_event_outside_rows_is_none() -> None:
    model, proxy = _filtered_chat(SPOILER_RULES)
    model.add_events([chat("a"), chat("b", "spoiler")])

    outside = [proxy.row_event(row) for row in (-1, 1, 2)]

    assert outside == [None, None, None]


def test_row_event_after_filter_change(qtbot: QtBot) -> None:
    model, proxy = _filtered_chat(FilterRules())
    model.add_events([chat("a", "spoiler"), chat("b")])

    with qtbot.wait_signal(proxy.rowsRemoved):
        proxy.set_filter(ChatFilter(SPOILER_RULES))

    event = proxy.row_event(0)
    assert event is not None
    assert event.id == "b"


def test_row_event_during_filter_change(qtbot: QtBot) -> None:
    model, proxy = _filtered_chat(SPOILER_RULES)
    model.add_events(
        [chat(f"m{n}", "spoiler" if n % 3 == 0 else "ok") for n in range(9)]
    )
    seen: list[tuple[object, object]] = []

    def compare_rows() -> None:
        for row in range(proxy.rowCount()):
            event = proxy.data(proxy.index(row, 0), EVENT_ROLE)
            seen.append((proxy.row_event(row), event))

    proxy.rowsInserted.connect(compare_rows)

    with qtbot.wait_signal(proxy.rowsInserted):
        proxy.set_filter(ChatFilter())

    assert seen
    assert all(direct is through_data for direct, through_data in seen)
