"""Pure figure builders: small frames in, plotly figure dicts out. No Dash, no I/O."""
