"""Tests of portal/policy."""
