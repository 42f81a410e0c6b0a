"""Demo data drawn from the seed documents (Væksthuset, RV Lab). Loaded by `manage.py load_demo`."""
