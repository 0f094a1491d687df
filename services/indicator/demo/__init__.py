"""Demo data of a realistic city, from the two reform texts (see /seeds): loaded by `python -m services.indicator.seed`."""
