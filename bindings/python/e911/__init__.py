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
from typing import Any, Dict, Generic, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar, Union

from . import _e911
from ._record import Record
from ._results import (CallbackAnswer, Diagnostic, EffectivePolicies, Finding, MatrixRow, Notifications, OutcomeChange,
                       Related, Rule, TraceStep, Waived)
from ._results import Diff as _Diff
from ._results import Trace as _Trace

__all__ = [
    "__version__", "load", "loads", "diff", "report", "rules", "rule_doc", "schema", "rows", "FORMATS",
    "Config", "Record", "Answers", "Diagnostic", "Finding", "Related", "Waived", "Trace", "TraceStep",
    "EffectivePolicies", "Notifications", "CallbackAnswer", "MatrixRow", "Diff", "OutcomeChange", "Rule",
    "Error", "LoadError", "UsageError",
]

__version__: str = _e911.version()

FORMATS = ("text", "json", "csv", "sarif", "junit", "github", "html")
"""Every output format of the CLI; ``render()`` takes one (each answer says which it supports)."""

Error = _e911.Error
"""Base class of every e911 exception."""
UsageError = _e911.UsageError
"""A bad argument: unknown user or location, malformed address, unknown rule id (also a ValueError)."""

R = TypeVar("R", bound=Record)


class LoadError(Error):
    """The configuration could not be loaded; ``diagnostics`` lists every problem with its position."""

    def __init__(self, diagnostics: List[Diagnostic]):
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        where = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else "configuration could not be loaded"
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(where + more)


class Answers(List[R], Generic[R]):
    """A list of results (findings, matrix rows, diagnostics, rules) that renders itself in the CLI's formats."""

    def __init__(self, items: Iterable[R], answer: "_e911.Answer") -> None:
        super().__init__(items)
        self._answer = answer

    def render(self, format: str = "text", color: bool = False) -> str:
        """The answer as ``e911`` writes it: text, json, csv, sarif, junit, github or html (where the answer has it)."""
        return self._answer.render(format, color)

    def write(self, path: Union[str, "_os.PathLike[str]"], format: str = "text", color: bool = False) -> None:
        """``render(format)`` into the file ``path``, replaced atomically as ``e911 -o`` replaces it: a failed
        write leaves the old file. A lint report is written as it is made, never held whole (raises
        ``e911.Error`` naming the file and the reason)."""
        self._answer.write(_os.fspath(path), format, color)

    def to_dict(self) -> Any:
        """The CLI's JSON document for this answer (e.g. ``{"findings": [...], "summary": {...}}`` for lint)."""
        return _json.loads(self._answer.json())


class Trace(_Trace):
    """A simulated call, step by step; ``render("text")`` is ``e911 simulate``'s explanation."""

    __slots__ = ("_answer",)

    def __init__(self, data: Dict[str, Any], answer: "_e911.Answer") -> None:
        super().__init__(data)
        object.__setattr__(self, "_answer", answer)

    def render(self, format: str = "text", color: bool = False) -> str:
        """The trace as ``e911 simulate --format text|json`` writes it."""
        return self._answer.render(format, color)

    def _read_row(self, text: str) -> Any:
        # A simulate_many row whose JSON came without its steps: the whole row, written from its Trace.
        answer = self._answer
        if answer.steps_left_out:
            return self._session.row_with_steps(answer)
        return self._session.row(text)


class Diff(_Diff):
    """Outcome changes and findings added/fixed; ``worse`` is True when an emergency outcome got worse."""

    __slots__ = ("_answer",)

    def __init__(self, data: Dict[str, Any], answer: "_e911.Answer") -> None:
        super().__init__(data)
        object.__setattr__(self, "_answer", answer)

    def render(self, format: str = "text", color: bool = False) -> str:
        """The diff as ``e911 diff --format text|json|html`` writes it (html: one self-contained page)."""
        return self._answer.render(format, color)


