"""Revisions of every content record and the audit log (R-7.1: every change is recorded)."""
