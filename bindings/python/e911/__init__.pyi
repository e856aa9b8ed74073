# Type stubs for the e911 package (editors complete the API from these).
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

__version__: str

class Error(Exception): ...
class UsageError(Error, ValueError): ...
class LoadError(Error):
    diagnostics: List[Diagnostic]
    def __init__(self, diagnostics: List[Diagnostic]) -> None: ...

class Record:
    def __getattr__(self, name: str) -> Any: ...
    def __getitem__(self, name: str) -> Any: ...
    def __contains__(self, name: str) -> bool: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_row(self) -> Dict[str, Any]: ...

class Diagnostic(Record):
    id: str
    severity: str
    file: str
    line: int
    column: int
    key: Optional[str]
    message: str
    hint: Optional[str]

class Finding(Record):
    rule: str
    severity: str
    message: str
    hint: Optional[str]
    target: str
    file: str
    line: int
    column: int
    related: List[Record]
    waived: Optional[Record]
    baselined: bool
    fingerprint: str

class Trace(Record):
    dialed: str
    normalized: str
    emergency: bool
    dial_string: Optional[str]
    platform: str
    trusted: Optional[bool]
    user: Optional[str]
    site: Optional[str]
    location: Optional[str]
    location_source: Optional[str]
    address: Optional[str]
    policies: Record
    pstn_usage: Optional[str]
    route: Optional[str]
    gateways: List[str]
    calling_number: Optional[str]
    elin: Optional[str]
    psap: Optional[str]
    psap_relay: bool
    psap_expected: List[str]
    psap_correct: Optional[bool]
    notifications: Optional[Record]
    outcome: str
    pidf_lo: Optional[str]
    trace: List[Record]

class CallbackAnswer(Record):
    elin: str
    time: int
    rings: Optional[str]
    rings_number: Optional[str]
    gateway: Optional[str]
    window_minutes: Optional[int]
    minutes_since_call: Optional[int]
    because: str

class MatrixRow(Record):
    site: Optional[str]
    location: Optional[str]
    address: Optional[str]
    user: Optional[str]
    platform: str
    dialed: str
    dial_string: Optional[str]
    emergency: bool
    outcome: str
    route: Optional[str]
    gateways: List[str]
    calling_number: Optional[str]
    psap: Optional[str]
    psap_relay: bool
    psap_expected: List[str]
    psap_correct: Optional[bool]
    notified: str
    notification: bool

class Diff(Record):
    outcomes: List[Record]
    findings_added: List[Finding]
    findings_fixed: List[Finding]
    worse: bool

class Config:
    @property
    def diagnostics(self) -> List[Diagnostic]: ...
    @property
    def name(self) -> Optional[str]: ...
    @property
    def defaults(self) -> Record: ...
    addresses: List[Record]
    locations: List[Record]
    trusted_ips: List[str]
    regions: List[Record]
    sites: List[Record]
    subnets: List[Record]
    lis_subnets: List[Record]
    wireless_access_points: List[Record]
    switches: List[Record]
    ports: List[Record]
    emergency_calling_policies: List[Record]
    emergency_call_routing_policies: List[Record]
    location_policies: List[Record]
    pstn_usages: List[str]
    gateways: List[Record]
    routes: List[Record]
    routing_policies: List[Record]
    dial_plans: List[Record]
    users: List[Record]
    psaps: List[Record]
    waivers: List[Record]
    def lint(self, select: Union[str, Sequence[str], None] = ..., ignore: Union[str, Sequence[str], None] = ...,
             today: Optional[str] = ...) -> List[Finding]: ...
    def simulate(self, dialed: str, user: Optional[str] = ..., ip: Optional[str] = ..., public_ip: Optional[str] = ...,
                 bssid: Optional[str] = ..., chassis_id: Optional[str] = ..., port_id: Optional[str] = ...,
                 platform: Optional[str] = ..., client: Optional[str] = ...) -> Trace: ...
    def simulate_many(self, calls: Iterable[Dict[str, Any]], chunk: int = ...) -> Iterator[Union[Trace, CallbackAnswer]]: ...
    def matrix(self) -> List[MatrixRow]: ...
    def pidf(self, location_id: str, elin_in_nam: bool = ...) -> str: ...

def load(path: Union[str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]]) -> Config: ...
def loads(text: str, format: str = ..., name: str = ...) -> Config: ...
def diff(old: Union[Config, str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]],
         new: Union[Config, str, os.PathLike[str], Sequence[Union[str, os.PathLike[str]]]],
         today: Optional[str] = ...) -> Diff: ...
def rules() -> List[Record]: ...
def rule_doc(rule_id: str) -> str: ...
def schema() -> Dict[str, Any]: ...
def rows(records: Iterable[Record]) -> List[Dict[str, Any]]: ...
