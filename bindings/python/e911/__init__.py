"""libe911 for Python: check emergency-calling configurations and simulate emergency calls.

Microsoft Teams Direct Routing and Skype for Business Server configurations are loaded from the
libe911 format (YAML or JSON), linted against the rule catalogue, and simulated call by call.
Every answer comes from the same C++ library as the ``e911`` command line, and ``to_dict()`` of
every result equals the CLI's JSON output.

    >>> import e911
    >>> cfg = e911.load("examples/campus.yaml")
    >>> [f.rule for f in cfg.lint()]
    ['kari-notification-building']
    >>> t = cfg.simulate("911", ip="10.10.1.57/24")
    >>> t.outcome, t.psap, t.psap_correct
    ('routed', 'sangamon-ecc', True)
"""
from __future__ import annotations

import json as _json
import os as _os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from . import _e911

__all__ = [
    "__version__", "load", "loads", "diff", "rules", "rule_doc", "schema", "rows",
    "Config", "Record", "Diagnostic", "Finding", "Trace", "CallbackAnswer", "MatrixRow", "Diff",
    "Error", "LoadError", "UsageError",
]

__version__: str = _e911.version()

Error = _e911.Error
"""Base class of every e911 exception."""
UsageError = _e911.UsageError
"""A bad argument: unknown user or location, malformed address, unknown rule id (also a ValueError)."""


class LoadError(Error):
    """The configuration could not be loaded; ``diagnostics`` lists every problem with its position."""

    def __init__(self, diagnostics: List["Diagnostic"]):
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        where = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else "configuration could not be loaded"
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(where + more)


class Record:
    """A read-only result object: attributes named as in the JSON output, ``to_dict()`` for the JSON itself."""

    __slots__ = ("_data",)

    def __init__(self, data: Dict[str, Any]):
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        try:
            return _wrap(self._data[name])
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}; it has {', '.join(self._data)}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, name: str) -> Any:
        return _wrap(self._data[name])

    def __contains__(self, name: str) -> bool:
        return name in self._data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self._data == other._data

    def __dir__(self) -> List[str]:
        return sorted(set(self._data) | {"to_dict", "to_row"})

    def __repr__(self) -> str:
        keys = [k for k in ("rule", "id", "prefix", "dialed", "site", "outcome", "message") if k in self._data]
        inner = ", ".join(f"{k}={self._data[k]!r}" for k in keys[:3])
        return f"{type(self).__name__}({inner})"

    def to_dict(self) -> Dict[str, Any]:
        """The object as plain JSON data: equal to the CLI's JSON for the same question."""
        return _json.loads(_json.dumps(self._data))

    def to_row(self) -> Dict[str, Any]:
        """A flat dict (nested keys joined with '.', lists joined with ' ') for tables and DataFrames."""
        out: Dict[str, Any] = {}

        def flat(prefix: str, v: Any) -> None:
            if isinstance(v, dict):
                for k, x in v.items():
                    flat(f"{prefix}.{k}" if prefix else k, x)
            elif isinstance(v, list):
                out[prefix] = " ".join(str(x) if not isinstance(x, dict) else _json.dumps(x) for x in v)
            else:
                out[prefix] = v

        flat("", {k: v for k, v in self._data.items() if k not in ("trace", "pidf_lo")})
        return out


def _wrap(v: Any) -> Any:
    if isinstance(v, dict):
        return Record(v)
    if isinstance(v, list):
        return [_wrap(x) for x in v]
    return v


class Diagnostic(Record):
    """A load problem: ``id``, ``severity``, ``file``, ``line``, ``column``, ``key``, ``message``, ``hint``."""


class Finding(Record):
    """A lint finding: ``rule``, ``severity``, ``message``, ``hint``, ``target``, ``file``, ``line``, ``column``,
    ``related``, ``waived`` (None or reason/approved_by/expires), ``baselined``, ``fingerprint``."""


class Trace(Record):
    """A simulated call: ``outcome``, ``emergency``, ``site``, ``location``, ``route``, ``gateways``,
    ``calling_number``, ``psap``, ``psap_correct``, ``notifications``, ``pidf_lo`` and the step-by-step ``trace``."""


class CallbackAnswer(Record):
    """Who a PSAP callback to an ELIN reaches: ``elin``, ``time``, ``rings``, ``because``."""


class MatrixRow(Record):
    """One cell of the coverage matrix (site x location x dialled string x platform)."""


class Diff(Record):
    """Outcome changes (``outcomes``) and findings ``findings_added`` / ``findings_fixed``; ``worse`` is True
    when an emergency outcome got worse."""


class _Model(Record):
    """A configuration object, attributes named as in the format, plus ``file``, ``line`` and ``column``."""


def _records(cls, items: Iterable[Dict[str, Any]]) -> list:
    return [cls(x) for x in items]


def _type_error(func: str, param: str, expected: str, value: Any) -> TypeError:
    return TypeError(f"{func}(): `{param}` must be {expected}, not {type(value).__name__}")


