"""`python -m bot.botapi [--host H] [--port P] [--token T]`: run the local Bot API server."""

from __future__ import annotations

import argparse
import logging

from bot.botapi.run import serve
from bot.botapi.state import DEFAULT_TOKEN


def main() -> None:
    """Parse the options and serve until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m bot.botapi", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    serve(args.host, args.port, token=args.token)


if __name__ == "__main__":
    main()
