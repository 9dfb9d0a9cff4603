"""What `flask tickets …` runs: seeding, CSV import, reclassification. No HTTP here."""