def _text(func: str, param: str, value: Any, optional: bool = True) -> Optional[str]:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _type_error(func, param, "a str" + (" or None" if optional else ""), value)
    return value


def _names(func: str, param: str, value: Any) -> List[str]:
    """Rule ids or categories: one string (comma-separated like the CLI's) or a sequence of strings."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (list, tuple, set, frozenset)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise _type_error(func, param, "a rule id or category (str) or a list of them", value)


def _paths(func: str, param: str, value: Any) -> List[str]:
    if isinstance(value, (str, _os.PathLike)):
        return [_os.fspath(value)]
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (str, _os.PathLike)) for v in value):
        return [_os.fspath(v) for v in value]
    raise _type_error(func, param, "a path (str or os.PathLike) or a non-empty list of paths", value)


class Config:
    """A loaded configuration. Read-only model access (``sites``, ``subnets``, ``addresses``, ...) and the
    questions: ``lint()``, ``simulate()``, ``simulate_many()``, ``matrix()``, ``pidf()``."""

    def __init__(self, handle: "_e911.Handle"):
        self._h = handle
        self._model: Optional[Dict[str, Any]] = None

    # ---- diagnostics and model
    @property
    def diagnostics(self) -> List[Diagnostic]:
        """Warnings found while loading (a configuration with errors raises LoadError instead)."""
        return _records(Diagnostic, _json.loads(self._h.diagnostics_json())["diagnostics"])

    def _m(self) -> Dict[str, Any]:
        if self._model is None:
            self._model = _json.loads(self._h.model_json())
        return self._model

    @property
    def name(self) -> Optional[str]:
        return self._m().get("name")

    @property
    def defaults(self) -> _Model:
        return _Model(self._m()["defaults"])

    def _list(self, *path: str) -> List[_Model]:
        node: Any = self._m()
        for p in path:
            node = node.get(p, [])
        if node and not isinstance(node[0], dict):  # pstn usages and trusted IPs are plain strings
            return list(node)
        return _records(_Model, node)

    addresses = property(lambda self: self._list("addresses"), doc="Civic addresses.")
    locations = property(lambda self: self._list("locations"), doc="Locations inside addresses.")
    trusted_ips = property(lambda self: self._list("network", "trusted_ips"), doc="Trusted egress IPs (strings).")
    regions = property(lambda self: self._list("network", "regions"), doc="Network regions.")
    sites = property(lambda self: self._list("network", "sites"), doc="Network sites.")
    subnets = property(lambda self: self._list("network", "subnets"), doc="Site subnets.")
    lis_subnets = property(lambda self: self._list("lis", "subnets"), doc="LIS subnets.")
    wireless_access_points = property(lambda self: self._list("lis", "wireless_access_points"), doc="LIS wireless access points.")
    switches = property(lambda self: self._list("lis", "switches"), doc="LIS switches.")
    ports = property(lambda self: self._list("lis", "ports"), doc="LIS switch ports.")
    emergency_calling_policies = property(lambda self: self._list("emergency_calling_policies"), doc="Teams emergency calling policies.")
    emergency_call_routing_policies = property(lambda self: self._list("emergency_call_routing_policies"), doc="Teams emergency call routing policies.")
    location_policies = property(lambda self: self._list("location_policies"), doc="Skype for Business location policies.")
    pstn_usages = property(lambda self: self._list("voice", "pstn_usages"), doc="PSTN usage names (strings).")
    gateways = property(lambda self: self._list("voice", "gateways"), doc="Gateways.")
    routes = property(lambda self: self._list("voice", "routes"), doc="Voice routes.")
    routing_policies = property(lambda self: self._list("voice", "routing_policies"), doc="Routing policies.")
    dial_plans = property(lambda self: self._list("voice", "dial_plans"), doc="Dial plans.")
    users = property(lambda self: self._list("users"), doc="Users.")
    psaps = property(lambda self: self._list("psaps"), doc="PSAPs.")
    waivers = property(lambda self: self._list("waivers"), doc="Waivers.")

    # ---- questions
    def lint(self, select: Union[str, Sequence[str], None] = None, ignore: Union[str, Sequence[str], None] = None,
             today: Optional[str] = None) -> List[Finding]:
        """Run the rules: ``select``/``ignore`` take a rule id or category, a comma-separated string of them
        (as the CLI) or a list; ``today`` (YYYY-MM-DD) fixes waiver expiry."""
        data = self._h.lint_json(_names("lint", "select", select), _names("lint", "ignore", ignore),
                                 _text("lint", "today", today) or "")
        return _records(Finding, _json.loads(data)["findings"])

    def simulate(self, dialed: str, user: Optional[str] = None, ip: Optional[str] = None, public_ip: Optional[str] = None,
                 bssid: Optional[str] = None, chassis_id: Optional[str] = None, port_id: Optional[str] = None,
                 platform: Optional[str] = None, client: Optional[str] = None) -> Trace:
        """Simulate one call, exactly as ``e911 simulate`` does. Raises UsageError for bad arguments."""
        fields = dict(dialed=dialed, user=user, ip=ip, public_ip=public_ip, bssid=bssid, chassis_id=chassis_id,
                      port_id=port_id, platform=platform, client=client)
        for name, value in fields.items():
            _text("simulate", name, value, optional=name != "dialed")
        return Trace(_json.loads(self._h.simulate_json({k: v for k, v in fields.items() if v is not None})))

    def simulate_many(self, calls: Iterable[Dict[str, Any]], chunk: int = 1000) -> Iterator[Union[Trace, CallbackAnswer]]:
        """Simulate calls in order (dicts with the simulate() arguments, optional ``time``, ``duration``,
        and ``kind``/``elin`` for ELIN callback rows). Yields a Trace per call and a CallbackAnswer per
        callback whose ``to_dict()`` equals the row ``e911 simulate --calls`` writes (``row``, ``kind``,
        ``time`` first; no ``pidf_lo``); a bad row raises UsageError naming the row. Work runs in chunks
        without the GIL."""
        session = _e911.Session(self._h)
        batch: List[Dict[str, str]] = []
        index = 0

        def flush() -> Iterator[Union[Trace, CallbackAnswer]]:
            nonlocal index
            for kind, payload in session.run(batch):
                index += 1
                if kind == "error":
                    raise UsageError(f"call {index}: {payload}")
                yield (CallbackAnswer if kind == "callback" else Trace)(_json.loads(payload))
            batch.clear()

        for n, call in enumerate(calls, 1):
            if not isinstance(call, dict):
                raise _type_error("simulate_many", f"calls[{n - 1}]", "a dict of column -> value", call)
            for k, v in call.items():
                if not isinstance(k, str) or not (v is None or isinstance(v, (str, int)) and not isinstance(v, bool)):
                    raise _type_error("simulate_many", f"calls[{n - 1}][{k!r}]", "a str or int", v)
            batch.append({k: str(v) for k, v in call.items() if v is not None})
            if len(batch) >= chunk:
                yield from flush()
        if batch:
            yield from flush()

    def matrix(self) -> List[MatrixRow]:
        """Every site x LIS location x emergency dial string/mask x platform, plus no-site callers."""
        return _records(MatrixRow, _json.loads(self._h.matrix_json()))

    def pidf(self, location_id: str, elin_in_nam: bool = False) -> str:
        """The PIDF-LO XML document for a location (``elin_in_nam`` as Skype for Business sends it)."""
        return self._h.pidf(location_id, elin_in_nam)

    def __repr__(self) -> str:
        return f"<e911.Config {self.name or ''!s} sites={len(self.sites)} subnets={len(self.subnets)}>"


def _checked(handle: "_e911.Handle") -> Config:
    if not handle.ok():
        raise LoadError(_records(Diagnostic, _json.loads(handle.diagnostics_json())["diagnostics"]))
    return Config(handle)


def load(path: Union[str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]]) -> Config:
    """Load one file or several (merged) in YAML or JSON. Raises LoadError with every diagnostic."""
    return _checked(_e911.load(_paths("load", "path", path)))


def loads(text: str, format: str = "yaml", name: str = "<string>") -> Config:
    """Load a configuration from text; ``format`` is "yaml", "json" or "auto"."""
    return _checked(_e911.loads(_text("loads", "text", text, False), _text("loads", "format", format, False),
                                _text("loads", "name", name, False)))


def _config(func: str, param: str, value: Any) -> Config:
    return value if isinstance(value, Config) else load(_paths(func, param, value))


def diff(old: Union[Config, str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]],
         new: Union[Config, str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]],
         today: Optional[str] = None) -> Diff:
    """Compare two configurations (each a Config, a path or a list of paths, as ``e911 diff OLD NEW``):
    changed outcomes per caller and number, findings added and fixed."""
    before, after = _config("diff", "old", old), _config("diff", "new", new)
    return Diff(_json.loads(_e911.diff_json(before._h, after._h, _text("diff", "today", today) or "")))


def rules() -> List[Record]:
    """Every rule: id, severity, category."""
    return _records(Record, _json.loads(_e911.rules_json()))


def rule_doc(rule_id: str) -> str:
    """A rule's documentation (Markdown), as ``e911 explain`` prints it."""
    doc = _e911.rule_doc(rule_id)
    if not doc:
        raise UsageError(f"no rule {rule_id!r}")
    return doc


def schema() -> Dict[str, Any]:
    """The JSON Schema of the configuration format."""
    return _json.loads(_e911.schema())


def rows(records: Iterable[Record]) -> List[Dict[str, Any]]:
    """Flat dicts for tables: ``pandas.DataFrame(e911.rows(cfg.matrix()))`` (pandas not required)."""
    return [r.to_row() for r in records]
