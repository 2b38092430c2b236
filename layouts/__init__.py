"""Page layouts: functions of the URL query that build components. No callbacks, no data access beyond store look-ups of names."""
