"""The seed app adds no pages or roles; its ``demo`` command reads the other manifests."""

from xaso.core.plugins import Manifest

MANIFEST = Manifest(app="seed")
