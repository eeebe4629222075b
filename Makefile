# Build the app bundle with PyInstaller: `make package` writes
# dist/livechat-desktop/ (and "dist/LiveChat Desktop.app" on macOS).
# The paths are those of a Linux or macOS venv; see the README for Windows.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Written after `pip install` so that the install reruns only when
# pyproject.toml changes.
PACKAGE_DEPS := $(VENV)/.package-deps-installed

.PHONY: package icons clean-package

package: $(PACKAGE_DEPS)
	$(BIN)/pyinstaller --noconfirm --clean build.spec
	@du -sh dist/livechat-desktop

$(PACKAGE_DEPS): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[package]'
	touch $@

# Regenerate resources/icon.ico and resources/icon.icns from icon.svg.
icons: $(PACKAGE_DEPS)
	$(BIN)/python tools/make_icons.py

clean-package:
	rm -rf build/build dist/livechat-desktop "dist/LiveChat Desktop.app"
