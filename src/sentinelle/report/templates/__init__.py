"""Jinja2 template, CSS and script of the HTML report (package data)."""
