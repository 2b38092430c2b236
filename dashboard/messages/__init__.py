"""UI strings per page: each module defines ``MESSAGES = {key: {"en": ..., "bs": ..., "fr": ...}}``;
``dashboard.i18n`` merges them all (a duplicate key is an error)."""
