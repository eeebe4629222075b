"""The YouTube Data API key's sources, and its storage in the OS keyring.

The key comes from `--api-key`, then the `YOUTUBE_API_KEY` environment
variable, then the system keyring (macOS Keychain, Windows Credential Manager,
or GNOME Keyring or KWallet on Linux) through the `keyring` package. Every
keyring failure becomes a `CredentialStoreError` whose message states what
failed and what to do. No message and no log line of this module contains
the key.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

logger = logging.getLogger(__name__)

API_KEY_ENV = "YOUTUBE_API_KEY"
KEYRING_SERVICE = "LiveChat Desktop"
KEYRING_USERNAME = "youtube-data-api-key"

# The observed format of Google API keys: "AIza" and 35 of [A-Za-z0-9_-], 39
# characters in all. Other shapes only get a warning, in case the format
# changes.
API_KEY_PATTERN = re.compile(r"AIza[0-9A-Za-z_-]{35}")
MIN_API_KEY_LENGTH = 30

KeyOrigin = Literal["command line", "environment", "keyring", "none"]


@dataclass(frozen=True, slots=True)
class KeySource:
    """The API key the app uses and where it was found.

    Attributes:
        key: The key, or None when no source has one.
        origin: The source that supplied the key.
    """

    key: str | None
    origin: KeyOrigin

    def __repr__(self) -> str:
        # The default repr would print the key into any log or traceback.
        masked_key = "None" if self.key is None else "'***'"
        return f"KeySource(key={masked_key}, origin={self.origin!r})"


class KeyStore(Protocol):
    """A place that keeps one API key between runs."""

    def load(self) -> str | None:
        """Return the stored key, or None when none is stored or it can't be read."""
        ...

    def save(self, key: str) -> None:
        """Store `key` in place of any stored one.

        Raises:
            CredentialStoreError: The store failed.
        """
        ...

    def delete(self) -> None:
        """Remove the stored key, if there is one.

        Raises:
            CredentialStoreError: The store failed.
        """
        ...


class StoreOperation(enum.Enum):
    """The keyring operation that failed."""

    LOAD = "load"
    SAVE = "save"
    DELETE = "delete"


class StoreFailure(enum.Enum):
    """The cause of a failed keyring operation."""

    NO_KEYRING = "no keyring"
    LOCKED = "locked"
    FAILED = "failed"


_CAUSES = {
    StoreFailure.NO_KEYRING: "No system keyring is available",
    StoreFailure.LOCKED: "The system keyring is locked",
    StoreFailure.FAILED: "The system keyring failed",
}
_OUTCOMES = {
    StoreOperation.LOAD: "so no saved API key could be read",
    StoreOperation.SAVE: "so the API key was not saved",
    StoreOperation.DELETE: "so the saved API key was not removed",
}
_ADVICE = {
    StoreFailure.NO_KEYRING: "Install and unlock GNOME Keyring or KWallet, or ",
    StoreFailure.LOCKED: "Unlock it and try again, or ",
    StoreFailure.FAILED: "Try again, or ",
}
_ALTERNATIVE = f"pass --api-key or set {API_KEY_ENV} instead."


class CredentialStoreError(Exception):
    """A failed keyring operation, with a message that states what to do next.

    Attributes:
        operation: The operation that failed.
        failure: The cause.
        detail: The backend's error type and message with any key masked,
            or an empty string when the failure needs no detail.
    """

    def __init__(
        self, operation: StoreOperation, failure: StoreFailure, detail: str = ""
    ) -> None:
        self.operation = operation
        self.failure = failure
        self.detail = detail
        super().__init__(self._english_message())

    def _english_message(self) -> str:
        cause = _CAUSES[self.failure]
        if self.detail:
            cause = f"{cause} ({self.detail})"
        if self.operation is StoreOperation.DELETE:
            advice = (
                f'Remove the entry "{KEYRING_SERVICE}" with the keyring\'s own '
                "manager instead."
            )
        else:
            advice = _ADVICE[self.failure] + _ALTERNATIVE
        return f"{cause}, {_OUTCOMES[self.operation]}. {advice}"


