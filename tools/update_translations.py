"""Update the translation sources from the code, then compile them.

Run from the repository root:

    .venv/bin/python tools/update_translations.py

For each language it runs `pyside6-lupdate` over `livechat_desktop/ui/*.py`,
which adds new source strings to
`resources/translations/livechat_desktop_<code>.ts` as unfinished and drops
the ones the code no longer has. Then `pyside6-lrelease` compiles the `.ts`
into the `.qm` that the app loads, leaving unfinished messages out, so the
app shows their English source text. Translate the unfinished messages, in
Qt Linguist (`pyside6-linguist`) or a text editor, and run the tool again.
It exits with status 1 while any message is unfinished or has placeholders
(%1, {count}) that differ from its source text.

lupdate finds only literal strings passed to `self.tr`,
`QCoreApplication.translate` or `QT_TRANSLATE_NOOP`, not strings passed
through a helper function or a variable.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "livechat_desktop" / "ui"
TRANSLATIONS_DIR = ROOT / "resources" / "translations"
CATALOG = "livechat_desktop"
SOURCE_LANGUAGE = "en"
# Every language but English, which is the source language and needs no file.
LANGUAGES = ("ja",)
# Qt's place markers (%1) and the str.format fields ({count}) some sources use.
_PLACEHOLDER = re.compile(r"%[1-9]|\{[a-z_]+\}")


def qt_tool(name: str) -> Path:
    """Return the path of a PySide6 tool such as "pyside6-lupdate".

    Looks beside the running Python first, so a virtual environment's tools
    are found without activating it, then on PATH.
    """
    beside_python = shutil.which(name, path=str(Path(sys.executable).parent))
    found = beside_python or shutil.which(name)
    if found is None:
        raise FileNotFoundError(
            f"{name} not found beside {sys.executable} or on PATH; "
            "install PySide6 into this environment"
        )
    return Path(found)


def source_files() -> list[Path]:
    """Return the Python files whose strings are translated."""
    return sorted(UI_DIR.glob("*.py"))


def ts_path(language: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"{CATALOG}_{language}.ts"


def qm_path(language: str, directory: Path = TRANSLATIONS_DIR) -> Path:
    return directory / f"{CATALOG}_{language}.qm"


def run_lupdate(ts_file: Path, language: str, sources: Sequence[Path]) -> None:
    """Merge the strings of `sources` into `ts_file`, creating it if needed.

    Source locations are left out, so the file changes only when strings do.
    """
    command = [
        str(qt_tool("pyside6-lupdate")),
        *(str(path) for path in sources),
        "-source-language",
        SOURCE_LANGUAGE,
        "-target-language",
        language,
        "-locations",
        "none",
        "-no-obsolete",
        "-silent",
        "-ts",
        str(ts_file),
    ]
    subprocess.run(command, check=True)


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    """Compile `ts_file` into `qm_file`, without unfinished messages."""
    command = [
        str(qt_tool("pyside6-lrelease")),
        "-nounfinished",
        "-silent",
        str(ts_file),
        "-qm",
        str(qm_file),
    ]
    subprocess.run(command, check=True)


def read_messages(ts_file: Path) -> list[tuple[str, str, str | None]]:
    """Return (context, source, translation) for each message of `ts_file`.

    The translation is None unless it is finished and not empty.
    """
    messages = []
    root = ElementTree.parse(ts_file).getroot()
    for context in root.iter("context"):
        context_name = context.findtext("name", default="")
        for message in context.iter("message"):
            source = message.findtext("source", default="")
            element = message.find("translation")
            translation = None
            if element is not None and element.get("type") is None and element.text:
                translation = element.text
            messages.append((context_name, source, translation))
    return messages


def unfinished_messages(ts_file: Path) -> list[tuple[str, str]]:
    """Return (context, source) of each message without a finished translation."""
    return [
        (context, source)
        for context, source, translation in read_messages(ts_file)
        if translation is None
    ]


def placeholder_mismatches(ts_file: Path) -> list[tuple[str, str]]:
    """Return (context, source) of each translation whose placeholders differ.

    lrelease 6.11 compiles such a translation without a warning, and the
    app would then drop a value or show a bare %1.
    """
    return [
        (context, source)
        for context, source, translation in read_messages(ts_file)
        if translation is not None
        and sorted(_PLACEHOLDER.findall(source))
        != sorted(_PLACEHOLDER.findall(translation))
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    status = 0
    sources = source_files()
    for language in LANGUAGES:
        ts_file = ts_path(language)
        run_lupdate(ts_file, language, sources)
        run_lrelease(ts_file, qm_path(language))
        unfinished = unfinished_messages(ts_file)
        for context, source in unfinished:
            print(f"{ts_file.name}: unfinished in {context}: {source!r}")
        mismatched = placeholder_mismatches(ts_file)
        for context, source in mismatched:
            print(f"{ts_file.name}: placeholders differ in {context}: {source!r}")
        if unfinished or mismatched:
            status = 1
        print(
            f"{ts_file.name}: {len(unfinished)} unfinished; wrote "
            f"{qm_path(language).relative_to(ROOT)}"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
