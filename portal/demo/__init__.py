"""The fictional Demoteam of ``flask --app portal demo``: accounts, reflections and interviews
with plausible Dutch texts."""
