"""The row delegate paints every event type with sane sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from livechat_desktop.filters import ChatFilter, FilterRules
from livechat_desktop.ui.avatars import AvatarStore
from livechat_desktop.ui.chat_model import EVENT_ROLE, ChatListModel
from livechat_desktop.ui.chat_view import ChatView
from livechat_desktop.ui.delegate import HIGHLIGHT_BAR, TIER_COLORS, ChatDelegate
from livechat_desktop.ui.filter_proxy import ChatFilterProxy
from livechat_desktop.ui.settings import Appearance
from livechat_desktop.youtube.models import KNOWN_EVENT_TYPES, ChatEvent, PollChoice
from tests.events import chat

LONG_WORD = "W" * 200


def _sample_events() -> list[ChatEvent]:
    samples = [
        chat("text", text="<b>not bold</b> <script>x</script>"),
        chat("long", text=LONG_WORD),
        chat("rtl", author="UCrtl", author_name="\u05e9\u05dc\u05d5\u05dd ", text="hi"),
        chat(
            "jp",
            text="\u3053\u3093\u306b\u3061\u306f \U0001f44b\U0001f3fd"
            " \U0001f1ef\U0001f1f5",
        ),
        chat("roles", author_roles=("owner", "moderator", "member", "verified")),
        chat(
            "sc",
            type="superChatEvent",
            amount_display="$5.00",
            tier=7,
            text="thanks",
        ),
        chat(
            "sc-empty", type="superChatEvent", amount_display="$1.00", tier=1, text=""
        ),
        chat(
            "sticker",
            type="superStickerEvent",
            amount_display="\u00a5200",
            tier=3,
            sticker_alt_text="A cat waving",
        ),
        chat(
            "poll",
            type="pollEvent",
            poll_question="Which map?",
            poll_choices=(PollChoice("Dust", 3), PollChoice("Inferno", None)),
            poll_status="active",
        ),
        chat(
            "ban",
            type="userBannedEvent",
            banned_name="spammer",
            ban_type="temporary",
            ban_duration_s=300,
        ),
        chat("future", type="futureShinyEvent", text="Something new"),
    ]
    covered = {event.type for event in samples}
    samples += [chat(f"t-{kind}", type=kind) for kind in KNOWN_EVENT_TYPES - covered]
    return samples


@pytest.fixture
def delegate(qtbot: QtBot) -> ChatDelegate:
    return ChatDelegate(AvatarStore())


@pytest.mark.parametrize("width", [120, 420, 1200])
def test_delegate_paints_every_type(delegate: ChatDelegate, width: int) -> None:
    model = ChatListModel()
    model.add_events(_sample_events())
    delegate.width_px = width
    image = QImage(width, 2000, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("black"))
    painter = QPainter(image)

    heights = []
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        index = model.index(row)
        size = delegate.sizeHint(option, index)
        option.rect = QRect(0, 0, width, size.height())
        delegate.paint(painter, option, index)
        heights.append(size.height())
    painter.end()

    assert min(heights) >= 16
    assert max(heights) < 1500


def test_long_word_wraps_at_narrow_width(delegate: ChatDelegate) -> None:
    model = ChatListModel()
    model.add_events([chat("short", text="ok"), chat("long", text=LONG_WORD)])
    option = QStyleOptionViewItem()

    delegate.width_px = 200
    short = delegate.sizeHint(option, model.index(0)).height()
    long = delegate.sizeHint(option, model.index(1)).height()

    assert long > short * 3


def test_size_hint_follows_width(delegate: ChatDelegate) -> None:
    model = ChatListModel()
    model.add_events([chat("m", text="word " * 60)])
    option = QStyleOptionViewItem()

    delegate.width_px = 200
    narrow = delegate.sizeHint(option, model.index(0)).height()
    delegate.width_px = 800
    wide = delegate.sizeHint(option, model.index(0)).height()

    assert wide < narrow


def test_size_hint_through_filter_skips_hidden(delegate: ChatDelegate) -> None:
    model = ChatListModel()
    model.add_events([chat("long", text="spoiler " * 80), chat("short", text="ok")])
    proxy = ChatFilterProxy(ChatFilter(FilterRules(hidden_words=("spoiler",))))
    proxy.setSourceModel(model)
    option = QStyleOptionViewItem()
    delegate.width_px = 200
    short = delegate.sizeHint(option, model.index(1)).height()
    delegate.clear_cache()

    delegate.use_model(proxy)
    through_proxy = delegate.sizeHint(option, proxy.index(0, 0)).height()

    assert through_proxy == short


def test_size_hint_from_model_matches_data(delegate: ChatDelegate) -> None:
    model = ChatListModel()
    model.add_events([chat("short", text="ok"), chat("long", text="word " * 80)])
    option = QStyleOptionViewItem()
    delegate.width_px = 200
    through_data = [delegate.sizeHint(option, model.index(row)) for row in (0, 1)]
    delegate.clear_cache()

    delegate.use_model(model)
    direct = [delegate.sizeHint(option, model.index(row)) for row in (0, 1)]

    assert direct == through_data


def test_super_chat_card_uses_tier_color(delegate: ChatDelegate) -> None:
    model = ChatListModel()
    model.add_events([chat("sc", type="superChatEvent", tier=7, amount_display="$5")])
    delegate.width_px = 300
    option = QStyleOptionViewItem()
    height = delegate.sizeHint(option, model.index(0)).height()
    option.rect = QRect(0, 0, 300, height)
    image = QImage(300, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("black"))

    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0))
    painter.end()

    assert image.pixelColor(296, height // 2) == TIER_COLORS[6]


def test_old_rows_fade_out(delegate: ChatDelegate) -> None:
    now = [100.0]
    model = ChatListModel(clock=lambda: now[0])
    model.add_events([chat("old", text="fading")])
    delegate.clock = lambda: now[0]
    delegate.fade_after_s = 5
    delegate.width_px = 200
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 200, delegate.sizeHint(option, model.index(0)).height())

    def painted_pixels(at_s: float) -> int:
        now[0] = at_s
        image = QImage(200, option.rect.height(), QImage.Format.Format_ARGB32)
        image.fill(QColor("black"))
        painter = QPainter(image)
        delegate.paint(painter, option, model.index(0))
        painter.end()
        return sum(
            1
            for x in range(200)
            for y in range(image.height())
            if image.pixelColor(x, y) != QColor("black")
        )

    assert painted_pixels(103.0) > 0
    assert painted_pixels(107.0) == 0


def test_highlighted_row_gets_bar(delegate: ChatDelegate) -> None:
    model = ChatListModel()
    model.add_events([chat("m", text="hello @me")])
    delegate.highlighter = lambda event: "@me" in event.text
    delegate.width_px = 200
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 200, delegate.sizeHint(option, model.index(0)).height())
    image = QImage(200, option.rect.height(), QImage.Format.Format_ARGB32)
    image.fill(QColor("black"))

    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0))
    painter.end()

    assert image.pixelColor(1, option.rect.height() // 2) == HIGHLIGHT_BAR


def test_painting_corrects_estimated_height(
    qtbot: QtBot, delegate: ChatDelegate
) -> None:
    model = ChatListModel()
    model.add_events([chat("long", text=LONG_WORD)])
    delegate.width_px = 150
    option = QStyleOptionViewItem()
    estimate = delegate.sizeHint(option, model.index(0)).height()
    option.rect = QRect(0, 0, 150, estimate)
    image = QImage(150, 600, QImage.Format.Format_ARGB32)

    painter = QPainter(image)
    with qtbot.wait_signal(delegate.sizeHintChanged, timeout=1000, raising=False):
        delegate.paint(painter, option, model.index(0))
    painter.end()
    exact = delegate.sizeHint(option, model.index(0)).height()

    assert exact == delegate._layout(model.event_at(0), option.font).height
    assert exact > 40


class _CountingModel(ChatListModel):
    """Counts the `data()` calls that ask for a row's event."""

    def __init__(self) -> None:
        super().__init__()
        self.event_reads = 0

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if role == EVENT_ROLE:
            self.event_reads += 1
        return super().data(index, role)


