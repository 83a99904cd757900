"""The Foundation files: estates, blocks, homes and tenancies (with their lead tenants)."""

from __future__ import annotations

from hearth.interchange.foundation import estates, tenancies

__all__ = ["estates", "tenancies"]
