"""Run by tests/install_test.cmake with PYTHONPATH set to the installed site-packages only."""
import pathlib
import sys

import e911

assert pathlib.Path(e911.__file__).resolve().is_relative_to(pathlib.Path(sys.argv[2]).resolve()), e911.__file__
assert e911.__version__ == sys.argv[3], (e911.__version__, sys.argv[3])
cfg = e911.load(sys.argv[1])
trace = cfg.simulate("911", ip="10.10.1.9/24")
assert trace.psap_correct is True, trace.to_dict()
assert all((pathlib.Path(e911.__file__).parent / f).exists() for f in ("py.typed", "_results.py", "_e911.pyi"))
print("installed python module ok:", e911.__file__)
