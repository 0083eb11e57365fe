"""Tests of portal/frameworks."""
