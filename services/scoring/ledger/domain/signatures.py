"""Ed25519 keys: loading them from PEM or raw base64, and naming them by a short key id."""

from __future__ import annotations

import base64
import binascii
from hashlib import sha256

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

RAW_KEY_SIZE = 32
SIGNATURE_SIZE = 64


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """The first 8 bytes of the SHA-256 of the raw key, in hex: short, and stable across formats."""
    return sha256(raw_public_key(key)).hexdigest()[:16]


def public_key_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def _decoded(text: str, size: int) -> bytes | None:
    """`size` bytes written in hex or base64; None when the text is neither."""
    for decode in (bytes.fromhex, base64.b64decode):
        try:
            raw = decode(text.strip())
        except (ValueError, binascii.Error):
            continue
        if len(raw) == size:
            return raw
    return None


def load_public_key(text: str | bytes) -> Ed25519PublicKey:
    """A public key from PEM, or from the 32 raw bytes in base64 or hex; ValueError otherwise."""
    data = text.decode() if isinstance(text, bytes) else text
    if "-----BEGIN" in data:
        key = serialization.load_pem_public_key(data.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the PEM key is not an Ed25519 public key")
        return key
    raw = _decoded(data, RAW_KEY_SIZE)
    if raw is None:
        raise ValueError("an Ed25519 public key is a PEM block or 32 bytes in base64 or hex")
    return Ed25519PublicKey.from_public_bytes(raw)


def load_private_key(pem: str | bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(
        pem.encode() if isinstance(pem, str) else pem, password=None
    )
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the PEM key is not an Ed25519 private key")
    return key


def private_key_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def signature_valid(key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


def decode_signature(text: str) -> bytes | None:
    """A signature sent as base64 or hex; None when it is neither."""
    return _decoded(text, SIGNATURE_SIZE)