def test_view_measures_rows_without_data_calls(qtbot: QtBot) -> None:
    model = _CountingModel()
    proxy = ChatFilterProxy()
    proxy.setSourceModel(model)
    view = ChatView(ChatDelegate(AvatarStore()))
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(300, 400)
    view.show()
    qtbot.waitExposed(view)

    model.add_events([chat(f"m{number}", "word " * number) for number in range(300)])
    qtbot.waitUntil(lambda: view.visualRect(proxy.index(299, 0)).isValid())
    view.viewport().repaint()

    assert model.event_reads == 0


def test_row_width_ignores_scroll_bar(qtbot: QtBot) -> None:
    model = ChatListModel()
    delegate = ChatDelegate(AvatarStore())
    view = ChatView(delegate)
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)
    model.add_events([chat("first", "ok")])
    qtbot.waitUntil(lambda: view.visualRect(model.index(0)).isValid())
    width_without_bar = delegate.width_px

    model.add_events([chat(f"m{number}", "word " * 20) for number in range(40)])
    qtbot.waitUntil(view.verticalScrollBar().isVisible)

    assert delegate.width_px == width_without_bar
    assert delegate.width_px <= view.viewport().width()


def test_height_cache_covers_kept_rows(
    delegate: ChatDelegate, monkeypatch: pytest.MonkeyPatch
) -> None:
    delegate.apply_appearance(Appearance(max_messages=8_000))
    model = ChatListModel(max_rows=16_000)
    model.add_events([chat(f"m{number}", "hello") for number in range(16_000)])
    option = QStyleOptionViewItem()
    for row in range(model.rowCount()):
        delegate.sizeHint(option, model.index(row))
    estimates: list[str] = []
    estimate = delegate._estimate_height

    def counting_estimate(event: ChatEvent, option: QStyleOptionViewItem) -> int:
        estimates.append(event.id)
        return estimate(event, option)

    monkeypatch.setattr(delegate, "_estimate_height", counting_estimate)

    for row in range(model.rowCount()):
        delegate.sizeHint(option, model.index(row))

    assert estimates == []
