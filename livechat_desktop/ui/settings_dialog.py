"""The settings dialog; every change applies to the window at once."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from livechat_desktop.ui.settings import (
    MAX_FONT_PT,
    MAX_KEPT_MESSAGES,
    MIN_FONT_PT,
    MIN_KEPT_MESSAGES,
    Appearance,
    BackgroundMode,
    Density,
    Settings,
    TextEffect,
)

logger = logging.getLogger(__name__)

# Filter rules edited as one entry per line, by the rule's field name.
LIST_FILTERS = (
    "hidden_words",
    "hidden_patterns",
    "blocked_names",
    "blocked_channel_ids",
    "highlight_words",
)


class _ColorButton(QPushButton):
    """A button that shows a colour and opens a colour picker when clicked.

    Signals:
        color_changed(str): The new colour as `#rrggbb`.
    """

    color_changed = Signal(str)

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clicked.connect(self._on_clicked)
        self.set_color(color)

    @property
    def color(self) -> str:
        return self._color

    def set_color(self, color: str) -> None:
        self._color = QColor(color).name()
        self.setText(self._color)
        text = "#ffffff" if QColor(color).lightness() < 128 else "#000000"
        self.setStyleSheet(f"background: {self._color}; color: {text};")

    def _on_clicked(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self)
        if chosen.isValid():
            self.set_color(chosen.name())
            self.color_changed.emit(self._color)


class SettingsDialog(QDialog):
    """Edits a `Settings` value.

    Signals:
        settings_changed(Settings): Any field changed; carries the new value.
    """

    settings_changed = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("LiveChat Desktop settings"))
        self._settings = settings
        tabs = QTabWidget(self)
        tabs.addTab(self._appearance_tab(settings.appearance), self.tr("Appearance"))
        tabs.addTab(self._behaviour_tab(settings), self.tr("Behaviour"))
        tabs.addTab(self._filters_tab(settings.filter_values), self.tr("Filters"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def current(self) -> Settings:
        """Return the settings as the dialog shows them now."""
        appearance = Appearance(
            background=BackgroundMode(self.background_combo.currentData()),
            opacity=self.opacity_slider.value() / 100,
            solid_color=self.solid_color_button.color,
            chroma_color=self.chroma_color_button.color,
            text_effect=TextEffect(self.effect_combo.currentData()),
            font_family=self.font_combo.currentFont().family(),
            font_size_pt=self.font_size_spin.value(),
            density=Density(self.density_combo.currentData()),
            show_avatars=self.avatars_check.isChecked(),
            show_badges=self.badges_check.isChecked(),
            show_timestamps=self.timestamps_check.isChecked(),
            fade_after_s=self.fade_spin.value(),
            max_messages=self.max_messages_spin.value(),
        )
        return dataclasses.replace(
            self._settings,
            appearance=appearance,
            click_through=self.click_through_check.isChecked(),
            locked=self.locked_check.isChecked(),
            language=self.language_combo.currentData(),
            min_interval_s=self.min_interval_spin.value(),
            filter_values=self._filter_values(),
        )

    def _emit(self, *_args: object) -> None:
        self._settings = self.current()
        self.settings_changed.emit(self._settings)

    def _combo(self, items: list[tuple[str, str]], current: str) -> QComboBox:
        combo = QComboBox(self)
        for value, label in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def _check(self, label: str, checked: bool) -> QCheckBox:
        box = QCheckBox(label, self)
        box.setChecked(checked)
        box.toggled.connect(self._emit)
        return box

    def _appearance_tab(self, appearance: Appearance) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        self.background_combo = self._combo(
            [
                (BackgroundMode.TRANSLUCENT.value, self.tr("Translucent")),
                (BackgroundMode.SOLID.value, self.tr("Solid colour")),
                (BackgroundMode.CHROMA_KEY.value, self.tr("Chroma key (for OBS)")),
            ],
            appearance.background.value,
        )
        form.addRow(self.tr("Background"), self.background_combo)

        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, tab)
        self.opacity_slider.setRange(10, 100)
        self.opacity_slider.setValue(round(appearance.opacity * 100))
        self.opacity_slider.valueChanged.connect(self._emit)
        form.addRow(self.tr("Opacity"), self.opacity_slider)
        self.solid_color_button = _ColorButton(appearance.solid_color, tab)
        self.solid_color_button.color_changed.connect(self._emit)
        form.addRow(self.tr("Background colour"), self.solid_color_button)
        self.chroma_color_button = _ColorButton(appearance.chroma_color, tab)
        self.chroma_color_button.color_changed.connect(self._emit)
        form.addRow(self.tr("Chroma key colour"), self.chroma_color_button)

        self.effect_combo = self._combo(
            [
                (TextEffect.NONE.value, self.tr("None")),
                (TextEffect.OUTLINE.value, self.tr("Outline")),
                (TextEffect.SHADOW.value, self.tr("Shadow")),
            ],
            appearance.text_effect.value,
        )
        form.addRow(self.tr("Text effect"), self.effect_combo)

        self.font_combo = QFontComboBox(tab)
        if appearance.font_family:
            self.font_combo.setCurrentFont(QFont(appearance.font_family))
        self.font_combo.currentFontChanged.connect(self._emit)
        form.addRow(self.tr("Font"), self.font_combo)
        self.font_size_spin = QSpinBox(tab)
        self.font_size_spin.setRange(MIN_FONT_PT, MAX_FONT_PT)
        self.font_size_spin.setSuffix(" pt")
        self.font_size_spin.setValue(appearance.font_size_pt)
        self.font_size_spin.valueChanged.connect(self._emit)
        form.addRow(self.tr("Font size"), self.font_size_spin)

        self.density_combo = self._combo(
            [
                (Density.COMFORTABLE.value, self.tr("Comfortable")),
                (Density.COMPACT.value, self.tr("Compact")),
            ],
            appearance.density.value,
        )
        form.addRow(self.tr("Density"), self.density_combo)

        self.avatars_check = self._check(self.tr("Avatars"), appearance.show_avatars)
        self.badges_check = self._check(self.tr("Badges"), appearance.show_badges)
        self.timestamps_check = self._check(
            self.tr("Timestamps"), appearance.show_timestamps
        )
        form.addRow(self.tr("Show"), self.avatars_check)
        form.addRow("", self.badges_check)
        form.addRow("", self.timestamps_check)

        self.fade_spin = QSpinBox(tab)
        self.fade_spin.setRange(0, 3600)
        self.fade_spin.setSuffix(" s")
        self.fade_spin.setSpecialValueText(self.tr("Never"))
        self.fade_spin.setValue(appearance.fade_after_s)
        self.fade_spin.valueChanged.connect(self._emit)
        form.addRow(self.tr("Fade messages after"), self.fade_spin)

        self.max_messages_spin = QSpinBox(tab)
        self.max_messages_spin.setRange(MIN_KEPT_MESSAGES, MAX_KEPT_MESSAGES)
        self.max_messages_spin.setValue(appearance.max_messages)
        self.max_messages_spin.valueChanged.connect(self._emit)
        form.addRow(self.tr("Messages kept"), self.max_messages_spin)
        return tab

    def _behaviour_tab(self, settings: Settings) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        self.click_through_check = self._check(
            self.tr("Click-through (mouse input goes to the window below)"),
            settings.click_through,
        )
        form.addRow(self.click_through_check)
        self.locked_check = self._check(
            self.tr("Lock position and size"), settings.locked
        )
        form.addRow(self.locked_check)

        self.language_combo = self._combo(
            [
                ("", self.tr("System language")),
                ("en", "English"),
                ("ja", "日本語"),
            ],
            settings.language,
        )
        form.addRow(self.tr("Language (after a restart)"), self.language_combo)

        self.min_interval_spin = QDoubleSpinBox(tab)
        self.min_interval_spin.setRange(0, 120)
        self.min_interval_spin.setDecimals(0)
        self.min_interval_spin.setSuffix(" s")
        self.min_interval_spin.setSpecialValueText(self.tr("Off"))
        self.min_interval_spin.setValue(settings.min_interval_s)
        self.min_interval_spin.valueChanged.connect(self._emit)
        form.addRow(self.tr("Quota saver: poll at most every"), self.min_interval_spin)

        hint = QLabel(
            self.tr(
                "Each chat request costs 5 of the 10,000 daily quota units. At 10 s "
                "a day's quota lasts about 5.5 hours. Applies on the next connect."
            ),
            tab,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        return tab

    def _filters_tab(self, values: dict[str, Any]) -> QWidget:
        tab = QWidget(self)
        form = QFormLayout(tab)
        labels = {
            "hidden_words": self.tr("Hide messages with these words"),
            "hidden_patterns": self.tr("Hide messages matching (regular expressions)"),
            "blocked_names": self.tr("Blocked users (display names)"),
            "blocked_channel_ids": self.tr("Blocked users (channel ids)"),
            "highlight_words": self.tr("Highlight these words"),
        }
        self.filter_edits: dict[str, QPlainTextEdit] = {}
        for name in LIST_FILTERS:
            edit = QPlainTextEdit(tab)
            edit.setPlaceholderText(self.tr("One per line"))
            edit.setPlainText("\n".join(_as_list(values.get(name))))
            edit.setFixedHeight(60)
            edit.textChanged.connect(self._emit)
            self.filter_edits[name] = edit
            form.addRow(labels[name], edit)

        self.streamer_edit = QLineEdit(str(values.get("streamer_name") or ""), tab)
        self.streamer_edit.setPlaceholderText(self.tr("Your channel name"))
        self.streamer_edit.textChanged.connect(self._emit)
        form.addRow(self.tr("Highlight mentions of"), self.streamer_edit)

        self.commands_check = self._check(
            self.tr("Hide !commands"), _as_bool(values.get("hide_commands"))
        )
        form.addRow(self.commands_check)
        self.paid_only_check = self._check(
            self.tr("Show only Super Chats and memberships"),
            _as_bool(values.get("paid_and_members_only")),
        )
        form.addRow(self.paid_only_check)

        self.filter_errors_label = QLabel(tab)
        self.filter_errors_label.setStyleSheet("color: #d93025;")
        self.filter_errors_label.setWordWrap(True)
        form.addRow(self.filter_errors_label)
        return tab

    def show_filter_errors(self, errors: list[str]) -> None:
        self.filter_errors_label.setText("\n".join(errors))

    def _filter_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: tuple(
                line.strip() for line in edit.toPlainText().splitlines() if line.strip()
            )
            for name, edit in self.filter_edits.items()
        }
        values["streamer_name"] = self.streamer_edit.text().strip()
        values["hide_commands"] = self.commands_check.isChecked()
        values["paid_and_members_only"] = self.paid_only_check.isChecked()
        return values


def _as_list(value: object) -> list[str]:
    """Return a stored list setting; QSettings gives a str for one item."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return []


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"true", "1", "yes"}
    return bool(value)
