"""My work: the team's home page, built from the sections other apps register."""
