"""Tests of portal/demo."""
