"""Allow ``python -m jixiao``."""

from jixiao.cli import main

if __name__ == "__main__":
    main()
