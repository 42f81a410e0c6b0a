"""CSV for organizers' participant lists (``?format=csv`` or ``Accept: text/csv``)."""

from __future__ import annotations

import csv
import io

from rest_framework.renderers import BaseRenderer


class CSVRenderer(BaseRenderer):
    """Render a list of flat dicts as CSV with a header row; an error body becomes one ``detail`` row.

    Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection).
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        rows = data if isinstance(data, list) else [{"detail": (data or {}).get("detail", "")}]
        out = io.StringIO()
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _safe(v) for k, v in row.items()})
        # A byte-order mark so Excel opens Danish letters correctly.
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe(value):
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
