"""Streamlit user interface of the simulator (pages, widgets, strings)."""
