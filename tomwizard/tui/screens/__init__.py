"""Screens of the wizard, one per module."""
