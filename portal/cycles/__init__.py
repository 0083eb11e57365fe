"""The biweekly rhythm (DESIGN §6): cycle arithmetic, prompt questions and a team's bank,
participation, reminders and the calendar feed."""
