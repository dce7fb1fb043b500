"""Unit models extend core activities with one-to-one detail models (see docs/architecture.md)."""
