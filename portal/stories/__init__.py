"""Stories: the reflection services, lists, the privacy lint before submitting, and retention."""
