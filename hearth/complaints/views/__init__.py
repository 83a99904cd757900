"""Staff pages for complaints, mounted at /staff/complaints/."""
