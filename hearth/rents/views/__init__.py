"""Staff pages for rent: the arrears work queue and cases, rent accounts, payment files,
suspense, returned direct debits and money advice."""
