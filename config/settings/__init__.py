"""Settings package: ``base`` (embedded defaults), ``production`` (strict) and ``test``."""
