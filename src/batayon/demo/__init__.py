"""The demo: a realistic Kushtia district (seed 001 is its DC's letter)."""
