"""Keys at rest: AES-GCM for original text, Ed25519 for checkpoints (kept outside the DB)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.canonical import commitment_of, original_payload
from storage.errors import ArchiveKeyError, WrongKeyError

_NONCE = 12
_SALT = 16


@dataclass(frozen=True, slots=True)
class Original:
    """Decrypted original content of a message version."""

    text: str
    sender_name: str
    salt: bytes


def parse_key(value: str) -> bytes:
    """A 256-bit key from base64 (or 64 hex digits); raise ArchiveKeyError with a clear message."""
    value = value.strip()
    try:
        key = bytes.fromhex(value) if len(value) == 64 else base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error) as exc:
        raise ArchiveKeyError(
            "存档密钥格式无效（需 32 字节 base64）/ archive key is not valid base64"
        ) from exc
    if len(key) != 32:
        raise ArchiveKeyError("存档密钥须为 32 字节 / archive key must be 32 bytes (AES-256)")
    return key


def new_key() -> str:
    """A fresh random archive key, base64-encoded."""
    return base64.b64encode(os.urandom(32)).decode()


def resolve_archive_key(
    env_or_config: str, key_file: Path | None, *, create: bool
) -> bytes | None:
    """The key from the setting/environment, else from the key file (created when asked)."""
    if env_or_config:
        return parse_key(env_or_config)
    if key_file is None:
        return None
    if key_file.is_file():
        return parse_key(key_file.read_text(encoding="ascii"))
    if not create:
        return None
    _write_private(key_file, (new_key() + "\n").encode())
    return parse_key(key_file.read_text(encoding="ascii"))


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def key_check(key: bytes) -> str:
    """A value stored in the DB that tells a wrong key from the right one, revealing nothing."""
    return hmac.new(key, b"wardwatch archive key check v1", hashlib.sha256).hexdigest()[:32]


class ArchiveCipher:
    """AES-256-GCM over the original text and sender name of one message version."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)
        self.check = key_check(key)

    def seal(self, text: str, sender_name: str, aad: bytes) -> tuple[bytes, str]:
        """Encrypt; return (nonce ‖ ciphertext, clear commitment)."""
        salt = os.urandom(_SALT)
        nonce = os.urandom(_NONCE)
        payload = original_payload(text, sender_name)
        blob = nonce + self._aead.encrypt(nonce, salt + payload, aad)
        return blob, commitment_of(salt, payload)

    def open(self, blob: bytes, aad: bytes) -> Original:
        """Decrypt a sealed blob; WrongKeyError if the key or the blob does not match."""
        try:
            plain = self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], aad)
        except InvalidTag as exc:
            raise WrongKeyError(
                "无法解密原文：密钥错误或数据被改动 / cannot decrypt the original"
            ) from exc
        body = json.loads(plain[_SALT:].decode())
        return Original(text=body["text"], sender_name=body["sender_name"], salt=plain[:_SALT])


def message_aad(source: str, chat_id: str, message_id: str, version: int) -> bytes:
    """Associated data binding a ciphertext to its message version (no swapping rows)."""
    return f"{source}\0{chat_id}\0{message_id}\0{version}".encode()


class Signer:
    """The Ed25519 checkpoint key, generated on first use and kept in a file outside the DB."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._key: Ed25519PrivateKey | None = None

    def _load(self) -> Ed25519PrivateKey:
        if self._key is None:
            if not self.path.is_file():
                raw = Ed25519PrivateKey.generate().private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
                _write_private(self.path, raw)
            loaded = serialization.load_pem_private_key(self.path.read_bytes(), password=None)
            if not isinstance(loaded, Ed25519PrivateKey):
                raise ArchiveKeyError(f"{self.path}: 不是 Ed25519 签名密钥 / not an Ed25519 key")
            self._key = loaded
        return self._key

    def public_key_hex(self) -> str:
        """The raw 32-byte public key as hex (publish it; bundles carry it)."""
        return public_hex(self._load().public_key())

    def sign(self, data: bytes) -> str:
        """Hex Ed25519 signature over data."""
        return self._load().sign(data).hex()


def public_hex(key: Ed25519PublicKey) -> str:
    """Raw public key bytes as hex."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def verify_signature(public_key_hex: str, signature_hex: str, data: bytes) -> bool:
    """True when signature_hex is a valid Ed25519 signature of data by that public key."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(bytes.fromhex(signature_hex), data)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public_key_hex: str) -> str:
    """Short, human-comparable fingerprint of a public key (first 16 hex of its SHA-256)."""
    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()[:16]
    return ":".join(digest[i : i + 4] for i in range(0, 16, 4))
