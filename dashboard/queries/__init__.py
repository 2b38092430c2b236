"""Pure, memoised page queries (data shaping for pages lives here, not in callbacks)."""
