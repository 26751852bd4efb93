"""WhatsApp exports (Android and iOS, .txt and .zip). The registry uses `READER`."""

from .reader import READER, WhatsAppReader

__all__ = ["READER", "WhatsAppReader"]
