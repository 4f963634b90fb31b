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


class DictionaryError(OrbitError):
    """A dictionary or pattern file is malformed."""

    code = "E200"


class SettingsError(OrbitError):
    """A setting has a value orbit does not know."""

    code = "E010"


class ModelNotFound(OrbitError):
    code = "E300"


class CoderModelError(ModelNotFound):
    """The trained event coder's files are missing or do not fit together."""

    code = "E301"


class StoreError(OrbitError):
    code = "E400"


class SchemaError(StoreError):
    code = "E401"


class QueryError(OrbitError):
    """A query parameter is invalid (bad date, unknown code, bad cursor...)."""

    code = "E500"
