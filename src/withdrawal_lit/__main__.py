"""`python -m withdrawal_lit`: the same command line as `withdrawal-lit`."""

from withdrawal_lit.cli import main

if __name__ == "__main__":
    main()
