"""Trends and early warning: count series from the store (series), change levels and spike tests (change), alert
rules (rules, evaluate), the alerts table (record), delivery (delivery) and charts (plot). `rasd.alerts` is the
public entry point."""