def _classify(error: Exception) -> StoreFailure:
    import keyring.errors

    if isinstance(error, keyring.errors.KeyringLocked):
        return StoreFailure.LOCKED
    if isinstance(error, keyring.errors.NoKeyringError | keyring.errors.InitError):
        return StoreFailure.NO_KEYRING
    return StoreFailure.FAILED


def _describe(error: Exception, secret: str | None) -> str:
    """Return the error's type and message, with `secret` masked."""
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if secret:
        text = text.replace(secret, "***")
    return text


class KeyringStore:
    """A key store in the system keyring, through the `keyring` package.

    Uses whichever backend `keyring.get_keyring()` returns, so tests install
    their own with `keyring.set_keyring()`.

    Attributes:
        last_load_error: The failure of the most recent `load()`, or None
            when it succeeded.
    """

    def __init__(
        self, service: str = KEYRING_SERVICE, username: str = KEYRING_USERNAME
    ) -> None:
        self._service = service
        self._username = username
        self._load_warned = False
        self.last_load_error: CredentialStoreError | None = None

    def load(self) -> str | None:
        """Return the stored key, or None when none is stored or the keyring fails.

        The first failure is logged as a warning and later ones at DEBUG, so a
        missing keyring does not repeat the same warning on every call.
        """
        try:
            import keyring  # Imported on use: it takes tens of ms.

            key = keyring.get_password(self._service, self._username)
        # Backends raise more than KeyringError: D-Bus errors, OSError and
        # their own types, for example SecretServiceNotAvailableException.
        except Exception as error:
            failure = self._failure(StoreOperation.LOAD, error, None)
            self.last_load_error = failure
            level = logging.DEBUG if self._load_warned else logging.WARNING
            self._load_warned = True
            logger.log(level, "%s", failure)
            return None
        self.last_load_error = None
        if not key:
            logger.debug("No API key in the system keyring")
            return None
        logger.debug("Read the API key from the system keyring")
        return key

    def save(self, key: str) -> None:
        """Store `key` in the keyring, replacing any stored one.

        Raises:
            CredentialStoreError: The keyring is missing, locked or failed.
        """
        try:
            import keyring  # Imported on use: it takes tens of ms.

            keyring.set_password(self._service, self._username, key)
        except Exception as error:
            failure = self._failure(StoreOperation.SAVE, error, key)
            logger.warning("%s", failure)
            raise failure from None
        logger.info("Saved the API key in the system keyring")

    def delete(self) -> None:
        """Remove the stored key. Removing a key that is not stored succeeds.

        Raises:
            CredentialStoreError: The keyring is missing, locked or failed.
        """
        try:
            # Backends raise PasswordDeleteError both for a missing entry and
            # for a failed removal, so a missing entry is checked first.
            import keyring  # Imported on use: it takes tens of ms.

            stored = keyring.get_password(self._service, self._username)
            if stored is None:
                logger.debug("No API key in the system keyring to remove")
                return
            keyring.delete_password(self._service, self._username)
        except Exception as error:
            failure = self._failure(StoreOperation.DELETE, error, None)
            logger.warning("%s", failure)
            raise failure from None
        logger.info("Removed the API key from the system keyring")

    def _failure(
        self, operation: StoreOperation, error: Exception, secret: str | None
    ) -> CredentialStoreError:
        failure = _classify(error)
        # The "no keyring" message needs no backend detail, but other failures
        # name the backend's error.
        detail = "" if failure is StoreFailure.NO_KEYRING else _describe(error, secret)
        return CredentialStoreError(operation, failure, detail)


