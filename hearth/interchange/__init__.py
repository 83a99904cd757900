"""Interchange: moving a landlord's records in and out as a folder of CSV files
(`hearth import DIR`, `hearth export DIR`; the spec is `spec/interchange.md`, the admin guide
`docs/interchange.md`).

- `services`: `import_folder`, `export_folder`, `check_folder_problems` (for views and tests).
- `registry`: the files, and how a domain adds its own (read its docstring first).
- `spec.FileSpec`, `columns`: the declarative file and column types.
- Each app's own files are in its `interchange.py` (`hearth/estates/interchange.py`: estates.csv,
  blocks.csv, homes.csv; `hearth/tenancies/interchange.py`: tenancies.csv; ...).
"""
