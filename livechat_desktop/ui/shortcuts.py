"""The keyboard shortcuts and the dialog that lists them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True, slots=True)
class Shortcut:
    name: str
    keys: str
    description: str


def shortcuts() -> tuple[Shortcut, ...]:
    """Return every shortcut; the window registers them under these names."""
    return (
        Shortcut(
            "click_through",
            "Ctrl+Shift+X",
            QCoreApplication.translate("Shortcuts", "Toggle click-through"),
        ),
        Shortcut(
            "opacity_up",
            "Ctrl+Shift+Up",
            QCoreApplication.translate("Shortcuts", "Background more opaque"),
        ),
        Shortcut(
            "opacity_down",
            "Ctrl+Shift+Down",
            QCoreApplication.translate("Shortcuts", "Background more transparent"),
        ),
        Shortcut(
            "font_up", "Ctrl+=", QCoreApplication.translate("Shortcuts", "Larger text")
        ),
        Shortcut(
            "font_down",
            "Ctrl+-",
            QCoreApplication.translate("Shortcuts", "Smaller text"),
        ),
        Shortcut(
            "clear", "Ctrl+L", QCoreApplication.translate("Shortcuts", "Clear the chat")
        ),
        Shortcut(
            "pause",
            "Ctrl+P",
            QCoreApplication.translate("Shortcuts", "Pause or resume the chat"),
        ),
        Shortcut(
            "lock",
            "Ctrl+Shift+L",
            QCoreApplication.translate("Shortcuts", "Lock or unlock position and size"),
        ),
        Shortcut(
            "settings", "Ctrl+,", QCoreApplication.translate("Shortcuts", "Settings")
        ),
        Shortcut(
            "help", "F1", QCoreApplication.translate("Shortcuts", "Show the shortcuts")
        ),
        Shortcut("quit", "Ctrl+Q", QCoreApplication.translate("Shortcuts", "Quit")),
    )


class ShortcutHelpDialog(QDialog):
    """Lists the shortcuts, in the keyboard notation of the platform."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = "".join(
            f"<tr><td><b>{QKeySequence(item.keys).toString(QKeySequence.SequenceFormat.NativeText)}"
            f"</b>&nbsp;&nbsp;</td><td>{item.description}</td></tr>"
            for item in shortcuts()
        )
        table = QLabel(f"<table>{rows}</table>", self)
        note = QLabel(
            self.tr(
                "In click-through mode the window takes no input: use the tray "
                "icon's menu, or double-click the tray icon, to turn it off."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(note)
        layout.addWidget(buttons)
