"""The staff site's own pages: my work, search, the outbox, closure days, the landlord's
settings and people who sign in. The landlord's records (homes, tenancies, people) are
tenancies' pages (`hearth.tenancies.views`), mounted in `hearth/staff/urls.py`."""
