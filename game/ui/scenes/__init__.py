"""The screens: title, scenario chooser, setup, play (and history replay), debrief, saves,
settings, and the overlays (pause, help, messages)."""
