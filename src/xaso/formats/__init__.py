"""Django FORMAT_MODULE_PATH overrides: dd/mm/yyyy dates whatever the interface language."""
