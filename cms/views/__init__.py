"""Views of the knowledge platform: page contexts, files, the podcast feed and search."""
