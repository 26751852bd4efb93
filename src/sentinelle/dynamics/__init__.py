"""Group dynamics: who talks to whom, who leads, who obeys, who is silenced, and how groups form,
grow and vanish. Pure analysis: records in, JSON-able results with evidence out.
"""

from .api import DynamicsResult, analyze_dynamics, find_directives
from .directives import read_directive
from .roster import RosterRow, parse_roster
from .settings import VERSION, DynamicsSettings

__all__ = [
    "VERSION",
    "DynamicsResult",
    "DynamicsSettings",
    "RosterRow",
    "analyze_dynamics",
    "find_directives",
    "parse_roster",
    "read_directive",
]
