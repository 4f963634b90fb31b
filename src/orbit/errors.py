"""orbit's errors. Every message has a code, so it can be grepped, searched for and tested.

Errors (E...) stop the current item; in a batch the item is recorded and skipped.
Warnings (W...) are logged and the item goes on.
"""
from __future__ import annotations


class OrbitError(Exception):
    """Base class: `code` identifies the message, `str(err)` is the readable text."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None):
        self.message = message
        self.path = path
        super().__init__(f"{self.code}: {message}" + (f" ({path})" if path else ""))


class InputError(OrbitError):
    """The input cannot be read as a document (missing, empty, binary, too large, bad JSON...)."""

    code = "E100"


class InputNotFound(InputError):
    code = "E101"


class UnsupportedInput(InputError):
    code = "E102"


class EmptyInput(InputError):
    code = "E103"


class BinaryInput(InputError):
    code = "E104"


class InputTooLarge(InputError):
    code = "E105"


class BadRecord(InputError):
    """A JSONL line or feed entry that is not a valid document record."""

    code = "E106"


class NotEnglish(InputError):
    code = "E107"


class UnreadableInput(InputError):
    code = "E108"


class AnalysisFailed(InputError):
    """The text was read but the NLP pipeline failed on it; in a batch it is recorded and skipped."""

    code = "E109"


class InputWarning(OrbitError):
    """An input that is read with a caveat (W1..): not raised; reported (stderr, the
    ingest report, `orbit errors`) and the item goes on."""

    code = "W100"


class DamagedEncoding(InputWarning):
    """A UTF-8 file with bytes that are not UTF-8: they are replaced by U+FFFD."""

    code = "W101"


class NoDate(InputWarning):
    """A document with no date given or found: stored with today's date (date_source
    "today"), its relative dates ("on Friday") left unresolved."""

    code = "W102"


class DuplicateId(InputWarning):
    """A document id already used by another text (in the store or the same run)."""

    code = "W103"


class DuplicateText(InputWarning):
    """A text already stored (or met earlier in the run) under another id: not stored again."""

    code = "W104"


class DictionaryError(OrbitError):
    """A dictionary or pattern file is malformed."""

    code = "E200"


class DictionaryWarning(OrbitError):
    """A line of a dictionary file that orbit cannot use: it is skipped and the rest loads.
    Not raised: `str(warning)` is logged, with the file and line number as its path."""

    code = "W200"


class SettingsError(OrbitError):
    """A setting has a value orbit does not know."""

    code = "E010"


class UnknownSetting(SettingsError):
    """A settings file or an override names a section or key orbit does not have (a typo
    such as `batchsize` would otherwise do nothing): the message names the nearest valid one."""

    code = "E011"


class ModelNotFound(OrbitError):
    code = "E300"


class CoderModelError(ModelNotFound):
    """The trained event coder's files are missing or do not fit together."""

    code = "E301"


class StoreError(OrbitError):
    code = "E400"


class SchemaError(StoreError):
    """The file is not an orbit store, or its schema is newer than this orbit, or a migration failed.
    E402, not E401: the HTTP API answers E401 for a missing token (see API_CODES)."""

    code = "E402"


class ServerError(OrbitError):
    """`orbit serve` could not start (exit code 3)."""

    code = "E600"


class PortUnavailable(ServerError):
    """The address and port to serve on are taken by another program, or not allowed."""

    code = "E601"


class PartitionFailed(OrbitError):
    """A partition of a Dask ingest (`orbit ingest --dask`) failed after its retries: its
    documents are recorded as failed and the rest of the run goes on."""

    code = "E700"


class QueryError(OrbitError):
    """A query parameter is invalid (bad date, unknown code, bad cursor...)."""

    code = "E500"


# Codes the HTTP API (orbit/api) answers with that are not raised as OrbitErrors here: the
# HTTP status with an E in front (the dashboard falls back to the same form), E999 for an
# internal error. They are kept here so that every code orbit gives has one meaning,
# checked by tests/test_error_codes.py.
API_CODES = {
    "E401": "a write without a valid token (ORBIT_TOKEN)",
    "E403": "writes are disabled: the server was started without ORBIT_TOKEN",
    "E404": "no such document, cluster or page",
    "E413": "the request body or uploaded file is over the size limit",
    "E421": "the Host header names a host that is not served (DNS rebinding guard)",
    "E422": "a request parameter or body field is invalid",
    "E429": "too many writes or analyses from one client in a minute",
    "E431": "the request headers are too large",
    "E999": "an internal error (details in the server log)",
}


def error_classes() -> list[type[OrbitError]]:
    """OrbitError and every subclass of it, in definition order of the hierarchy."""
    found, todo = [], [OrbitError]
    while todo:
        cls = todo.pop(0)
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def registry() -> dict[str, list[str]]:
    """Every code orbit defines -> what it is (a class name, or an API meaning). A code
    with more than one entry means two things (the test suite fails on it)."""
    codes: dict[str, list[str]] = {}
    for cls in error_classes():
        codes.setdefault(cls.code, []).append(cls.__name__)
    for code, meaning in API_CODES.items():
        codes.setdefault(code, []).append(f"API: {meaning}")
    return codes
