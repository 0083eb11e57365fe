"""Team sessions: sessions, phases, interpreting, comparison, record, report (DESIGN §5 "Coach")."""
