"""Traditional Chinese number format: Django's default has no thousands separator (2553); Taiwan's
government publications group by three with commas (2,553)."""

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
