"""Dagster orchestration of the Bogotá cooperation warehouse (see definitions.py)."""
