"""The first-run API key dialog: its buttons, checks and keyring failures.

Every test runs with a fake keyring backend installed first, so no test reads
or writes the user's real keyring.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import keyring
import keyring.core
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from livechat_desktop.credentials import (
    KEYRING_SERVICE,
    KEYRING_USERNAME,
    KeyringStore,
    KeyStore,
    MemoryKeyStore,
)
from livechat_desktop.ui.key_dialog import ApiKeyDialog, KeyDialogResult
from tests.test_credentials import (
    FAKE_KEY,
    DictBackend,
    RaisingBackend,
    fail_backend,
)


@pytest.fixture(autouse=True)
def backend() -> Iterator[DictBackend]:
    """Install an empty DictBackend, and put the previous backend back after."""
    # get_keyring() would probe the system keyring, so the private value is
    # read and restored, None included.
    previous = keyring.core._keyring_backend
    installed = DictBackend()
    keyring.set_keyring(installed)
    yield installed
    keyring.core._keyring_backend = previous


def _show_dialog(qtbot: QtBot, store: KeyStore) -> ApiKeyDialog:
    dialog = ApiKeyDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(button: QPushButton) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _saved_key(backend: DictBackend) -> str | None:
    return backend.passwords.get((KEYRING_SERVICE, KEYRING_USERNAME))


def test_save_stores_key_in_keyring(qtbot: QtBot, backend: DictBackend) -> None:
    dialog = _show_dialog(qtbot, KeyringStore())
    QTest.keyClicks(dialog.key_edit, FAKE_KEY)

    _click(dialog.save_button)

    assert dialog.outcome is KeyDialogResult.SAVED
    assert dialog.api_key == FAKE_KEY
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _saved_key(backend) == FAKE_KEY


def test_save_strips_pasted_whitespace(qtbot: QtBot) -> None:
    store = MemoryKeyStore()
    dialog = _show_dialog(qtbot, store)
    dialog.key_edit.setText(f"  {FAKE_KEY}\n")

    _click(dialog.save_button)

    assert dialog.api_key == FAKE_KEY
    assert store.key == FAKE_KEY


def test_return_key_saves(qtbot: QtBot) -> None:
    store = MemoryKeyStore()
    dialog = _show_dialog(qtbot, store)
    QTest.keyClicks(dialog.key_edit, FAKE_KEY)

    QTest.keyClick(dialog.key_edit, Qt.Key.Key_Return)

    assert dialog.outcome is KeyDialogResult.SAVED
    assert store.key == FAKE_KEY


def test_session_only_does_not_store(qtbot: QtBot, backend: DictBackend) -> None:
    dialog = _show_dialog(qtbot, KeyringStore())
    dialog.key_edit.setText(FAKE_KEY)

    _click(dialog.session_button)

    assert dialog.outcome is KeyDialogResult.SESSION_ONLY
    assert dialog.api_key == FAKE_KEY
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert backend.calls == []


def test_demo_returns_demo_without_key(qtbot: QtBot) -> None:
    store = MemoryKeyStore()
    dialog = _show_dialog(qtbot, store)
    dialog.key_edit.setText(FAKE_KEY)

    _click(dialog.demo_button)

    assert dialog.outcome is KeyDialogResult.DEMO
    assert dialog.api_key is None
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.key is None


def test_demo_needs_no_key(qtbot: QtBot) -> None:
    dialog = _show_dialog(qtbot, MemoryKeyStore())

    _click(dialog.demo_button)

    assert dialog.outcome is KeyDialogResult.DEMO


def test_cancel_returns_cancelled(qtbot: QtBot) -> None:
    store = MemoryKeyStore()
    dialog = _show_dialog(qtbot, store)
    dialog.key_edit.setText(FAKE_KEY)

    _click(dialog.cancel_button)

    assert dialog.outcome is KeyDialogResult.CANCELLED
    assert dialog.api_key is None
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert store.key is None


def test_escape_returns_cancelled(qtbot: QtBot) -> None:
    dialog = _show_dialog(qtbot, MemoryKeyStore())

    QTest.keyClick(dialog, Qt.Key.Key_Escape)

    assert dialog.outcome is KeyDialogResult.CANCELLED
    assert dialog.isHidden()


def test_key_edit_hides_key_until_shown(qtbot: QtBot) -> None:
    dialog = _show_dialog(qtbot, MemoryKeyStore())

    hidden_mode = dialog.key_edit.echoMode()
    _click(dialog.show_key_button)
    shown_mode = dialog.key_edit.echoMode()
    shown_label = dialog.show_key_button.text()
    _click(dialog.show_key_button)

    assert hidden_mode == QLineEdit.EchoMode.Password
    assert shown_mode == QLineEdit.EchoMode.Normal
    assert shown_label == "Hide"
    assert dialog.key_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.show_key_button.text() == "Show"


@pytest.mark.parametrize(
    ("typed", "expected_words"),
    [
        ("", "Enter an API key"),
        ("   ", "Enter an API key"),
        ("AIzaSyFAKE-livechat desktop-test-key01", "space or line break"),
        ("AIzaSyFAKE", "at least 30 characters"),
    ],
)
@pytest.mark.parametrize("button_name", ["save_button", "session_button"])
def test_invalid_key_shows_error_and_stays_open(
    qtbot: QtBot, typed: str, expected_words: str, button_name: str
) -> None:
    store = MemoryKeyStore()
    dialog = _show_dialog(qtbot, store)
    dialog.key_edit.setText(typed)

    _click(getattr(dialog, button_name))

    assert expected_words in dialog.error_label.text()
    assert not dialog.error_label.isHidden()
    assert dialog.isVisible()
    assert dialog.outcome is KeyDialogResult.CANCELLED
    assert dialog.key_edit.text() == typed
    assert store.key is None


def test_typing_clears_error(qtbot: QtBot) -> None:
    dialog = _show_dialog(qtbot, MemoryKeyStore())
    _click(dialog.save_button)

    QTest.keyClicks(dialog.key_edit, "A")

    assert dialog.error_label.text() == ""
    assert dialog.error_label.isHidden()


def test_unusual_key_warns_but_saves(qtbot: QtBot) -> None:
    store = MemoryKeyStore()
    dialog = _show_dialog(qtbot, store)
    unusual_key = "k" * 40

    dialog.key_edit.setText(unusual_key)
    warning = dialog.warning_label.text()
    _click(dialog.save_button)

    assert '"AIza"' in warning
    assert dialog.outcome is KeyDialogResult.SAVED
    assert store.key == unusual_key


def test_usual_key_shows_no_warning(qtbot: QtBot) -> None:
    dialog = _show_dialog(qtbot, MemoryKeyStore())

    dialog.key_edit.setText(FAKE_KEY)

    assert dialog.warning_label.text() == ""
    assert dialog.warning_label.isHidden()


@pytest.mark.parametrize(
    ("failing_backend", "expected_words"),
    [
        (fail_backend(), "No system keyring is available"),
        (
            RaisingBackend(keyring.errors.KeyringLocked("locked")),
            "The system keyring is locked",
        ),
        (
            RaisingBackend(OSError("D-Bus socket gone")),
            "(OSError: D-Bus socket gone)",
        ),
    ],
    ids=["no keyring", "locked", "os error"],
)
def test_keyring_failure_keeps_dialog_open(
    qtbot: QtBot, failing_backend: KeyringBackend, expected_words: str
) -> None:
    keyring.set_keyring(failing_backend)
    dialog = _show_dialog(qtbot, KeyringStore())
    QTest.keyClicks(dialog.key_edit, FAKE_KEY)

    _click(dialog.save_button)

    assert expected_words in dialog.error_label.text()
    assert "Use for this session only" in dialog.error_label.text()
    assert not dialog.error_label.isHidden()
    assert dialog.isVisible()
    assert dialog.outcome is KeyDialogResult.CANCELLED
    assert dialog.key_edit.text() == FAKE_KEY


def test_session_only_after_keyring_failure(qtbot: QtBot) -> None:
    keyring.set_keyring(fail_backend())
    dialog = _show_dialog(qtbot, KeyringStore())
    QTest.keyClicks(dialog.key_edit, FAKE_KEY)
    _click(dialog.save_button)

    _click(dialog.session_button)

    assert dialog.outcome is KeyDialogResult.SESSION_ONLY
    assert dialog.api_key == FAKE_KEY


def test_save_retry_after_keyring_failure(qtbot: QtBot, backend: DictBackend) -> None:
    keyring.set_keyring(RaisingBackend(keyring.errors.KeyringLocked("locked")))
    dialog = _show_dialog(qtbot, KeyringStore())
    QTest.keyClicks(dialog.key_edit, FAKE_KEY)
    _click(dialog.save_button)
    keyring.set_keyring(backend)

    _click(dialog.save_button)

    assert dialog.outcome is KeyDialogResult.SAVED
    assert _saved_key(backend) == FAKE_KEY


def test_key_never_logged(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    # The backend's own message contains the key, as a careless backend's might.
    keyring.set_keyring(RaisingBackend(RuntimeError(f"cannot store {FAKE_KEY}")))
    dialog = _show_dialog(qtbot, KeyringStore())
    QTest.keyClicks(dialog.key_edit, FAKE_KEY)

    _click(dialog.save_button)
    error_text = dialog.error_label.text()
    _click(dialog.session_button)

    assert "cannot store ***" in error_text
    assert FAKE_KEY not in error_text
    assert "session only" in caplog.text
    assert FAKE_KEY not in caplog.text


def test_dialog_grows_for_error(qtbot: QtBot) -> None:
    dialog = _show_dialog(qtbot, MemoryKeyStore())
    height_before = dialog.height()

    _click(dialog.save_button)

    assert dialog.height() > height_before
    assert dialog.height() >= dialog.sizeHint().height()
