"""Evidence: review decisions in a hash chain, verification, bundles, pseudonyms, retention.

Layer 2: reads and writes the case only through `sentinelle.store`'s Case API.
"""

from .decisions import DECISIONS, append_entry, canonical_json, latest_decisions, record_decision
from .pseudonym import Pseudonymiser
from .verify import VerifyReport, verify_bundle, verify_case

__all__ = [
    "DECISIONS",
    "Pseudonymiser",
    "VerifyReport",
    "append_entry",
    "canonical_json",
    "latest_decisions",
    "record_decision",
    "verify_bundle",
    "verify_case",
]
