"""Tests of portal/cycles."""
