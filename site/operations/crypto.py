"""Passphrase encryption of backup archives: AES-256-GCM in the STREAM construction (cryptography).

The archive is cut into 1 MiB chunks, each sealed with AES-GCM under a key derived from the
passphrase with scrypt; the nonce carries the chunk's number and a last-chunk flag, and the header is
authenticated with every chunk, so a reordered, altered or truncated archive fails to open. The
primitives are the `cryptography` package's; only their framing lives here.
"""

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"TTHC-BACKUP-AESGCM-1\n"
CHUNK = 1 << 20
TAG = 16
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1


class DecryptionError(Exception):
    """Wrong passphrase, or an archive that was altered or cut short."""


def is_encrypted(path):
    with open(path, "rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def _key(passphrase, salt, log2_n, r, p):
    kdf = Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p)
    return kdf.derive(passphrase.encode("utf-8"))


def _nonce(prefix, counter, last):
    return prefix + struct.pack(">IB", counter, 1 if last else 0)


class EncryptingWriter:
    """A write-only file object: plaintext in, sealed chunks out to `raw`."""

    def __init__(self, raw, passphrase):
        self.raw = raw
        salt, self.prefix = os.urandom(16), os.urandom(7)
        self.header = MAGIC + salt + bytes([SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P]) + self.prefix
        self.aead = AESGCM(_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
        self.buffer = bytearray()
        self.counter = 0
        raw.write(self.header)

    def write(self, data):
        self.buffer += data
        while len(self.buffer) > CHUNK:  # keep at least one byte back: the last chunk is sealed on close
            self._seal(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _seal(self, plain, last):
        sealed = self.aead.encrypt(_nonce(self.prefix, self.counter, last), plain, self.header)
        self.raw.write(struct.pack(">I", len(sealed)) + sealed)
        self.counter += 1

    def close(self):
        self._seal(bytes(self.buffer), last=True)
        self.buffer.clear()

    def flush(self):
        pass


class DecryptingReader:
    """A read-only file object over an archive written by EncryptingWriter."""

    def __init__(self, raw, passphrase):
        self.raw = raw
        header = raw.read(len(MAGIC) + 16 + 3 + 7)
        if not header.startswith(MAGIC) or len(header) != len(MAGIC) + 26:
            raise DecryptionError("không phải bản sao lưu đã mã hóa")
        salt = header[len(MAGIC) : len(MAGIC) + 16]
        log2_n, r, p = header[len(MAGIC) + 16 : len(MAGIC) + 19]
        self.prefix = header[-7:]
        self.header = header
        self.aead = AESGCM(_key(passphrase, salt, log2_n, r, p))
        self.counter = 0
        self.pending, self.pos = b"", 0
        self.done = False

    def _next_chunk(self):
        length = self.raw.read(4)
        if len(length) != 4:
            raise DecryptionError("bản sao lưu bị cắt cụt")
        (size,) = struct.unpack(">I", length)
        if size > CHUNK + TAG:
            raise DecryptionError("bản sao lưu bị hỏng")
        sealed = self.raw.read(size)
        if len(sealed) != size:
            raise DecryptionError("bản sao lưu bị cắt cụt")
        for last in (False, True):
            try:
                plain = self.aead.decrypt(_nonce(self.prefix, self.counter, last), sealed, self.header)
            except InvalidTag:
                continue
            self.counter += 1
            self.done = last
            if last and self.raw.read(1):
                raise DecryptionError("dữ liệu thừa sau phần cuối của bản sao lưu")
            return plain
        raise DecryptionError("sai cụm mật khẩu, hoặc bản sao lưu đã bị sửa đổi")

    def read(self, size=-1):
        parts, wanted = [], size
        while wanted != 0:
            if self.pos >= len(self.pending):
                if self.done:
                    break
                self.pending, self.pos = self._next_chunk(), 0
                continue
            end = len(self.pending) if wanted < 0 else min(len(self.pending), self.pos + wanted)
            parts.append(self.pending[self.pos : end])
            if wanted > 0:
                wanted -= end - self.pos
            self.pos = end
        return b"".join(parts)
