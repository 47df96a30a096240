"""The jejaring command line, installed as the package ``jejaring_cli``."""
