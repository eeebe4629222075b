"""The first-run dialog that prompts for a YouTube Data API key."""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from livechat_desktop.credentials import (
    MIN_API_KEY_LENGTH,
    CredentialStoreError,
    KeyProblem,
    KeyStore,
    StoreFailure,
    find_key_problem,
)

logger = logging.getLogger(__name__)

ERROR_STYLE = "color: #b3261e;"
WARNING_STYLE = "color: #8a5a00;"


class KeyDialogResult(enum.Enum):
    """The user's choice in the API key dialog."""

    SAVED = "saved"
    SESSION_ONLY = "session only"
    DEMO = "demo"
    CANCELLED = "cancelled"


class ApiKeyDialog(QDialog):
    """Explains how to get an API key, then stores the key the user enters.

    "Save key" stores the key through the KeyStore. When that fails, the
    dialog stays open with the typed key and shows what failed, so the user
    can try again or use the key for this session only. After the dialog
    closes, `outcome` is the choice, and `api_key` is the key for SAVED and
    SESSION_ONLY.
    """

    def __init__(self, store: KeyStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._outcome = KeyDialogResult.CANCELLED
        self._api_key: str | None = None

        self.setWindowTitle(self.tr("YouTube API key"))
        self.setMinimumWidth(480)
        self._build_layout()

    @property
    def outcome(self) -> KeyDialogResult:
        """The user's choice, CANCELLED unless another button closed the dialog."""
        return self._outcome

    @property
    def api_key(self) -> str | None:
        """The entered key without surrounding whitespace.

        None unless the outcome is SAVED or SESSION_ONLY.
        """
        return self._api_key

    def _build_layout(self) -> None:
        intro = QLabel(self._intro_html(), self)
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        key_label = QLabel(self.tr("&API key:"), self)
        self.key_edit = QLineEdit(self)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Paste the key here"))
        self.key_edit.textChanged.connect(self._on_key_edit_text_changed)
        key_label.setBuddy(self.key_edit)
        self.show_key_button = QPushButton(self.tr("Show"), self)
        self.show_key_button.setCheckable(True)
        self.show_key_button.setAutoDefault(False)
        self.show_key_button.toggled.connect(self._on_show_key_button_toggled)
        key_row = QHBoxLayout()
        key_row.addWidget(key_label)
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_key_button)

        self.warning_label = self._message_label(WARNING_STYLE)
        self.error_label = self._message_label(ERROR_STYLE)

        self._layout = QVBoxLayout(self)
        self._layout.addWidget(intro)
        self._layout.addLayout(key_row)
        self._layout.addWidget(self.warning_label)
        self._layout.addWidget(self.error_label)
        self._layout.addWidget(self._build_buttons())
        self.key_edit.setFocus()

    def _intro_html(self) -> str:
        return self.tr(
            "<p>LiveChat Desktop reads the chat through the YouTube Data API v3, "
            "which needs an API key. To create one:</p>"
            "<ol>"
            '<li>Open the <a href="https://console.cloud.google.com/">Google Cloud '
            "console</a> and create a project.</li>"
            "<li>Open <b>APIs &amp; Services &gt; Library</b>, find "
            "<b>YouTube Data API v3</b> and click <b>Enable</b>.</li>"
            "<li>Open <b>APIs &amp; Services &gt; Credentials</b>, click "
            "<b>Create credentials &gt; API key</b> and copy the key.</li>"
            "</ol>"
            "<p>The default quota is 10,000 units a day, and each chat request "
            "costs 5 units. At one request every 5 seconds, that lasts about "
            "2.8 hours a day.</p>"
            "<p><b>Save key</b> keeps the key in the system keyring, so the app "
            "does not ask again.</p>"
        )

    def _message_label(self, style: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        # Plain text, because keyring errors contain the backend's own message.
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet(style)
        label.hide()
        return label

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(self)
        role = QDialogButtonBox.ButtonRole
        self.save_button = buttons.addButton(self.tr("Save key"), role.AcceptRole)
        self.session_button = buttons.addButton(
            self.tr("Use for this session only"), role.ActionRole
        )
        self.demo_button = buttons.addButton(self.tr("Try the demo"), role.ActionRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setDefault(True)
        self.session_button.setAutoDefault(False)
        self.demo_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.session_button.clicked.connect(self._on_session_button_clicked)
        self.demo_button.clicked.connect(self._on_demo_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        return buttons

    def _on_show_key_button_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.key_edit.setEchoMode(mode)
        self.show_key_button.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _on_key_edit_text_changed(self, text: str) -> None:
        self._set_message(self.error_label, "")
        # An unusual shape gets a warning as soon as it is typed or pasted,
        # because it does not stop saving and the dialog closes on success.
        problem = find_key_problem(text)
        if problem is KeyProblem.UNUSUAL_SHAPE:
            self._set_message(self.warning_label, self._problem_text(problem))
        else:
            self._set_message(self.warning_label, "")

    def _on_save_button_clicked(self) -> None:
        key = self._valid_key()
        if key is None:
            return
        try:
            # NOTE: runs on the GUI thread, so the dialog does not repaint while
            # a keyring backend waits, for example for its own unlock prompt.
            self._store.save(key)
        except CredentialStoreError as error:
            self._set_message(self.error_label, self._store_error_text(error))
            self.key_edit.setFocus()
            return
        self._finish(KeyDialogResult.SAVED, key)

    def _on_session_button_clicked(self) -> None:
        key = self._valid_key()
        if key is not None:
            self._finish(KeyDialogResult.SESSION_ONLY, key)

    def _on_demo_button_clicked(self) -> None:
        self._finish(KeyDialogResult.DEMO, None)

    def _valid_key(self) -> str | None:
        """Return the typed key, or None after showing why it cannot be a key."""
        problem = find_key_problem(self.key_edit.text())
        if problem is not None and problem.is_error:
            self._set_message(self.error_label, self._problem_text(problem))
            self.key_edit.setFocus()
            return None
        return self.key_edit.text().strip()

    def _finish(self, outcome: KeyDialogResult, key: str | None) -> None:
        self._outcome = outcome
        self._api_key = key
        logger.info("API key dialog closed: %s", outcome.value)
        self.accept()

    def _set_message(self, label: QLabel, text: str) -> None:
        label.setText(text)
        if label.isHidden() == bool(text):
            label.setVisible(bool(text))
            self._fit_height()

    def _fit_height(self) -> None:
        """Resize to the height the layout needs at the current width.

        Without this the dialog keeps its height when a message appears, and
        the layout squeezes the intro text until it is cut off.
        """
        self._layout.activate()
        height = self._layout.totalHeightForWidth(self.width())
        if height < 0:
            height = self._layout.totalSizeHint().height()
        self.resize(self.width(), height)

    def _problem_text(self, problem: KeyProblem) -> str:
        match problem:
            case KeyProblem.EMPTY:
                return self.tr("Enter an API key, or click Try the demo.")
            case KeyProblem.CONTAINS_WHITESPACE:
                return self.tr(
                    "The key contains a space or line break. Copy only the key itself."
                )
            case KeyProblem.TOO_SHORT:
                return self.tr(
                    "The key is too short. API keys have at least {count} "
                    "characters, so copy the whole key."
                ).format(count=MIN_API_KEY_LENGTH)
            case KeyProblem.UNUSUAL_SHAPE:
                return self.tr(
                    "YouTube Data API keys are usually 39 characters long and start "
                    'with "AIza". Check that you copied the whole key. You can '
                    "still save it."
                )

    def _store_error_text(self, error: CredentialStoreError) -> str:
        match error.failure:
            case StoreFailure.NO_KEYRING:
                return self.tr(
                    "No system keyring is available, so the key was not saved. "
                    "Install and unlock GNOME Keyring or KWallet and try again, "
                    'or click "Use for this session only".'
                )
            case StoreFailure.LOCKED:
                return self.tr(
                    "The system keyring is locked, so the key was not saved. "
                    'Unlock it and try again, or click "Use for this session only".'
                )
            case StoreFailure.FAILED:
                return self.tr(
                    "The system keyring failed, so the key was not saved "
                    '({detail}). Try again, or click "Use for this session only".'
                ).format(detail=error.detail)
