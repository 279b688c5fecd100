"""tomwizard: document technical and organisational measures (Art. 32 GDPR)."""

__version__ = "0.1.0"
