"""The API key's sources, its checks and the keyring store, against fake backends.

Every test runs with a fake keyring backend installed first, so no test reads
or writes the user's real keyring.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import keyring
import keyring.backends.fail
import keyring.core
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.compat import properties

from livechat_desktop.credentials import (
    KEYRING_SERVICE,
    KEYRING_USERNAME,
    CredentialStoreError,
    KeyProblem,
    KeyringStore,
    KeySource,
    MemoryKeyStore,
    StoreFailure,
    StoreOperation,
    find_key_problem,
    key_shape_warning,
    looks_like_api_key,
    resolve_api_key,
)

# Made up, in the shape of a real key: "AIza" and 35 more characters.
FAKE_KEY = "AIzaSyFAKE-livechat-desktop-test-key012"

InstallBackend = Callable[[KeyringBackend], None]


class DictBackend(KeyringBackend):
    """A keyring backend that keeps passwords in a dict and records each call."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805
        # Not viable, so keyring never picks this class on its own.
        raise RuntimeError("test backend")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}
        self.calls: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        if (service, username) not in self.passwords:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.passwords[(service, username)]


class RaisingBackend(KeyringBackend):
    """A keyring backend whose every operation raises the given exception."""

    @properties.classproperty
    def priority(cls) -> float:  # noqa: N805
        raise RuntimeError("test backend")

    def __init__(self, error: Exception) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


def fail_backend() -> KeyringBackend:
    """Return keyring's own backend for a system without a keyring."""
    return keyring.backends.fail.Keyring()  # type: ignore[no-untyped-call]


@pytest.fixture(autouse=True)
def install_backend() -> Iterator[InstallBackend]:
    """Install an empty DictBackend, and put the previous backend back after."""
    # keyring has no public getter that leaves the backend unset:
    # get_keyring() would probe the system keyring, so the private value is
    # read and restored, None included.
    previous = keyring.core._keyring_backend
    keyring.set_keyring(DictBackend())
    yield keyring.set_keyring
    keyring.core._keyring_backend = previous


@pytest.mark.parametrize(
    ("cli_key", "environment_key", "stored_key", "expected"),
    [
        ("cli-key", "env-key", "stored-key", KeySource("cli-key", "command line")),
        (None, "env-key", "stored-key", KeySource("env-key", "environment")),
        (None, None, "stored-key", KeySource("stored-key", "keyring")),
        (None, None, None, KeySource(None, "none")),
        ("", "env-key", None, KeySource("env-key", "environment")),
        ("  ", None, "stored-key", KeySource("stored-key", "keyring")),
        (None, " \n", "stored-key", KeySource("stored-key", "keyring")),
        (None, None, "  ", KeySource(None, "none")),
        (" cli-key\n", None, None, KeySource("cli-key", "command line")),
        (None, "env-key\n", None, KeySource("env-key", "environment")),
    ],
)
def test_resolve_api_key_precedence(
    cli_key: str | None,
    environment_key: str | None,
    stored_key: str | None,
    expected: KeySource,
) -> None:
    environ = {} if environment_key is None else {"YOUTUBE_API_KEY": environment_key}
    store = MemoryKeyStore(stored_key)

    source = resolve_api_key(cli_key, environ, store)

    assert source == expected


def test_resolve_api_key_skips_keyring_for_cli_key(
    install_backend: InstallBackend,
) -> None:
    backend = DictBackend()
    install_backend(backend)

    resolve_api_key("cli-key", {"YOUTUBE_API_KEY": "env-key"}, KeyringStore())

    assert backend.calls == []


def test_resolve_api_key_reads_keyring_store(install_backend: InstallBackend) -> None:
    backend = DictBackend()
    backend.passwords[(KEYRING_SERVICE, KEYRING_USERNAME)] = FAKE_KEY
    install_backend(backend)

    source = resolve_api_key(None, {}, KeyringStore())

    assert source == KeySource(FAKE_KEY, "keyring")


def test_resolve_api_key_without_keyring_returns_none(
    install_backend: InstallBackend,
) -> None:
    install_backend(fail_backend())

    source = resolve_api_key(None, {}, KeyringStore())

    assert source == KeySource(None, "none")


def test_key_source_repr_hides_key() -> None:
    source = KeySource(FAKE_KEY, "keyring")

    text = repr(source)

    assert FAKE_KEY not in text
    assert "keyring" in text


def test_memory_key_store_repr_hides_key() -> None:
    store = MemoryKeyStore(FAKE_KEY)

    text = repr(store)

    assert FAKE_KEY not in text