class MemoryKeyStore:
    """A key store in memory, for tests and for runs that must not persist.

    Attributes:
        key: The stored key, or None.
        failure: When set, `save` and `delete` raise it and `load` returns None,
            which imitates a broken keyring.
    """

    def __init__(self, key: str | None = None) -> None:
        self.key = key
        self.failure: CredentialStoreError | None = None

    def load(self) -> str | None:
        if self.failure is not None:
            return None
        return self.key

    def save(self, key: str) -> None:
        if self.failure is not None:
            raise self.failure
        self.key = key

    def delete(self) -> None:
        if self.failure is not None:
            raise self.failure
        self.key = None

    def __repr__(self) -> str:
        masked_key = "None" if self.key is None else "'***'"
        return f"MemoryKeyStore(key={masked_key})"


def resolve_api_key(
    cli_key: str | None, environ: Mapping[str, str], store: KeyStore
) -> KeySource:
    """Return the API key from `--api-key`, YOUTUBE_API_KEY or the store, in order.

    Surrounding whitespace is stripped, and a value that is empty after that
    counts as absent. The store is read only when neither of the first two
    has a key, so a key on the command line never touches the keyring.
    """
    source = _first_key(cli_key, environ, store)
    logger.info("API key source: %s", source.origin)
    return source


def _first_key(
    cli_key: str | None, environ: Mapping[str, str], store: KeyStore
) -> KeySource:
    if cli_key is not None and cli_key.strip():
        return KeySource(cli_key.strip(), "command line")
    environment_key = environ.get(API_KEY_ENV, "").strip()
    if environment_key:
        return KeySource(environment_key, "environment")
    stored_key = (store.load() or "").strip()
    if stored_key:
        return KeySource(stored_key, "keyring")
    return KeySource(None, "none")


class KeyProblem(enum.Enum):
    """A reason why typed text is not a usual API key.

    EMPTY, CONTAINS_WHITESPACE and TOO_SHORT mean the text cannot be a key.
    UNUSUAL_SHAPE means it is not the usual 39 characters starting with
    "AIza", which only merits a warning.
    """

    EMPTY = "empty"
    CONTAINS_WHITESPACE = "contains whitespace"
    TOO_SHORT = "too short"
    UNUSUAL_SHAPE = "unusual shape"

    @property
    def is_error(self) -> bool:
        return self is not KeyProblem.UNUSUAL_SHAPE


_PROBLEM_MESSAGES = {
    KeyProblem.EMPTY: "Enter an API key.",
    KeyProblem.CONTAINS_WHITESPACE: (
        "The API key contains a space or line break. Copy only the key itself."
    ),
    KeyProblem.TOO_SHORT: (
        f"The API key is too short: keys have at least {MIN_API_KEY_LENGTH} "
        "characters. Copy the whole key."
    ),
    KeyProblem.UNUSUAL_SHAPE: (
        'YouTube Data API keys are usually 39 characters long and start with "AIza". '
        "Check that you copied the whole key."
    ),
}


def find_key_problem(text: str) -> KeyProblem | None:
    """Return the first problem of `text` as an API key, or None for a usual key.

    Surrounding whitespace is ignored, because copying and pasting often adds it.
    An error problem is returned before UNUSUAL_SHAPE.
    """
    key = text.strip()
    if not key:
        return KeyProblem.EMPTY
    if any(character.isspace() for character in key):
        return KeyProblem.CONTAINS_WHITESPACE
    if len(key) < MIN_API_KEY_LENGTH:
        return KeyProblem.TOO_SHORT
    if API_KEY_PATTERN.fullmatch(key) is None:
        return KeyProblem.UNUSUAL_SHAPE
    return None


def looks_like_api_key(text: str) -> str | None:
    """Return an error message when `text` cannot be an API key, else None.

    Rejects empty text, whitespace inside the key and keys shorter than 30
    characters. Any other shape is accepted, because Google could change its
    key format. `key_shape_warning` returns the warning for those shapes.
    """
    problem = find_key_problem(text)
    if problem is None or not problem.is_error:
        return None
    return _PROBLEM_MESSAGES[problem]


def key_shape_warning(text: str) -> str | None:
    """Return a warning when `text` is accepted but is not a usual API key."""
    if find_key_problem(text) is KeyProblem.UNUSUAL_SHAPE:
        return _PROBLEM_MESSAGES[KeyProblem.UNUSUAL_SHAPE]
    return None
