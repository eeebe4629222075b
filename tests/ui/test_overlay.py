"""Overlay controls: settings, click-through and its exits, scrolling, geometry."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot

from livechat_desktop.ui.geometry import on_screen
from livechat_desktop.ui.settings import (
    Appearance,
    BackgroundMode,
    Density,
    Settings,
    SettingsStore,
    TextEffect,
)
from livechat_desktop.ui.settings_dialog import SettingsDialog
from livechat_desktop.ui.tray import ChatTrayIcon
from livechat_desktop.ui.window import ChatWindow
from tests.events import chat

TRANSPARENT_FOR_INPUT = Qt.WindowType.WindowTransparentForInput


def _store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(
        QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    )


def _window(
    qtbot: QtBot, store: SettingsStore | None = None, **options: object
) -> ChatWindow:
    window = ChatWindow(
        api_key="key",
        api_base_url="http://127.0.0.1:9",
        settings_store=store,
        has_tray=True,
        **options,  # type: ignore[arg-type]
    )
    qtbot.addWidget(window)
    return window


def _click_through(window: ChatWindow) -> bool:
    return bool(window.windowFlags() & TRANSPARENT_FOR_INPUT)


def test_settings_round_trip(tmp_path: Path) -> None:
    settings = Settings(
        appearance=Appearance(
            background=BackgroundMode.CHROMA_KEY,
            opacity=0.4,
            solid_color="#102030",
            chroma_color="#ff00ff",
            text_effect=TextEffect.OUTLINE,
            font_family="Noto Sans",
            font_size_pt=14,
            density=Density.COMPACT,
            show_avatars=False,
            show_badges=False,
            show_timestamps=True,
            fade_after_s=30,
            max_messages=800,
        ),
        click_through=True,
        locked=True,
        language="ja",
        min_interval_s=10.0,
        filter_values={"hidden_words": ("spoiler", "ネタバレ"), "hide_commands": True},
    )

    _store(tmp_path).save(settings)
    loaded = _store(tmp_path).load()

    assert loaded.appearance == settings.appearance
    assert loaded.click_through is True
    assert loaded.locked is True
    assert loaded.language == "ja"
    assert loaded.min_interval_s == 10.0
    assert list(loaded.filter_values["hidden_words"]) == ["spoiler", "ネタバレ"]


def test_damaged_settings_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(
        "[appearance]\nopacity=lots\nbackground=plaid\nfont_size_pt=900\n"
        "[behaviour]\nlocked=maybe\n",
        encoding="utf-8",
    )

    loaded = SettingsStore(QSettings(str(path), QSettings.Format.IniFormat)).load()

    assert loaded.appearance.opacity == Appearance().opacity
    assert loaded.appearance.background is BackgroundMode.TRANSLUCENT
    assert loaded.appearance.font_size_pt == 40
    assert loaded.locked is False


def test_settings_apply_live_and_persist(qtbot: QtBot, tmp_path: Path) -> None:
    store = _store(tmp_path)
    window = _window(qtbot, store)
    window.resize(300, 200)
    window.show()
    dialog = SettingsDialog(window.settings, window)
    dialog.settings_changed.connect(window.apply_settings)
    qtbot.addWidget(dialog)

    dialog.background_combo.setCurrentIndex(
        dialog.background_combo.findData(BackgroundMode.CHROMA_KEY.value)
    )

    assert window.settings.appearance.background is BackgroundMode.CHROMA_KEY
    assert window.grab().toImage().pixelColor(2, 2) == QColor("#00ff00")
    assert store.load().appearance.background is BackgroundMode.CHROMA_KEY


def test_click_through_on_and_off(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.show()

    window.set_click_through(True)
    on = _click_through(window)
    window.set_click_through(False)

    assert on
    assert not _click_through(window)
    assert window.isVisible()


def test_click_through_exit_by_tray_double_click(qtbot: QtBot) -> None:
    window = _window(qtbot)
    tray = ChatTrayIcon(window)
    window.show()
    window.set_click_through(True)

    tray.activated.emit(QSystemTrayIcon.ActivationReason.DoubleClick)

    assert not _click_through(window)
    assert window.isVisible()


def test_click_through_exit_by_tray_menu(qtbot: QtBot) -> None:
    window = _window(qtbot)
    tray = ChatTrayIcon(window)
    window.show()
    window.set_click_through(True)
    menu = tray.contextMenu()
    assert menu is not None
    item = next(
        a for a in menu.actions() if a is window.actions_by_name["click_through"]
    )

    item.trigger()

    assert not _click_through(window)


def test_click_through_exit_by_shortcut(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    action = window.actions_by_name["click_through"]
    window.set_click_through(True)
    # The user brings the window to the front, for example with Alt+Tab.
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is window.windowHandle())

    QTest.keyClick(
        window,
        Qt.Key.Key_X,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert action in window.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+X"
    assert not _click_through(window)


def test_click_through_refused_without_tray(qtbot: QtBot) -> None:
    window = ChatWindow(
        api_key="key", api_base_url="http://127.0.0.1:9", has_tray=False
    )
    qtbot.addWidget(window)

    window.set_click_through(True)

    assert not _click_through(window)
    assert window.settings.click_through is False


def test_auto_scroll_pauses_when_scrolled_up(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.resize(300, 300)
    window.show()
    qtbot.waitExposed(window)
    window.model.add_events([chat(f"a{n}", text=f"message {n}") for n in range(60)])
    bar = window.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())

    bar.setValue(0)
    window.model.add_events([chat(f"b{n}") for n in range(3)])
    qtbot.wait(50)

    assert bar.value() == 0
    assert window.view.following is False
    assert window.view.unseen_count == 3
    assert window.view.new_messages_button.isVisible()
    assert window.view.new_messages_button.text() == "3 new messages"

    window.view.new_messages_button.click()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())

    assert window.view.following is True
    assert not window.view.new_messages_button.isVisible()


def test_pause_buffers_until_resumed(qtbot: QtBot) -> None:
    window = _window(qtbot)
    pause = window.actions_by_name["pause"]

    pause.trigger()
    window._on_worker_events_received((chat("a"), chat("b")))
    rows_while_paused = window.model.rowCount()
    pause.trigger()

    assert rows_while_paused == 0
    assert window.model.rowCount() == 2


def test_shortcut_actions_change_settings(qtbot: QtBot, tmp_path: Path) -> None:
    store = _store(tmp_path)
    window = _window(qtbot, store)
    before = window.settings.appearance

    window.actions_by_name["font_up"].trigger()
    window.actions_by_name["opacity_down"].trigger()
    window.actions_by_name["lock"].trigger()

    after = store.load()
    assert after.appearance.font_size_pt == before.font_size_pt + 1
    assert after.appearance.opacity == pytest.approx(before.opacity - 0.05)
    assert after.locked is True
    assert not window.size_grip.isVisibleTo(window)


def test_clear_action_empties_chat(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.model.add_events([chat("a"), chat("b")])

    window.actions_by_name["clear"].trigger()

    assert window.model.rowCount() == 0


def test_max_messages_setting_trims(qtbot: QtBot) -> None:
    window = _window(qtbot)
    window.model.add_events([chat(f"m{n}") for n in range(500)])
    appearance = dataclasses.replace(window.settings.appearance, max_messages=100)

    window.apply_settings(dataclasses.replace(window.settings, appearance=appearance))

    assert window.model.rowCount() <= 100


def test_geometry_restored(qtbot: QtBot, tmp_path: Path) -> None:
    store = _store(tmp_path)
    first = _window(qtbot, store)
    first.show()
    first.setGeometry(QRect(100, 120, 333, 444))
    first.close()

    second = _window(qtbot, store)

    assert second.geometry().size().width() == 333
    assert second.geometry().size().height() == 444


def test_off_screen_geometry_moves_back(qtbot: QtBot, tmp_path: Path) -> None:
    store = _store(tmp_path)
    first = _window(qtbot, store)
    first.show()
    first.setGeometry(QRect(20_000, 20_000, 300, 400))
    first.close()

    second = _window(qtbot, store)

    screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
    assert any(screen.intersects(second.geometry()) for screen in screens)


@pytest.mark.parametrize(
    ("saved", "moved"),
    [
        (QRect(100, 100, 300, 400), False),
        (QRect(1900, 100, 300, 400), False),
        (QRect(5000, 100, 300, 400), True),
        (QRect(100, -500, 300, 400), True),
        (QRect(-290, 100, 300, 400), True),
    ],
)
def test_on_screen_moves_only_lost_windows(saved: QRect, moved: bool) -> None:
    screens = [QRect(0, 0, 1920, 1080), QRect(1920, 0, 1280, 1024)]

    result = on_screen(saved, screens)

    assert (result != saved) is moved
    assert any(screen.contains(result.topLeft()) for screen in screens)


def test_on_screen_shrinks_to_fit() -> None:
    result = on_screen(QRect(9000, 0, 3000, 3000), [QRect(0, 0, 800, 600)])

    assert QRect(0, 0, 800, 600).contains(result)


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (1, 150, Qt.Edge.LeftEdge),
        (298, 150, Qt.Edge.RightEdge),
        (150, 298, Qt.Edge.BottomEdge),
        (1, 1, Qt.Edge.LeftEdge | Qt.Edge.TopEdge),
        (150, 150, Qt.Edge(0)),
    ],
)
def test_window_edges_resize(qtbot: QtBot, x: int, y: int, expected: Qt.Edge) -> None:
    window = _window(qtbot)
    window.resize(300, 300)

    edges = window._edges_at(QPoint(x, y))

    assert edges == expected