def test_keyring_store_round_trip(install_backend: InstallBackend) -> None:
    backend = DictBackend()
    install_backend(backend)
    store = KeyringStore()

    store.save(FAKE_KEY)
    loaded = store.load()
    store.delete()
    loaded_after_delete = store.load()

    assert loaded == FAKE_KEY
    assert loaded_after_delete is None
    assert backend.passwords == {}


def test_keyring_store_uses_service_and_username(
    install_backend: InstallBackend,
) -> None:
    backend = DictBackend()
    install_backend(backend)

    KeyringStore().save(FAKE_KEY)

    assert backend.passwords == {("LiveChat Desktop", "youtube-data-api-key"): FAKE_KEY}


def test_keyring_store_delete_without_key_succeeds(
    install_backend: InstallBackend,
) -> None:
    backend = DictBackend()
    install_backend(backend)

    KeyringStore().delete()

    assert "delete" not in backend.calls


def test_keyring_store_load_empty_entry_returns_none(
    install_backend: InstallBackend,
) -> None:
    backend = DictBackend()
    backend.passwords[(KEYRING_SERVICE, KEYRING_USERNAME)] = ""
    install_backend(backend)

    loaded = KeyringStore().load()

    assert loaded is None


@pytest.mark.parametrize(
    ("backend_factory", "expected_failure"),
    [
        (fail_backend, StoreFailure.NO_KEYRING),
        (
            lambda: RaisingBackend(keyring.errors.NoKeyringError("none")),
            StoreFailure.NO_KEYRING,
        ),
        (
            lambda: RaisingBackend(keyring.errors.InitError("no D-Bus")),
            StoreFailure.NO_KEYRING,
        ),
        (
            lambda: RaisingBackend(keyring.errors.KeyringLocked("locked")),
            StoreFailure.LOCKED,
        ),
        (
            lambda: RaisingBackend(keyring.errors.PasswordSetError("denied")),
            StoreFailure.FAILED,
        ),
        (lambda: RaisingBackend(OSError("D-Bus socket gone")), StoreFailure.FAILED),
    ],
    ids=["fail backend", "no keyring", "init", "locked", "set error", "os error"],
)
def test_save_failure_raises_store_error(
    install_backend: InstallBackend,
    backend_factory: Callable[[], KeyringBackend],
    expected_failure: StoreFailure,
) -> None:
    install_backend(backend_factory())

    with pytest.raises(CredentialStoreError) as caught:
        KeyringStore().save(FAKE_KEY)

    assert caught.value.failure is expected_failure
    assert caught.value.operation is StoreOperation.SAVE
    assert "was not saved" in str(caught.value)
    assert "set YOUTUBE_API_KEY" in str(caught.value)


def test_save_without_keyring_message(
    install_backend: InstallBackend,
) -> None:
    install_backend(fail_backend())

    with pytest.raises(CredentialStoreError) as caught:
        KeyringStore().save(FAKE_KEY)

    assert str(caught.value) == (
        "No system keyring is available, so the API key was not saved. Install "
        "and unlock GNOME Keyring or KWallet, or pass --api-key or set "
        "YOUTUBE_API_KEY instead."
    )


def test_save_failure_detail_names_backend_error(
    install_backend: InstallBackend,
) -> None:
    install_backend(RaisingBackend(OSError("D-Bus socket gone")))

    with pytest.raises(CredentialStoreError) as caught:
        KeyringStore().save(FAKE_KEY)

    assert caught.value.detail == "OSError: D-Bus socket gone"
    assert "(OSError: D-Bus socket gone)" in str(caught.value)


