"""People and how they get in: users and teams, login wiring, set-password links, two-factor login."""
