"""Analysis (DESIGN §7): aggregates in SQL, statistics from SciPy, charts as server-side SVG,
patterns, observations and tags."""