class Model(Record):
    """A configuration object, attributes named as in the format, plus ``file``, ``line`` and ``column``."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            v = self._data[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no attribute {name!r}; it has {', '.join(self._data)}") from None
        return _model(v)


def _model(v: Any) -> Any:
    if isinstance(v, dict):
        return Model(v)
    if isinstance(v, list):
        return [_model(x) for x in v]
    return v


def _answers(cls: "type[R]", items: Iterable[Dict[str, Any]], answer: "_e911.Answer") -> Answers[R]:
    return Answers([cls(x) for x in items], answer)


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


def _gateways(func: str, value: Any) -> List[str]:
    """Gateway ids for ``down``: one string (comma-separated like the CLI's ``--down``) or a list of them."""
    if value is None or isinstance(value, str) or (isinstance(value, (list, tuple, set, frozenset)) and
                                                   all(isinstance(v, str) for v in value)):
        return _names(func, "down", value)
    raise _type_error(func, "down", "a gateway id (str) or a list of them", value)


def _addresses(func: str, param: str, value: Any) -> Optional[str]:
    """One address, or a dual-stack caller's two (a list): the caller field holds them space-separated."""
    if isinstance(value, (list, tuple)):
        if not value or not all(isinstance(v, str) for v in value):
            raise _type_error(func, param, "a str or a list of str", value)
        return " ".join(value)
    return value


def _paths(func: str, param: str, value: Any) -> List[str]:
    if isinstance(value, (str, _os.PathLike)):
        return [_os.fspath(value)]
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (str, _os.PathLike)) for v in value):
        return [_os.fspath(v) for v in value]
    raise _type_error(func, param, "a path (str or os.PathLike) or a non-empty list of paths", value)


