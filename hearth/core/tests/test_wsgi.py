"""The web process's entry point freezes what it loads out of the garbage collector's way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import gc, sys
import hearth.wsgi
print(gc.get_freeze_count(), "hearth.repairs.views" in sys.modules)
"""


def test_loading_the_wsgi_application_loads_the_views_and_freezes_them() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    frozen, views_loaded = done.stdout.split()
    # Tens of thousands of objects: Django, every app's models, views and forms.
    assert int(frozen) > 50_000
    assert views_loaded == "True"
