"""Non-API views of the members domain: the personal calendar feed and the Wagtail admin views."""
