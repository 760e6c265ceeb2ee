"""atlasctl: the operator CLI behind every `make ops-*` target."""

__version__ = "1.1.0"
