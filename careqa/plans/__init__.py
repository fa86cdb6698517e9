"""Action plans: what a provider must put right after a visit, and how it is followed up."""
