"""Public pages: programs, institutes, themes and statistics (programs.py); cities and agreements,
which list programs (places.py)."""
