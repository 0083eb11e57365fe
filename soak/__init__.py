"""The soak run (make soak): see run.py and README, "Soak run"."""
