"""Staff pages, one module per area: my work, search, records (home, tenancy, person), the
outbox, closure days, the landlord's settings, people who sign in, and the pages that change a
person's record (people), cautionary alerts (alerts) and households (household)."""
