"""The base of every result class: a read-only view of the JSON the CLI prints for the same answer."""
from __future__ import annotations

import json as _json
from typing import Any, Dict, Iterator, List, Tuple

from . import _e911


class Record:
    """A read-only result object: typed attributes named as in the JSON output, ``to_dict()`` for the JSON."""

    __slots__ = ("_data",)
    _columns: Tuple[str, ...] = ()

    def __init__(self, data: Dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

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
        out: Dict[str, Any] = {}
        _e911.flatten(out, "", self._data, ("trace", "pidf_lo"))  # a loop in C: it is most of a batch row's cost
        return out

    def keys(self) -> List[str]:
        return list(self._data)
