"""Modal dialogs of the wizard."""
