"""quizcli's entry point with the session fixture bank as the bundled banks.

Subprocess and pseudo-terminal tests run this file, so they exercise the real
CLI without ever loading the real question banks.
"""

from pathlib import Path

from quizcli import env

BANK = Path(__file__).resolve().parent.parent / "fixtures" / "session"
env.bundled_banks_dir = lambda: BANK

if __name__ == "__main__":
    from quizcli.cli import main

    main()
