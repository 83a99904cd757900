"""Translation look-ups in a freshly started Hearth process: no fallback catalog that holds no
message is walked, and every look-up gives what it gave before."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json
import django
django.setup()
from gettext import GNUTranslations
from django.utils import translation
from django.utils.translation import trans_real

def chain(code):
    found, node = [], trans_real.translation(code)._fallback
    while node is not None:
        found.append(sorted(node._catalog) if isinstance(node, GNUTranslations)
                     and not isinstance(node, trans_real.DjangoTranslation) else "django")
        node = node._fallback
    return found

words = {}
for code in ("en-gb", "tr"):
    with translation.override(code):
        words[code] = [translation.gettext(w) for w in
                       ("Your requests", "This field is required.", "Not a message anywhere")]
print(json.dumps({"en-gb": chain("en-gb"), "tr": chain("tr"), "words": words}))
"""


def test_a_started_process_walks_no_empty_catalog_and_translates_as_before():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hearth.settings"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    # Django chains six `en` catalogs holding only a header ([""]) behind English; none is left.
    assert found["en-gb"] == []
    assert found["tr"] == ["django"]  # Turkish falls back to English, as Django sets it up
    assert found["words"] == {
        "en-gb": ["Your requests", "This field is required.", "Not a message anywhere"],
        "tr": ["Talepleriniz", "Bu alan zorunludur.", "Not a message anywhere"],
    }
