from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
application = get_wsgi_application()


def freeze_loaded_objects() -> None:
    """Load the URLconf (and through it every view, form and query module), then move every
    object loaded so far into the garbage collector's permanent generation. Python's full
    collections then walk only what requests create, not the whole framework and Hearth: at
    100,000 homes each took about 100 ms of a request now and then (measured with
    `gc.callbacks` in `bench/pages_single.py`), enough to put a page's p95 over 150 ms. The
    frozen objects live as long as the process, as they would anyway."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (loading is the point)
    gc.freeze()


freeze_loaded_objects()
