"""Tests of portal/core."""
