"""Pictures written to files with pygame (the decision tree, the class chart): here, so that only
the window's package imports pygame. The command-line tools import these modules when a PNG is
asked for, and they draw off-screen, without a window."""
