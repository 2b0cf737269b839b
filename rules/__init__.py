"""Built-in declarative rule packs (YAML). Installed as the package data of ``newslint.builtin_packs``."""
