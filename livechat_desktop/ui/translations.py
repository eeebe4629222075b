"""Install the app's and Qt's translations for the language the user chose.

English is the source language of every string, so it needs no translation
file. Each other language has `livechat_desktop_<code>.qm` under
`resources/translations/`, compiled from the `.ts` beside it by
`tools/update_translations.py`. Qt's own dialog texts come from
`qtbase_<code>.qm` in Qt's translations folder, which a PyInstaller bundle
may leave out.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from livechat_desktop.resources import resource_path

logger = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
SUPPORTED_LANGUAGES = (SOURCE_LANGUAGE, "ja")
APP_CATALOG = "livechat_desktop"
QT_CATALOG = "qtbase"
# Marks the translators this module installs, so they can be found and removed.
_TRANSLATOR_NAME = "livechat_desktop_translator"
_PLACEHOLDER = re.compile(r"%([1-9])")


def translations_dir() -> Path:
    """Return the folder of the app's `.ts` and `.qm` files."""
    return resource_path("translations")


def resolve_language(language: str, locale: QLocale | None = None) -> str:
    """Return the supported language code to use for a language setting.

    Args:
        language: "" to follow `locale`, else a code such as "ja" or "ja_JP".
        locale: The locale whose UI languages "" follows, in order of
            preference; the system locale when None.

    An unsupported code, or a locale with no supported UI language, gives
    English.
    """
    code = _base_code(language)
    if not code:
        system = locale if locale is not None else QLocale.system()
        for tag in system.uiLanguages():
            candidate = _base_code(tag)
            if candidate in SUPPORTED_LANGUAGES:
                return candidate
        return SOURCE_LANGUAGE
    if code in SUPPORTED_LANGUAGES:
        return code
    logger.warning("No translation for language %r; using English", language)
    return SOURCE_LANGUAGE


def install_translations(
    app: QCoreApplication, language: str, locale: QLocale | None = None
) -> str:
    """Install the translators for `language` and return the language in use.

    Replaces the translators an earlier call installed. Call it before any
    widget is built, because widgets translate their texts when built. See
    `resolve_language` for `language` and `locale`. A missing app translation
    falls back to English with a warning. A missing Qt translation leaves
    Qt's own dialogs in English.
    """
    remove_translations(app)
    chosen = resolve_language(language, locale)
    if chosen == SOURCE_LANGUAGE:
        logger.info("User interface language: %s", chosen)
        return chosen

    app_dir = translations_dir()
    if not _install(app, f"{APP_CATALOG}_{chosen}", app_dir):
        logger.warning(
            "Translation %s_%s.qm not found in %s; using English",
            APP_CATALOG,
            chosen,
            app_dir,
        )
        return SOURCE_LANGUAGE
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not _install(app, f"{QT_CATALOG}_{chosen}", Path(qt_dir)):
        logger.info(
            "Qt translation %s_%s.qm not found in %r; Qt's dialogs stay in English",
            QT_CATALOG,
            chosen,
            qt_dir,
        )
    logger.info("User interface language: %s", chosen)
    return chosen


def remove_translations(app: QCoreApplication) -> None:
    """Remove and delete every translator that `install_translations` installed."""
    for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(translator)
        # Without a parent, the translator is deleted with its Python wrapper.
        translator.setParent(None)


def ui_language() -> str:
    """Return the language of the installed app translation, or English."""
    app = QCoreApplication.instance()
    if app is None:
        return SOURCE_LANGUAGE
    for translator in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        code = _base_code(translator.language())
        if code:
            return code
    return SOURCE_LANGUAGE


def fill_placeholders(template: str, *values: object) -> str:
    """Replace %1 to %9 in a translated `template` with `values`, in one pass.

    Python strings have no `QString.arg`. A value that itself contains "%2"
    stays as it is, because the replacement is never scanned again.
    """

    def value_for(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(values[index]) if index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(value_for, template)


def _install(app: QCoreApplication, catalog: str, directory: Path) -> bool:
    translator = QTranslator()
    if not translator.load(catalog, str(directory)):
        return False
    translator.setObjectName(_TRANSLATOR_NAME)
    translator.setParent(app)
    app.installTranslator(translator)
    logger.debug("Installed translation %s from %s", catalog, directory)
    return True


def _base_code(tag: str) -> str:
    """Return the lower-case language part of "ja", "ja_JP" or "ja-Jpan-JP"."""
    return re.split(r"[_\-.]", tag.strip(), maxsplit=1)[0].lower()
