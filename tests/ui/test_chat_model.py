"""The chat list model: insertion, moderation, polls and retention."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from livechat_desktop.ui.chat_model import EVENT_ROLE, TRIM_CHUNK_ROWS, ChatListModel
from livechat_desktop.youtube.models import PollChoice
from tests.events import chat


def _ids(model: ChatListModel) -> list[str]:
    return [event.id for event in model.events()]


def test_model_passes_model_tester(qtmodeltester: ModelTester) -> None:
    model = ChatListModel()
    model.add_events([chat("a"), chat("b")])

    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]
    model.add_events(
        [chat("c"), chat("del", type="messageDeletedEvent", deleted_message_id="a")]
    )

    assert _ids(model) == ["b", "c"]


def test_model_inserts_batch_once(qtbot: QtBot) -> None:
    model = ChatListModel()

    with qtbot.wait_signal(model.rowsInserted) as blocker:
        model.add_events([chat("a"), chat("b"), chat("c")])

    assert blocker.args is not None
    assert blocker.args[1:] == [0, 2]
    assert model.rowCount() == 3


def test_model_data_roles() -> None:
    model = ChatListModel()
    event = chat("a", text="<b>bold</b>")
    model.add_events([event])

    index = model.index(0)

    assert model.data(index, EVENT_ROLE) is event
    assert model.data(index) == "name of UCa: <b>bold</b>"
    assert model.data(model.index(5)) is None


def test_deletion_removes_earlier_target() -> None:
    model = ChatListModel()
    model.add_events([chat("a"), chat("b")])

    model.add_events([chat("d", type="messageDeletedEvent", deleted_message_id="a")])

    assert _ids(model) == ["b"]


def test_deletion_in_same_page_as_target() -> None:
    model = ChatListModel()

    model.add_events(
        [chat("a"), chat("d", type="messageDeletedEvent", deleted_message_id="a")]
    )

    assert _ids(model) == []


def test_deletion_before_its_target() -> None:
    model = ChatListModel()
    model.add_events([chat("d", type="messageRetractedEvent", deleted_message_id="a")])

    model.add_events([chat("a"), chat("b")])

    assert _ids(model) == ["b"]


def test_ban_hides_earlier_messages_of_author() -> None:
    model = ChatListModel()
    model.add_events([chat("a", author="UCbad"), chat("b", author="UCok")])
    ban = chat("ban", author="UCmod", type="userBannedEvent", banned_channel_id="UCbad")

    model.add_events([chat("c", author="UCbad"), ban, chat("e", author="UCbad")])

    assert _ids(model) == ["b", "ban", "e"]


def test_poll_update_replaces_row(qtbot: QtBot) -> None:
    model = ChatListModel()
    first = chat("p", type="pollEvent", poll_choices=(PollChoice("x", 1),))
    second = chat("p", type="pollEvent", poll_choices=(PollChoice("x", 9),))
    model.add_events([first, chat("b")])

    with qtbot.wait_signal(model.dataChanged):
        model.add_events([second])

    assert _ids(model) == ["p", "b"]
    assert model.event_at(0) is second


def test_retention_trims_oldest_in_chunks() -> None:
    model = ChatListModel(max_rows=1000)

    model.add_events([chat(f"m{n}") for n in range(1001)])

    assert model.rowCount() == 1001 - 1 - TRIM_CHUNK_ROWS
    assert _ids(model)[-1] == "m1000"
