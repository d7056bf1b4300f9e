"""Tools for scenario authors: validate, check, graph, simulate and new."""
