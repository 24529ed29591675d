"""The project's own package, at the root of the zipapp."""