class Config:
    """A loaded configuration. Read-only model access (``sites``, ``subnets``, ``addresses``, ...) and the
    questions: ``lint()``, ``simulate()``, ``simulate_many()``, ``matrix()``, ``pidf()``."""

    def __init__(self, handle: "_e911.Handle", source: Optional[Tuple[Any, ...]] = None):
        self._h = handle
        self._model: Optional[Dict[str, Any]] = None
        self._source = source  # how to load it again: what pickling ships (see __reduce__)

    def __reduce__(self) -> Tuple[Any, ...]:
        # A Config pickles as how it was loaded, not as its C++ objects: ("loads", text, ...) ships the
        # text itself; ("load", paths, ...) ships the paths, which a worker reads again (the same
        # machine, or a shared file system). Dask and multiprocessing send a Config this way.
        if self._source is None:
            raise TypeError("this Config cannot be pickled: it was not made by e911.load() or e911.loads()")
        return (_reload, (self._source,))

    # ---- diagnostics and model
    @property
    def diagnostics(self) -> Answers[Diagnostic]:
        """Warnings found while loading (a configuration with errors raises LoadError instead)."""
        answer = self._h.diagnostics()
        return _answers(Diagnostic, _json.loads(answer.json())["diagnostics"], answer)

    def _m(self) -> Dict[str, Any]:
        if self._model is None:
            self._model = _json.loads(self._h.model_json())
        return self._model

    @property
    def name(self) -> Optional[str]:
        name: Optional[str] = self._m().get("name")
        return name

    @property
    def defaults(self) -> Model:
        return Model(self._m()["defaults"])

    def _list(self, *path: str) -> List[Any]:
        node: Any = self._m()
        for p in path:
            node = node.get(p, [])
        if node and not isinstance(node[0], dict):  # pstn usages and trusted IPs are plain strings
            return list(node)
        return [Model(x) for x in node]

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
             today: Optional[str] = None) -> Answers[Finding]:
        """Run the rules: ``select``/``ignore`` take a rule id or category, a comma-separated string of them
        (as the CLI) or a list; ``today`` (YYYY-MM-DD) fixes waiver expiry. Load warnings come first, as in
        ``e911 lint``; ``.render("sarif")`` writes any of the CLI's formats."""
        answer = self._h.lint(_names("lint", "select", select), _names("lint", "ignore", ignore),
                              _text("lint", "today", today) or "")
        return _answers(Finding, _json.loads(answer.json())["findings"], answer)

    def simulate(self, dialed: str, user: Optional[str] = None, ip: Union[str, Sequence[str], None] = None,
                 public_ip: Union[str, Sequence[str], None] = None,
                 bssid: Optional[str] = None, chassis_id: Optional[str] = None, port_id: Optional[str] = None,
                 platform: Optional[str] = None, client: Optional[str] = None, client_location: Optional[str] = None,
                 client_location_source: Optional[str] = None, down: Union[str, Sequence[str], None] = None) -> Trace:
        """Simulate one call, exactly as ``e911 simulate`` does. ``ip`` and ``public_ip`` take one address or,
        for a dual-stack caller, a list of two (one IPv4, one IPv6); ``down`` names gateways to treat as down
        (``--down``). Raises UsageError for bad arguments."""
        fields = dict(dialed=dialed, user=user, ip=_addresses("simulate", "ip", ip),
                      public_ip=_addresses("simulate", "public_ip", public_ip), bssid=bssid, chassis_id=chassis_id,
                      port_id=port_id, platform=platform, client=client, client_location=client_location,
                      client_location_source=client_location_source)
        for name, value in fields.items():
            _text("simulate", name, value, optional=name != "dialed")
        if down is not None:
            fields["down"] = ",".join(_gateways("simulate", down))
        answer = self._h.simulate({k: v for k, v in fields.items() if v is not None})
        return Trace(_json.loads(answer.json()), answer)

    def simulate_many(self, calls: Iterable[Dict[str, Any]], chunk: int = 1000,
                      down: Union[str, Sequence[str], None] = None,
                      trace: bool = True) -> Iterator[Union[Trace, CallbackAnswer]]:
        """Simulate calls in order (dicts with the simulate() arguments, optional ``time``, ``duration``,
        and ``kind``/``elin`` for ELIN callback rows). Yields a Trace per call and a CallbackAnswer per
        callback whose ``to_dict()`` equals the row ``e911 simulate --calls`` writes (``row``, ``kind``,
        ``time`` first; no ``pidf_lo``); a bad row raises UsageError naming the row. Work runs in chunks
        without the GIL. ``down`` names gateways down for every call (a row's own ``down`` wins).
        ``trace=False`` leaves out each Trace's step-by-step ``steps`` (``psap_reason`` stays), as
        ``e911 simulate --calls --no-trace`` does: the rows are a fifth the size and come faster. A row's
        nested objects are made when it is first used, and its steps written then; ``to_row()`` of a row
        not yet used is made straight from the row's JSON, so rows bound for a table never build them."""
        all_down = ",".join(_gateways("simulate_many", down))
        if not isinstance(trace, bool):
            raise _type_error("simulate_many", "trace", "True or False", trace)
        session = _e911.Session(self._h, trace)
        batch: List[Any] = []
        index = 0  # calls answered
        submitted = 0  # calls handed to the session: the place of the next chunk's first call

        def flush() -> Iterator[Union[Trace, CallbackAnswer]]:
            nonlocal index, submitted
            answers = session.run(batch, submitted, all_down)  # checks each call's types (TypeError) first
            submitted += len(batch)
            batch.clear()
            for kind, payload, answer in answers:
                index += 1
                if kind == "error":
                    raise UsageError(f"call {index}: {payload}")
                if answer is None:
                    yield CallbackAnswer._from_json(session, payload)
                else:
                    t = Trace._from_json(session, payload)
                    object.__setattr__(t, "_answer", answer)
                    yield t

        for call in calls:
            batch.append(call)
            if len(batch) >= chunk:
                yield from flush()
        if batch:
            yield from flush()

    def matrix(self, down: Union[str, Sequence[str], None] = None) -> Answers[MatrixRow]:
        """Every site x LIS location x emergency dial string/mask x platform, plus no-site callers; with
        ``down``, as if those gateways had failed (``e911 matrix --down``)."""
        answer = self._h.matrix(_gateways("matrix", down))
        return _answers(MatrixRow, _json.loads(answer.json()), answer)

    def report_html(self, today: Optional[str] = None) -> str:
        """The HTML report ``e911 report`` writes: one self-contained page with the summary, the coverage
        matrix as a heat map, each call's flow citing file:line, and the findings with their rule docs."""
        return self._h.report_html(_text("report_html", "today", today) or "")

    def pidf(self, location_id: str, elin_in_nam: bool = False) -> str:
        """The PIDF-LO XML document for a location (``elin_in_nam`` as Skype for Business sends it)."""
        return self._h.pidf(location_id, elin_in_nam)

    def export(self, to: str = "powershell", since: Optional["Config"] = None) -> Union[str, Dict[str, str]]:
        """The configuration written back, never run: ``to="powershell"`` gives the deployment script (with
        ``since``, only New-/Set-/Remove- for what changed); ``to="cmdlet-json"`` gives what the Get-Cs*
        cmdlets would return, as {file name: JSON text}."""
        files = self._h.export_files(to, since._h if since is not None else None)
        return next(iter(files.values())) if to == "powershell" else dict(files)

    def __repr__(self) -> str:
        return f"<e911.Config {self.name or ''!s} sites={len(self.sites)} subnets={len(self.subnets)}>"


