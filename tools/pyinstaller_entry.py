"""Start the command line: PyInstaller freezes this file as the bundle's executable.

PyInstaller adds the folder of the entry script to its module search path. A
script outside the package keeps `livechat_desktop/` off that path, so no
module of the package is also found under a top-level name.
"""

import sys

from livechat_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
