"""The Japanese translation: loading, the translated UI and the committed files."""

from __future__ import annotations

import importlib.util
import inspect
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from livechat_desktop.ui import translations
from livechat_desktop.ui.event_text import describe
from livechat_desktop.ui.messages import error_message, invalid_video_message
from livechat_desktop.ui.settings import Settings
from livechat_desktop.ui.settings_dialog import SettingsDialog
from livechat_desktop.ui.status_text import status_line
from livechat_desktop.ui.translations import (
    fill_placeholders,
    install_translations,
    remove_translations,
    ui_language,
)
from livechat_desktop.ui.window import ChatWindow
from livechat_desktop.video_id import InvalidVideoError, parse_video_id
from livechat_desktop.youtube import errors
from livechat_desktop.youtube.errors import (
    ApiError,
    QuotaExceededError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    TerminalApiError,
    TransientApiError,
    error_from_response,
)
from livechat_desktop.youtube.poller import PollerState, PollerStatus
from tests.events import chat

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "update_translations.py"
QT_TRANSLATIONS = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
# Hiragana, katakana and the common kanji block.
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, with every translator removed after the test."""
    yield qapp
    remove_translations(qapp)


@pytest.fixture
def japanese(app: QApplication) -> QApplication:
    install_translations(app, "ja")
    return app


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tool_or_skip() -> ModuleType:
    tool = _load_tool()
    try:
        tool.qt_tool("pyside6-lupdate")
        tool.qt_tool("pyside6-lrelease")
    except FileNotFoundError as error:
        pytest.skip(str(error))
    return tool


def _has_japanese(text: str) -> bool:
    return JAPANESE.search(text) is not None


def test_install_japanese_translates_window_strings(app: QApplication) -> None:
    language = install_translations(app, "ja")

    assert language == "ja"
    assert QCoreApplication.translate("ChatWindow", "Connect") == "接続"
    assert ui_language() == "ja"


def test_window_built_after_install_is_japanese(
    qtbot: QtBot, japanese: QApplication
) -> None:
    window = ChatWindow(api_key="AIzaFAKEKEY-translations", api_base_url="http://x")
    qtbot.addWidget(window)

    assert window.connect_button.text() == "接続"
    placeholder = window.video_edit.placeholderText()
    assert placeholder == "YouTube のリンクか動画 ID を貼り付け"
    assert window.status_label.text() == (
        "YouTube のリンクを貼り付けて「接続」を押してください。"
    )


def test_window_explains_invalid_link_in_japanese(
    qtbot: QtBot, japanese: QApplication
) -> None:
    window = ChatWindow(api_key="AIzaFAKEKEY-translations", api_base_url="http://x")
    qtbot.addWidget(window)
    window.video_edit.setText("https://example.com/watch")

    window.connect_button.click()

    assert window.status_label.text() == (
        "「https://example.com/watch」は YouTube の動画リンクでも 11 文字の動画 ID "
        "でもありません。"
    )


@pytest.mark.skipif(
    not (QT_TRANSLATIONS / "qtbase_ja.qm").is_file(),
    reason=f"Qt's translations folder {QT_TRANSLATIONS} has no qtbase_ja.qm",
)
def test_qt_dialog_buttons_are_japanese(qtbot: QtBot, japanese: QApplication) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)

    box = dialog.findChild(QDialogButtonBox)

    assert box is not None
    close = box.button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "閉じる"
    assert dialog.windowTitle() == "LiveChat Desktop の設定"


@pytest.mark.parametrize("language", ["en", "fr", "xx_YY"])
def test_english_and_unknown_languages_stay_english(
    app: QApplication, language: str
) -> None:
    used = install_translations(app, language)

    assert used == "en"
    assert QCoreApplication.translate("ChatWindow", "Connect") == "Connect"
    assert ui_language() == "en"


@pytest.mark.parametrize(
    ("locale_name", "expected"),
    [("ja_JP", "ja"), ("en_US", "en"), ("de_DE", "en"), ("C", "en")],
)
def test_system_language_follows_locale(
    app: QApplication, locale_name: str, expected: str
) -> None:
    used = install_translations(app, "", QLocale(locale_name))

    assert used == expected


def test_system_locale_japanese_translates(app: QApplication) -> None:
    install_translations(app, "", QLocale("ja_JP"))

    assert QCoreApplication.translate("ChatWindow", "Disconnect") == "切断"


def test_reinstall_replaces_earlier_translators(app: QApplication) -> None:
    install_translations(app, "ja")
    install_translations(app, "ja")

    install_translations(app, "en")

    assert QCoreApplication.translate("ChatWindow", "Connect") == "Connect"
    assert QCoreApplication.translate("QPlatformTheme", "Close") == "Close"


def test_missing_app_translation_falls_back_to_english(
    app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(translations, "translations_dir", lambda: tmp_path)

    used = install_translations(app, "ja")

    assert used == "en"
    assert QCoreApplication.translate("ChatWindow", "Connect") == "Connect"


def test_fill_placeholders_replaces_in_one_pass() -> None:
    assert fill_placeholders("%2, then %1", "%2", "b") == "b, then %2"


def test_status_lines_in_japanese(japanese: QApplication) -> None:
    reconnecting = PollerStatus(
        PollerState.RECONNECTING,
        message="The YouTube API sent a chat page that could not be read.",
        retry_in_s=4.2,
        attempt=3,
    )
    live = PollerStatus(PollerState.LIVE, interval_ms=5_000, message_count=42)

    reconnecting_line = status_line(reconnecting)
    live_line = status_line(live)

    assert reconnecting_line == (
        "4 秒後に再接続\uff083 回目\uff09: "
        "YouTube API から読み取れないチャットページが返されました。"
    )
    assert live_line == "ライブ · 5.0 秒ごと · 42 件 · クォータ 0 ユニット"


def test_ended_status_without_error_is_translated(japanese: QApplication) -> None:
    status = PollerStatus(
        PollerState.ENDED, message="The stream has ended, so its live chat is closed."
    )

    assert status_line(status) == "配信が終了したため、ライブチャットは閉じられました。"


def test_quota_error_in_japanese_gives_local_reset_time(
    japanese: QApplication,
) -> None:
    resets_at = datetime(2030, 1, 2, 8, 0, tzinfo=UTC)
    error = QuotaExceededError(
        "quota", status=403, reason="quotaExceeded", resets_at=resets_at
    )
    status = PollerStatus(PollerState.FAILED, message="quota", error=error)

    line = status_line(status)

    local_reset = f"{resets_at.astimezone():%H:%M}"
    assert f"\uff08現地時刻 {local_reset}\uff09" in line
    assert line.startswith("API キーの 1 日のクォータを使い切りました。")


def _example_error(kind: type[ApiError]) -> ApiError:
    """Return an error of `kind` whose message has no translation of its own."""
    keywords: dict[str, Any] = {"status": 418, "reason": "teapotReason"}
    if kind is QuotaExceededError:
        keywords["resets_at"] = datetime(2030, 1, 2, 8, 0, tzinfo=UTC)
    return kind("An English message with details.", **keywords)


_LEAF_ERRORS = sorted(
    (
        kind
        for _name, kind in inspect.getmembers(errors, inspect.isclass)
        if issubclass(kind, ApiError)
        and kind not in {ApiError, TransientApiError, TerminalApiError}
    ),
    key=lambda kind: kind.__name__,
)


@pytest.mark.parametrize("kind", _LEAF_ERRORS, ids=lambda kind: kind.__name__)
def test_every_error_class_has_japanese_sentence(
    japanese: QApplication, kind: type[ApiError]
) -> None:
    error = _example_error(kind)

    message = error_message(error)

    assert message != error.user_message
    assert _has_japanese(message)


@pytest.mark.parametrize("kind", [RateLimitedError, ServerError, RequestRejectedError])
def test_japanese_error_keeps_http_status(
    japanese: QApplication, kind: type[ApiError]
) -> None:
    message = error_message(_example_error(kind))

    assert "HTTP 418" in message


@pytest.mark.parametrize(
    "reason",
    [
        "pageTokenInvalid",
        "liveChatEnded",
        "liveChatNotFound",
        "liveChatDisabled",
        "keyInvalid",
        "accessNotConfigured",
        "forbidden",
    ],
)
def test_fixed_core_messages_are_translated_verbatim(
    japanese: QApplication, reason: str
) -> None:
    body = f'{{"error": {{"code": 403, "errors": [{{"reason": "{reason}"}}]}}}}'
    error = error_from_response(403, body.encode())

    translated = QCoreApplication.translate("Messages", error.user_message)

    assert translated != error.user_message
    assert error_message(error) == translated


def test_english_ui_shows_core_messages(app: QApplication) -> None:
    error = _example_error(RequestRejectedError)

    assert error_message(error) == "An English message with details."


def test_invalid_video_message_in_english_is_core_message(app: QApplication) -> None:
    with pytest.raises(InvalidVideoError) as excinfo:
        parse_video_id("")

    assert invalid_video_message(excinfo.value, "") == str(excinfo.value)


def test_chat_rows_in_japanese(japanese: QApplication) -> None:
    ban = chat(
        "b",
        type="userBannedEvent",
        banned_name="spam",
        ban_type="temporary",
        ban_duration_s=300,
    )
    gift = chat("g", type="membershipGiftingEvent", gift_count=5)

    ban_row = describe(ban)
    gift_row = describe(gift)

    assert "のタイムアウトになりました" in ban_row.header
    assert "5 分" in ban_row.header
    assert gift_row.header.endswith("メンバーシップを 5 件ギフトしました")


def test_committed_ts_has_every_source_string_translated(tmp_path: Path) -> None:
    tool = _tool_or_skip()
    committed = tool.ts_path("ja")
    regenerated = tmp_path / committed.name
    shutil.copyfile(committed, regenerated)

    tool.run_lupdate(regenerated, "ja", tool.source_files())

    assert tool.unfinished_messages(regenerated) == []
    sources = {(c, s) for c, s, _t in tool.read_messages(regenerated)}
    committed_sources = {(c, s) for c, s, _t in tool.read_messages(committed)}
    assert sources == committed_sources


def test_committed_translations_keep_placeholders() -> None:
    tool = _load_tool()

    assert tool.placeholder_mismatches(tool.ts_path("ja")) == []


def test_committed_qm_matches_committed_ts(tmp_path: Path) -> None:
    tool = _tool_or_skip()
    compiled = tmp_path / "livechat_desktop_ja.qm"

    tool.run_lrelease(tool.ts_path("ja"), compiled)

    assert compiled.read_bytes() == tool.qm_path("ja").read_bytes()
