"""`python -m rasd ...` runs the same command as the `rasd` script."""

from rasd.cli import main

if __name__ == "__main__":
    main()
