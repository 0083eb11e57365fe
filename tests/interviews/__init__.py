"""Tests of portal/interviews."""