def test_save_failure_masks_key_in_message_and_log(
    install_backend: InstallBackend, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    install_backend(RaisingBackend(RuntimeError(f"cannot store {FAKE_KEY}")))

    with pytest.raises(CredentialStoreError) as caught:
        KeyringStore().save(FAKE_KEY)

    assert FAKE_KEY not in str(caught.value)
    assert "cannot store ***" in caught.value.detail
    assert FAKE_KEY not in caplog.text
    assert "was not saved" in caplog.text


def test_save_failure_drops_backend_exception(
    install_backend: InstallBackend,
) -> None:
    # A chained backend exception would print its unmasked message in tracebacks.
    install_backend(RaisingBackend(RuntimeError(f"cannot store {FAKE_KEY}")))

    with pytest.raises(CredentialStoreError) as caught:
        KeyringStore().save(FAKE_KEY)

    assert caught.value.__suppress_context__


def test_load_failure_returns_none(
    install_backend: InstallBackend,
) -> None:
    install_backend(fail_backend())
    store = KeyringStore()

    loaded = store.load()

    assert loaded is None
    assert store.last_load_error is not None
    assert store.last_load_error.operation is StoreOperation.LOAD


def test_load_failure_warns_once(
    install_backend: InstallBackend, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="livechat_desktop.credentials")
    install_backend(RaisingBackend(keyring.errors.KeyringLocked("locked")))
    store = KeyringStore()

    store.load()
    store.load()
    store.load()

    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "The system keyring is locked" in warnings[0].getMessage()


def test_load_success_clears_last_error(
    install_backend: InstallBackend,
) -> None:
    backend = RaisingBackend(keyring.errors.KeyringLocked("locked"))
    install_backend(backend)
    store = KeyringStore()
    store.load()
    install_backend(DictBackend())

    store.load()

    assert store.last_load_error is None


def test_keyring_store_load_logs_no_key(
    install_backend: InstallBackend, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    backend = DictBackend()
    backend.passwords[(KEYRING_SERVICE, KEYRING_USERNAME)] = FAKE_KEY
    install_backend(backend)

    source = resolve_api_key(None, {}, KeyringStore())

    assert source.key == FAKE_KEY
    assert FAKE_KEY not in caplog.text
    assert "API key source: keyring" in caplog.text


def test_keyring_store_delete_failure_raises(install_backend: InstallBackend) -> None:
    install_backend(RaisingBackend(keyring.errors.KeyringLocked("locked")))

    with pytest.raises(CredentialStoreError) as caught:
        KeyringStore().delete()

    assert caught.value.operation is StoreOperation.DELETE
    assert "was not removed" in str(caught.value)


def test_memory_key_store_failure_load_returns_none() -> None:
    store = MemoryKeyStore(FAKE_KEY)
    store.failure = CredentialStoreError(StoreOperation.LOAD, StoreFailure.LOCKED)

    loaded = store.load()

    assert loaded is None


def test_memory_key_store_failure_save_keeps_old_key() -> None:
    store = MemoryKeyStore(FAKE_KEY)
    store.failure = CredentialStoreError(StoreOperation.SAVE, StoreFailure.LOCKED)

    with pytest.raises(CredentialStoreError):
        store.save("another-key-that-is-long-enough-000")

    assert store.key == FAKE_KEY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", KeyProblem.EMPTY),
        ("  \n", KeyProblem.EMPTY),
        ("AIzaSyFAKE-livechat desktop-test-key01", KeyProblem.CONTAINS_WHITESPACE),
        ("AIzaSyFAKE-livechat\tdesktop-test-key01", KeyProblem.CONTAINS_WHITESPACE),
        ("AIzaSyFAKE", KeyProblem.TOO_SHORT),
        ("x" * 29, KeyProblem.TOO_SHORT),
        ("x" * 30, KeyProblem.UNUSUAL_SHAPE),
        ("BIzaSyFAKE-livechat-desktop-test-key012", KeyProblem.UNUSUAL_SHAPE),
        (FAKE_KEY + "3", KeyProblem.UNUSUAL_SHAPE),
        ("AIzaSyFAKE-livechat-desktop-test-key0!2", KeyProblem.UNUSUAL_SHAPE),
        (FAKE_KEY, None),
        (f"  {FAKE_KEY}\n", None),
    ],
)
def test_find_key_problem(text: str, expected: KeyProblem | None) -> None:
    problem = find_key_problem(text)

    assert problem is expected


@pytest.mark.parametrize(
    ("text", "expected_words"),
    [
        ("", "Enter an API key"),
        ("AIzaSyFAKE-livechat desktop-test-key01", "space or line break"),
        ("AIzaSyFAKE", "at least 30 characters"),
    ],
)
def test_looks_like_api_key_rejects_bad_input(text: str, expected_words: str) -> None:
    message = looks_like_api_key(text)

    assert message is not None
    assert expected_words in message


@pytest.mark.parametrize("text", [FAKE_KEY, "x" * 40, f" {FAKE_KEY} "])
def test_looks_like_api_key_accepts_plausible_key(text: str) -> None:
    message = looks_like_api_key(text)

    assert message is None


def test_key_shape_warning_for_unusual_key() -> None:
    warning = key_shape_warning("x" * 40)

    assert warning is not None
    assert '"AIza"' in warning


@pytest.mark.parametrize("text", [FAKE_KEY, "", "short"])
def test_key_shape_warning_absent_otherwise(text: str) -> None:
    warning = key_shape_warning(text)

    assert warning is None
