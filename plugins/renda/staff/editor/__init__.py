"""The browser editor for staff: Decap CMS with its configuration made from renda's schema,
and a local backend for the office PC that names, formats and commits what the form saves."""
