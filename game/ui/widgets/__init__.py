"""Widgets drawn by Parley itself (map, timeline, meters, delegations, cards): each renders to a
cached surface when its inputs change, so a frame is a handful of blits."""
