"""Every write in the rents domain, one module per area:

- `accounts`: opening accounts, weekly rates, rent-free weeks, direct debit mandates;
- `ledger`: posting transactions, taking payments, adjustments and write-offs, balances;
- `debit_run`: the weekly charges, in bulk;
- `payments`: payment files from every channel, suspense, returned direct debits;
- `arrears`: opening and closing arrears cases, the recommended next step;
- `casework`: an income officer's steps on a case;
- `advice`: money advice offers and referrals;
- `statements`: rent statements, on request and quarterly.
"""
