"""User settings: what the overlay looks like and how it behaves, kept in QSettings."""

from __future__ import annotations

import dataclasses
import enum
import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

logger = logging.getLogger(__name__)

MIN_OPACITY = 0.1
MIN_FONT_PT = 6
MAX_FONT_PT = 40
MIN_KEPT_MESSAGES = 50
MAX_KEPT_MESSAGES = 50_000


class BackgroundMode(enum.Enum):
    TRANSLUCENT = "translucent"
    SOLID = "solid"
    # A flat colour that OBS's Color Key filter removes, for window capture
    # methods that drop the alpha channel.
    CHROMA_KEY = "chroma_key"


class TextEffect(enum.Enum):
    NONE = "none"
    OUTLINE = "outline"
    SHADOW = "shadow"


class Density(enum.Enum):
    COMPACT = "compact"
    COMFORTABLE = "comfortable"


@dataclass(frozen=True, slots=True)
class Appearance:
    """The overlay's look.

    Attributes:
        opacity: Background opacity in translucent mode, 0.1 to 1.
        fade_after_s: Messages fade out this long after arriving; 0 never.
        max_messages: Rows kept before the oldest are dropped.
    """

    background: BackgroundMode = BackgroundMode.TRANSLUCENT
    opacity: float = 0.85
    solid_color: str = "#18181c"
    chroma_color: str = "#00ff00"
    text_effect: TextEffect = TextEffect.NONE
    font_family: str = ""
    font_size_pt: int = 10
    density: Density = Density.COMFORTABLE
    show_avatars: bool = True
    show_badges: bool = True
    show_timestamps: bool = False
    fade_after_s: int = 0
    max_messages: int = 5000

    def clamped(self) -> Appearance:
        """Return a copy with every number inside its allowed range."""
        return dataclasses.replace(
            self,
            opacity=min(1.0, max(MIN_OPACITY, self.opacity)),
            font_size_pt=min(MAX_FONT_PT, max(MIN_FONT_PT, self.font_size_pt)),
            fade_after_s=max(0, self.fade_after_s),
            max_messages=min(
                MAX_KEPT_MESSAGES, max(MIN_KEPT_MESSAGES, self.max_messages)
            ),
        )


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can change; saved as they change it.

    Attributes:
        language: "" for the system language, else a code such as "ja".
        min_interval_s: The quota saver's floor between chat requests; 0 off.
        filter_values: The chat filter rules as plain values, keyed by the
            rule's field name.
    """

    appearance: Appearance = field(default_factory=Appearance)
    click_through: bool = False
    locked: bool = False
    language: str = ""
    min_interval_s: float = 0.0
    filter_values: dict[str, Any] = field(default_factory=dict)


_APPEARANCE_GROUP = "appearance"
_FILTER_GROUP = "filters"
_GEOMETRY_KEY = "window/geometry"


class SettingsStore:
    """Reads and writes `Settings` through a `QSettings`.

    A value that is missing or cannot be read falls back to its default, so
    a damaged settings file never stops the app.
    """

    def __init__(self, qsettings: QSettings) -> None:
        self._qsettings = qsettings

    @property
    def file_name(self) -> str:
        return self._qsettings.fileName()

    def load(self) -> Settings:
        defaults = Settings()
        appearance = self._load_appearance()
        return Settings(
            appearance=appearance,
            click_through=self._value(
                "behaviour/click_through", defaults.click_through
            ),
            locked=self._value("behaviour/locked", defaults.locked),
            language=self._value("behaviour/language", defaults.language),
            min_interval_s=self._value(
                "connection/min_interval_s", defaults.min_interval_s
            ),
            filter_values=self._load_filters(),
        )

    def save(self, settings: Settings) -> None:
        appearance = settings.appearance
        for item in dataclasses.fields(appearance):
            value = getattr(appearance, item.name)
            if isinstance(value, enum.Enum):
                value = value.value
            self._qsettings.setValue(f"{_APPEARANCE_GROUP}/{item.name}", value)
        self._qsettings.setValue("behaviour/click_through", settings.click_through)
        self._qsettings.setValue("behaviour/locked", settings.locked)
        self._qsettings.setValue("behaviour/language", settings.language)
        self._qsettings.setValue("connection/min_interval_s", settings.min_interval_s)
        self._qsettings.remove(_FILTER_GROUP)
        for name, value in settings.filter_values.items():
            stored = list(value) if isinstance(value, tuple) else value
            self._qsettings.setValue(f"{_FILTER_GROUP}/{name}", stored)
        self._qsettings.sync()

    def load_geometry(self) -> QByteArray | None:
        value = self._qsettings.value(_GEOMETRY_KEY)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_geometry(self, geometry: QByteArray) -> None:
        self._qsettings.setValue(_GEOMETRY_KEY, geometry)
        self._qsettings.sync()

    def _load_appearance(self) -> Appearance:
        defaults = Appearance()
        values: dict[str, Any] = {}
        for item in dataclasses.fields(defaults):
            default = getattr(defaults, item.name)
            key = f"{_APPEARANCE_GROUP}/{item.name}"
            if isinstance(default, enum.Enum):
                values[item.name] = _enum_value(
                    type(default), self._qsettings.value(key), default
                )
            else:
                values[item.name] = self._value(key, default)
        return Appearance(**values).clamped()

    def _load_filters(self) -> dict[str, Any]:
        self._qsettings.beginGroup(_FILTER_GROUP)
        try:
            return {
                key: self._qsettings.value(key) for key in self._qsettings.childKeys()
            }
        finally:
            self._qsettings.endGroup()

    def _value(self, key: str, default: Any) -> Any:
        """Return the stored value converted to the default's type."""
        raw = self._qsettings.value(key)
        if raw is None:
            return default
        try:
            if isinstance(default, bool):
                # INI files store booleans as the strings "true" and "false".
                if isinstance(raw, str):
                    return raw.strip().lower() in {"true", "1", "yes"}
                return bool(raw)
            return type(default)(raw)
        except (TypeError, ValueError):
            logger.warning("Ignoring unreadable setting %s=%r", key, raw)
            return default


def _enum_value(kind: type[enum.Enum], raw: object, default: Any) -> Any:
    try:
        return kind(raw)
    except ValueError:
        if raw is not None:
            logger.warning("Ignoring unknown %s %r", kind.__name__, raw)
        return default
