"""The one phone-number rule: identity linking, the dynamics analysis and the pseudonymiser all
compare numbers by `phone_key`, so a number linked in one place is the same number everywhere
(and cannot escape pseudonymisation by being spelt another way).

A number is read with Google's libphonenumber (`phonenumbers`): written internationally
("+33 6 12 34 56 78", "0033 6 12 34 56 78") or nationally in the default region, France
("06 12 34 56 78", "06.12.34.56.78", "(06) 12-34-56-78", "612345678"), it comes back in E.164
("+33612345678"). Anything else (a name, a date, a Discord id with letters) is not a phone.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from .textutil import placeholder_phone

DEFAULT_REGION = "FR"
# digits and the separators people type; a leading + (or 00) for international numbers
_SHAPE = re.compile(r"\+?[\d\s\-().\u00a0\u202f/]{8,24}")
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"))


@lru_cache(maxsize=65_536)
def phone_key(text: str | None, region: str = DEFAULT_REGION) -> str | None:
    """The E.164 form of a phone number in any spelling, else None."""
    if not text:
        return None
    cleaned = text.translate(_INVISIBLE).strip().lstrip("~").strip()
    if not _SHAPE.fullmatch(cleaned):
        return None
    digits = "".join(c for c in cleaned if c.isdigit())
    if not 8 <= len(digits) <= 15 or placeholder_phone(digits):
        return None  # "+7 999 999-99-99" and the like link nobody
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
