"""The base of every result class: a read-only view of the JSON the CLI prints for the same answer."""
from __future__ import annotations

import json as _json
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Tuple, TypeVar

from . import _e911

_R = TypeVar("_R", bound="Record")
_NOT_IN_ROWS = ("trace", "pidf_lo")  # to_row() leaves out the step-by-step trace and the PIDF-LO document


class Record:
    """A read-only result object: typed attributes named as in the JSON output, ``to_dict()`` for the JSON."""

    # A batch row (simulate_many) starts as its JSON and the session that reads it (`_json`,
    # `_session`); `_data` is made on first use (__getattr__), and to_row() flattens the JSON
    # directly (a traced row's JSON comes without its steps, which to_row() leaves out: Trace
    # writes them when the row is first used). A million rows that are only counted, rendered or made into table rows never build
    # their nested objects, which the cycle collector would otherwise visit again and again.
    __slots__ = ("_data", "_json", "_session")
    _columns: Tuple[str, ...] = ()

    def __init__(self, data: Dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    @classmethod
    def _from_json(cls: "type[_R]", session: "_e911.Session", text: str) -> "_R":
        self = cls.__new__(cls)
        object.__setattr__(self, "_json", text)
        object.__setattr__(self, "_session", session)
        return self

    def _unread_json(self) -> Optional[str]:
        """The JSON of a batch row whose objects are not made yet, else None."""
        try:
            text: Optional[str] = object.__getattribute__(self, "_json")
        except AttributeError:  # not a batch row
            return None
        return text

    if not TYPE_CHECKING:  # hidden from type checkers, which would otherwise accept any attribute name
        def __getattr__(self, name: str) -> Any:
            # Reached only when the normal lookup fails: for `_data`, when a row from its JSON is first used.
            if name == "_data":
                text = self._unread_json()
                if text is not None:
                    data = self._read_row(text)
                    object.__setattr__(self, "_data", data)  # set before the JSON is dropped: another thread may be here too
                    object.__setattr__(self, "_json", None)
                    return data
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _read_row(self, text: str) -> Any:
        """A batch row's objects, from its JSON."""
        return self._session.row(text)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, name: str) -> Any:
        """The JSON value of a key (nested objects as plain dicts)."""
        return self._data[name]

    def __contains__(self, name: str) -> bool:
        return name in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._data == other._data

    def __hash__(self) -> int:
        return hash(_json.dumps(self._data, sort_keys=True))

    def __repr__(self) -> str:
        keys = [k for k in ("rule", "id", "prefix", "dialed", "site", "outcome", "message") if k in self._data]
        inner = ", ".join(f"{k}={self._data[k]!r}" for k in keys[:3])
        return f"{type(self).__name__}({inner})"

    def to_dict(self) -> Dict[str, Any]:
        """The object as plain JSON data: equal to the CLI's JSON for the same question."""
        result: Dict[str, Any] = _json.loads(_json.dumps(self._data))
        return result

    def to_row(self) -> Dict[str, Any]:
        """A flat dict (nested keys joined with '.', lists joined with ' ') for tables and DataFrames."""
        text = self._unread_json()
        if text is not None:  # a batch row not yet made into objects: flattened from its JSON
            row: Dict[str, Any] = self._session.flat(text, _NOT_IN_ROWS)
            return row
        out: Dict[str, Any] = {}
        _e911.flatten(out, "", self._data, _NOT_IN_ROWS)  # a loop in C: it is most of a batch row's cost
        return out

    def keys(self) -> List[str]:
        return list(self._data)
