"""oversight: plans and harmonises the annual supervision programmes of a Vietnamese
province's elected bodies (Đoàn ĐBQH, Thường trực HĐND, các Ban HĐND).

The behaviour lives in the Rust core (``oversight._oversight``); this package re-exports
it and adds the calendar helpers and the command line.
"""

from oversight import calendar
from oversight._oversight import (
    Analysis,
    CalendarError,
    InternalError,
    Plan,
    Problem,
    UnknownActivityError,
    ValidationError,
    __version__,
    generate,
)

__all__ = [
    "Analysis",
    "CalendarError",
    "InternalError",
    "Plan",
    "Problem",
    "UnknownActivityError",
    "ValidationError",
    "__version__",
    "calendar",
    "generate",
]
