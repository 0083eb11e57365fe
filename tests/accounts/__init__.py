"""Tests of portal/accounts."""
