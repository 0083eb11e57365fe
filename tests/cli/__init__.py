"""Tests of portal/cli."""
