"""How a delivery can fail: worth trying again later, or never going to work."""


class DeliveryFailure(Exception):
    """A message was not delivered; reason says why, in the server's words where it gave some."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TemporaryFailure(DeliveryFailure):
    """The server or the way to it is unavailable now (refused, timed out, SMTP 4xx): retry later."""


class PermanentFailure(DeliveryFailure):
    """This message will never be accepted as it is (SMTP 5xx to it, an address that is none)."""
