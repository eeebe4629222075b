"""The PyInstaller spec, run with stand-ins for PyInstaller's build classes.

These checks build nothing and take a few seconds. `.ci/run` builds the
real bundle and starts it.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest

from livechat_desktop.cli import DEMO_RECORDING
from livechat_desktop.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "build.spec"
PACKAGE_DIR = ROOT / "livechat_desktop"
PYSIDE6_SPEC = importlib.util.find_spec("PySide6")
QT_DIR = Path(PYSIDE6_SPEC.origin or "").parent / "Qt" if PYSIDE6_SPEC else ROOT

TocEntry = tuple[str, str, str]


@dataclass
class _Target:
    """Stand-in for a PyInstaller build step: keeps its arguments."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]


@dataclass
class _Analysis(_Target):
    pure: list[TocEntry] = field(default_factory=list)
    scripts: list[TocEntry] = field(default_factory=list)
    binaries: list[TocEntry] = field(default_factory=list)
    datas: list[TocEntry] = field(default_factory=list)


def _run_spec(monkeypatch: pytest.MonkeyPatch, platform: str) -> dict[str, Any]:
    """Execute build.spec as if on `platform` and return its namespace."""
    monkeypatch.setattr(sys, "platform", platform)
    steps: dict[str, list[_Target]] = {}

    def recorder(name: str, cls: type[_Target]) -> Callable[..., _Target]:
        def make(*args: Any, **kwargs: Any) -> _Target:
            step = cls(args, kwargs)
            steps.setdefault(name, []).append(step)
            return step

        return make

    namespace: dict[str, Any] = {
        "SPECPATH": str(ROOT),
        "Analysis": recorder("Analysis", _Analysis),
        **{
            name: recorder(name, _Target)
            for name in ("PYZ", "EXE", "COLLECT", "BUNDLE")
        },
    }
    code = compile(SPEC_PATH.read_text(encoding="utf-8"), str(SPEC_PATH), "exec")
    exec(code, namespace)
    namespace["steps"] = steps
    return namespace


def _exe_kwargs(namespace: dict[str, Any]) -> dict[str, Any]:
    steps = cast(dict[str, list[_Target]], namespace["steps"])
    return steps["EXE"][0].kwargs


def _imported_pyside6_modules() -> set[str]:
    names: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("PySide6.")}


def test_spec_bundles_every_resource_file(monkeypatch: pytest.MonkeyPatch) -> None:
    namespace = _run_spec(monkeypatch, "linux")
    datas = namespace["resource_datas"]()
    expected = [
        path
        for path in sorted((ROOT / "resources").rglob("*"))
        if path.is_file() and path.suffix not in {".ico", ".icns"}
    ]

    bundled = {Path(source) for source, _target in datas}

    assert expected
    for path in expected:
        assert path in bundled, f"{path} is not in the bundle"


def test_spec_leaves_out_platform_icons(monkeypatch: pytest.MonkeyPatch) -> None:
    namespace = _run_spec(monkeypatch, "linux")

    names = {Path(source).name for source, _target in namespace["resource_datas"]()}

    assert "icon.ico" not in names
    assert "icon.icns" not in names


@pytest.mark.parametrize(
    "parts",
    [("icon.svg",), ("placeholder_avatar.svg",), DEMO_RECORDING],
    ids="/".join,
)
def test_bundled_resource_found_by_resource_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parts: tuple[str, ...]
) -> None:
    namespace = _run_spec(monkeypatch, "linux")
    bundled = {
        tmp_path / target / Path(source).name
        for source, target in namespace["resource_datas"]()
    }
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    path = resource_path(*parts)

    assert path in bundled


def test_spec_excludes_no_module_the_app_imports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    namespace = _run_spec(monkeypatch, "linux")
    excluded = set(namespace["EXCLUDED_MODULES"])

    imported = _imported_pyside6_modules()

    assert "PySide6.QtWidgets" in imported
    assert not imported & excluded


@pytest.mark.parametrize(
    ("platform", "console"),
    [("linux", True), ("win32", False), ("darwin", False)],
)
def test_spec_console_window_per_platform(
    monkeypatch: pytest.MonkeyPatch, platform: str, console: bool
) -> None:
    namespace = _run_spec(monkeypatch, platform)

    assert _exe_kwargs(namespace)["console"] is console


@pytest.mark.parametrize(
    ("platform", "icon_name"),
    [("linux", None), ("win32", "icon.ico"), ("darwin", "icon.icns")],
)
def test_spec_embeds_icon_per_platform(
    monkeypatch: pytest.MonkeyPatch, platform: str, icon_name: str | None
) -> None:
    namespace = _run_spec(monkeypatch, platform)

    icon = _exe_kwargs(namespace)["icon"]

    assert (Path(icon).name if icon else None) == icon_name


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_makes_app_bundle_only_on_macos(
    monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    namespace = _run_spec(monkeypatch, platform)

    bundles = namespace["steps"].get("BUNDLE", [])

    assert len(bundles) == (1 if platform == "darwin" else 0)


@pytest.mark.parametrize(
    ("dest_name", "unused"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqwebp.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/plugins/tls/qschannelbackend.dll", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", True),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", True),
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/translations/qtbase_de.qm", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", False),
        ("resources/icon.svg", False),
        ("libssl.so.3", False),
    ],
)
def test_unused_qt_file_detection(
    monkeypatch: pytest.MonkeyPatch, dest_name: str, unused: bool
) -> None:
    namespace = _run_spec(monkeypatch, "linux")

    assert namespace["is_unused_qt_file"](dest_name) is unused


@pytest.mark.skipif(sys.platform != "linux", reason="uses the Linux PySide6 layout")
def test_dropped_plugins_take_their_libraries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("PyInstaller", reason="needs PyInstaller's ldd wrapper")
    if not (QT_DIR / "plugins" / "platforms" / "libqwayland.so").is_file():
        pytest.skip(f"no PySide6 wheel with the Wayland plugin under {QT_DIR}")
    namespace = _run_spec(monkeypatch, "linux")
    files = [
        "plugins/platforms/libqwayland.so",
        "plugins/platforms/libqxcb.so",
        "lib/libQt6WaylandClient.so.6",
        "lib/libQt6XcbQpa.so.6",
        "lib/libQt6Gui.so.6",
    ]
    binaries = [(f"PySide6/Qt/{name}", str(QT_DIR / name), "BINARY") for name in files]
    datas = [
        (
            "libQt6WaylandClient.so.6",
            "PySide6/Qt/lib/libQt6WaylandClient.so.6",
            "SYMLINK",
        ),
        ("libQt6XcbQpa.so.6", "PySide6/Qt/lib/libQt6XcbQpa.so.6", "SYMLINK"),
    ]

    kept_binaries, kept_datas = namespace["drop_unused_qt_files"](binaries, datas)

    kept_names = {Path(dest).name for dest, _source, _kind in kept_binaries}
    assert "libqwayland.so" not in kept_names
    assert "libQt6WaylandClient.so.6" not in kept_names
    assert "libqxcb.so" in kept_names
    assert "libQt6XcbQpa.so.6" in kept_names
    assert "libQt6Gui.so.6" in kept_names
    assert [dest for dest, _target, _kind in kept_datas] == ["libQt6XcbQpa.so.6"]