def _checked(handle: "_e911.Handle", source: Optional[Tuple[Any, ...]] = None) -> Config:
    if not handle.ok():
        raise LoadError([Diagnostic(d) for d in _json.loads(handle.diagnostics().json())["diagnostics"]])
    return Config(handle, source)


def _reload(source: Tuple[Any, ...]) -> Config:
    kind, args = source[0], source[1:]
    if kind == "load":
        return _checked(_e911.load(*args), source)
    return _checked(_e911.loads(*args), source)


def load(path: Union[str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]], *,
         allow_include_outside: bool = False, max_file_size: Optional[int] = None) -> Config:
    """Load one file or several (merged) in YAML or JSON. Raises LoadError with every diagnostic.

    Includes stay inside the root file's directory unless ``allow_include_outside``; files larger
    than ``max_file_size`` bytes (default 256 MiB) are refused (see docs/security.md)."""
    paths = _paths("load", "path", path)
    # A pickled Config reloads from absolute paths, whatever the worker's directory.
    source = ("load", [_os.fsencode(_os.path.abspath(p)) for p in paths], allow_include_outside, max_file_size or 0)
    return _checked(_e911.load([_os.fsencode(p) for p in paths], allow_include_outside, max_file_size or 0), source)


def loads(text: str, format: str = "yaml", name: str = "<string>", *,
          allow_include_outside: bool = False, max_file_size: Optional[int] = None) -> Config:
    """Load a configuration from text; ``format`` is "yaml", "json" or "auto".

    Text may come from anyone: its includes resolve against the current directory and stay
    inside it, and absolute include paths are refused, unless ``allow_include_outside``."""
    args = (_text("loads", "text", text, False), _text("loads", "format", format, False),
            _text("loads", "name", name, False), allow_include_outside, max_file_size or 0)
    return _checked(_e911.loads(*args), ("loads",) + args)


def _config(func: str, param: str, value: Any) -> Config:
    return value if isinstance(value, Config) else load(_paths(func, param, value))


def diff(old: Union[Config, str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]],
         new: Union[Config, str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]],
         today: Optional[str] = None, down: Union[str, Sequence[str], None] = None) -> Diff:
    """Compare two configurations (each a Config, a path or a list of paths, as ``e911 diff OLD NEW``):
    changed outcomes per caller and number, findings added and fixed; with ``down``, both under the same
    gateway failure (``e911 diff --down``)."""
    before, after = _config("diff", "old", old), _config("diff", "new", new)
    answer = _e911.diff(before._h, after._h, _text("diff", "today", today) or "", _gateways("diff", down))
    return Diff(_json.loads(answer.json()), answer)


def report(config: Union[Config, str, "_os.PathLike[str]", Sequence[Union[str, "_os.PathLike[str]"]]],
           output: Union[str, "_os.PathLike[str]", None] = None, today: Optional[str] = None) -> str:
    """The HTML report of a configuration (a Config, a path or a list of paths), as ``e911 report``;
    written to ``output`` when given. Returns the page."""
    page = _config("report", "config", config).report_html(today)
    if output is not None:
        if not isinstance(output, (str, _os.PathLike)):
            raise _type_error("report", "output", "a path", output)
        with open(output, "w", encoding="utf-8") as f:
            f.write(page)
    return page


def rules() -> Answers[Rule]:
    """Every rule: id, severity, category, summary; ``.render("text")`` is ``e911 rules``."""
    answer = _e911.rules()
    return _answers(Rule, _json.loads(answer.json()), answer)


def rule_doc(rule_id: str) -> str:
    """A rule's documentation (Markdown), as ``e911 explain`` prints it."""
    doc = _e911.rule_doc(rule_id)
    if not doc:
        raise UsageError(f"no rule {rule_id!r}")
    return doc


def schema() -> Dict[str, Any]:
    """The JSON Schema of the configuration format."""
    result: Dict[str, Any] = _json.loads(_e911.schema())
    return result


def rows(records: Iterable[Record]) -> List[Dict[str, Any]]:
    """Flat dicts for tables: ``pandas.DataFrame(e911.rows(cfg.matrix()))`` (pandas not required)."""
    return [r.to_row() for r in records]
