"""Staff pages, one module per area: my work, search, records (home, tenancy, person), the
outbox and closure days."""
