"""Only `livechat_desktop.ui` may import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import livechat_desktop

PACKAGE_DIR = Path(livechat_desktop.__file__).resolve().parent
NON_UI_MODULES = sorted(
    path
    for path in PACKAGE_DIR.rglob("*.py")
    if "ui" not in path.relative_to(PACKAGE_DIR).parts
)


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_non_ui_modules_found() -> None:
    names = {_module_name(path) for path in NON_UI_MODULES}

    assert "livechat_desktop.youtube.poller" in names
    assert "livechat_desktop.youtube.client" in names


@pytest.mark.parametrize("path", NON_UI_MODULES, ids=_module_name)
def test_module_source_imports_no_qt(path: Path) -> None:
    imported = _imported_names(path)

    qt_imports = {
        name for name in imported if name.split(".")[0] in {"PySide6", "shiboken6"}
    }
    assert not qt_imports


def test_core_import_loads_no_qt() -> None:
    """Importing every non-UI module at run time pulls in no Qt module."""
    modules = [
        _module_name(path) for path in NON_UI_MODULES if path.name != "__main__.py"
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "qt = ('PySide6', 'shiboken')\n"
        "print(sorted(m for m in sys.modules if m.startswith(qt)))\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"
