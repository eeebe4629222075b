"""`python -m livechat_desktop` runs the same command line as `livechat-desktop`."""

import sys

from livechat_desktop.cli import main

sys.exit(main())
