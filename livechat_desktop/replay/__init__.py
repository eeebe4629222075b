"""Record the API's responses and replay them from a local HTTP server.

`Recorder` writes each response body that `YouTubeClient` receives to a JSON
Lines file, `load_recording` reads such a file back, and `ReplayServer`
serves it in the API's wire format with generated avatars, for `--replay`,
the demo mode and tests. Nothing in this package imports Qt.
"""

from livechat_desktop.replay.recording import (
    RecordedPage,
    Recorder,
    RecordingError,
    load_recording,
)
from livechat_desktop.replay.server import ReplayServer

__all__ = [
    "RecordedPage",
    "Recorder",
    "RecordingError",
    "ReplayServer",
    "load_recording",
]
