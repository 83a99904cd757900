"""The landlord's own records as staff see them: a home, a tenancy and a person (records),
changes to a person's record (people), cautionary alerts (alerts) and households (household).
The staff site mounts them under its own URLs (`hearth/staff/urls.py`)."""
