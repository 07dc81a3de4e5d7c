"""suanpan: the two doors in, ``extract`` (plain Python) and ``create_app`` (Flask)."""

from service.engine import __version__, extract

__all__ = ["__version__", "create_app", "extract"]


def create_app(test_config=None):
    """Build the Flask app; Flask is imported here so ``extract`` never needs it."""
    from service.app import create_app as _create_app

    return _create_app(test_config)
