"""Decision tracking: status reports found in follow-up documents, and their links to earlier decisions."""
