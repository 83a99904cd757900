"""Every write in the rents domain, one module per area:

- `accounts`: opening accounts, weekly rates, rent-free weeks, direct debit mandates;
- `ledger`: posting transactions, taking payments, adjustments and write-offs, balances;
- `debit_run`: the weekly charges, in bulk;
- `payments`: payment files from every channel, returned direct debits;
- `suspense`: allocating or sending back unmatched payments, following up returns;
- `arrears`: opening and closing arrears cases, the recommended next step;
- `casework`: an income officer's contacts, checks, income and expenditure, payment plans;
- `benefits`: benefit claims and direct payment requests;
- `recovery`: letters, the Notice of Seeking Possession, the court referral, closing;
- `advice`: money advice offers and referrals;
- `statements`: rent statements, on request and quarterly.
"""
