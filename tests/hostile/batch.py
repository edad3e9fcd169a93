"""Valid calls over ``commercekit.batch``."""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa

from tests.hostile import Call, call

CALLS: dict[str, Callable[[], Call]] = {
    "BatchResult": lambda: call(
        pa.table({"row": [0]}), pa.table({"row": pa.array([], pa.int64())})
    ),
}
