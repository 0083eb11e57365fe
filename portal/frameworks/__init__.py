"""Signifier frameworks (DESIGN §4): versions, the default frameworks, and answers (parse, check
and save one interpretation)."""
