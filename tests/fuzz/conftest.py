"""The end-to-end fixtures (a local Bot API server and a scene in it) for the live fuzz test."""

from tests.e2e.conftest import botapi, scene  # noqa: F401 - pytest finds fixtures by name
