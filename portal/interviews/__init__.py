"""Interviews by verhalenbegeleiders: respondents, consent, entering and saving interviews."""
