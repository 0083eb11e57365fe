"""Tests of portal/stories."""
